"""`python -m guide_tools.devtools.readers_timing [--wrong]`: how long the testing exercises' checks
take, which run the reader's tests once per mutant (guide_tools/exercises/support.py,
run_readers_tests). Prints wall seconds of one check run of each framework's solution and, with
--wrong, of testing/flask's corpus of wrong solutions (verify_wrong, as the exercise tests run it).

EXERCISE_READERS_SUBPROCESS=1 forces the subprocess per run (the path without fork), for a
before/after on one machine. Figures, not a test: run it in a stack's environment
(`python3 dev.py shell python -m guide_tools.devtools.readers_timing`) on a quiet machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from guide_tools.exercises import runner


def main(argv: list[str]) -> int:
    path = "subprocess" if os.environ.get("EXERCISE_READERS_SUBPROCESS") == "1" else "fork where possible"
    print(f"run_readers_tests: {path}, Python {sys.version.split()[0]}")
    by_name = {e.name: e for e in runner.load_all()}
    for framework in ("flask", "fastapi", "django"):
        exercise = by_name[f"testing/{framework}"]
        with tempfile.TemporaryDirectory(prefix="solution-") as tmp:
            folder = runner.build(exercise, Path(tmp) / "app")
            start = time.perf_counter()
            result = runner.run_checks(exercise, folder, strict=True, **runner.CI_LIMITS)
        print(f"testing/{framework} solution: {time.perf_counter() - start:6.1f} s "
              f"({result.passed} checks passed, ok={result.ok})", flush=True)
    if "--wrong" in argv:
        exercise = by_name["testing/flask"]
        start = time.perf_counter()
        verdicts = runner.verify_wrong(exercise)
        rejected = sum(v.rejected for v in verdicts)
        print(f"testing/flask wrong/ and right/: {time.perf_counter() - start:6.1f} s "
              f"({len(verdicts)} folders, {rejected} as declared)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
