"""`python -m guide_tools.exercises`: the reader's command (guide_tools/exercises/runner.py)."""

import signal
import sys

from guide_tools.devtools.interrupt import one_interrupt
from guide_tools.exercises.runner import main

one_interrupt()  # Ctrl+C arrives twice under `uv run`: the second copy must not cut the first's clean-up short
try:
    sys.exit(main(sys.argv[1:]))
except KeyboardInterrupt:  # Ctrl+C during a check or a question: stop quietly
    sys.exit(128 + signal.SIGINT)
