"""`python -m guide_tools.exercises`: the reader's command (guide_tools/exercises/runner.py)."""

import os
import signal
import sys

from guide_tools.devtools.interrupt import one_interrupt
from guide_tools.exercises.runner import main

one_interrupt()  # Ctrl+C arrives twice under `uv run`: the second copy must not cut the first's clean-up short
try:
    sys.exit(main(sys.argv[1:]))
except KeyboardInterrupt:  # Ctrl+C during a check or a question: stop quietly
    sys.exit(128 + signal.SIGINT)
except BrokenPipeError:  # `--solution | head`: the reader has read enough; no traceback
    # Python flushes stdout again at exit and would print the error then: point it at devnull first.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(128 + signal.SIGPIPE)
