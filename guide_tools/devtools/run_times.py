"""Where a test run's time went: per pass, per test module and the slowest tests, from the JUnit XML
files `dev.py test` writes when SIDE_BY_SIDE_TIMES names a folder (one file per stack and pass).

    python3 -m guide_tools.devtools.run_times .cache/run-times

`.ci/run` prints this after the tests, pass or fail, so that the end of CI's log says which modules
to make faster (contributing/speed.md). Times are the tests' own (setup, call, teardown), summed
over the xdist workers: a module's figure is worker time, about twice its share of the wall time on
two workers. Standard library only: it runs with the machine's python3, outside the stacks."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

TOP_MODULES = 20
TOP_TESTS = 12


def module_of(case: ET.Element) -> str:
    """tests/browser/test_run.py from classname="tests.browser.test_run" (or a class inside it)."""
    parts = case.get("classname", "").split(".")
    while parts and not parts[-1].startswith("test_"):
        parts.pop()
    return "/".join(parts) + ".py" if parts else case.get("classname", "?")


def summary(folder: Path) -> list[str]:
    files = sorted(folder.glob("*.xml"))
    if not files:
        return [f"run_times: no JUnit files in {folder} (SIDE_BY_SIDE_TIMES unset, or no pass finished)"]
    # The passes' wall times come last: CI's log is often shown by its tail only.
    walls: list[str] = []
    modules: dict[tuple[str, str], float] = defaultdict(float)
    tests: list[tuple[float, str, str]] = []
    for file in files:
        run = file.stem  # lts-suite, lts-browser, latest-suite
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as error:
            walls.append(f"  {file.name}: unreadable ({error}); the pass may have been killed")
            continue
        suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
        wall = sum(float(s.get("time", 0)) for s in suites)
        count = sum(int(s.get("tests", 0)) for s in suites)
        walls.append(f"  {run:<16} {count:>5} tests  {wall / 60:5.1f} min wall")
        for case in root.iter("testcase"):
            seconds = float(case.get("time", 0))
            modules[(run, module_of(case))] += seconds
            tests.append((seconds, run, f"{module_of(case)}::{case.get('name', '?')}"))
    lines = [f"The {TOP_TESTS} slowest tests (seconds):"]
    for seconds, run, name in sorted(tests, reverse=True)[:TOP_TESTS]:
        lines.append(f"  {seconds:6.1f}  {run:<16} {name}")
    lines.append(f"The {TOP_MODULES} slowest modules (minutes of worker time, summed over the xdist workers):")
    for (run, module), seconds in sorted(modules.items(), key=lambda item: -item[1])[:TOP_MODULES]:
        lines.append(f"  {seconds / 60:5.1f}  {run:<16} {module}")
    return [*lines, "Where the time went, per pass:", *walls]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    print("\n".join(summary(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
