"""`python -m guide_tools.exercises.runner`: the reader's command (guide_tools/exercises/runner.py)."""

import sys

from guide_tools.exercises.runner import main

sys.exit(main(sys.argv[1:]))
