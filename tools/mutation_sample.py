"""Sampled mutation testing of snippets/: does changing a line the pages show fail a test?

A report, not a gate (see CONTRIBUTING, "Mutation sampling"). For each section it picks N lines at
random (fixed seed) from the section's Python files, applies one small mutation to each (a
comparison flipped or widened, a boolean or a number changed, `and`/`or` swapped, a statement or a
settings list entry removed), runs that topic's test module without coverage, and counts the
mutants some test kills. Run it on a copy of the repository, never on a working tree you edit:

    cp -r . /tmp/mut && cd /tmp/mut && .venv/bin/python tools/mutation_sample.py --per-section 8

One mutant runs at a time (one pytest process), so it uses one core.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("compare", "django_ecosystem", "performance", "overview", "projects")
SWAPS = [(" <= ", " < "), (" >= ", " > "), (" < ", " <= "), (" > ", " >= "), (" == ", " != "),
         (" != ", " == "), (" and ", " or "), (" or ", " and "), ("True", "False"), ("False", "True")]
NUMBER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")


def mutations(line: str) -> list[str]:
    """Every mutant of one line, most specific first."""
    code = line.split("#", 1)[0]
    if not code.strip() or code.lstrip().startswith(("import ", "from ", "def ", "class ", "@", '"""', "'")):
        return []
    found = [line.replace(old, new, 1) for old, new in SWAPS if old in code]
    number = NUMBER.search(code)
    if number:
        found.append(line[:number.start()] + str(int(number.group()) + 1) + line[number.end():])
    stripped = code.strip()
    indent = line[: len(line) - len(line.lstrip())]
    if stripped.startswith('"') and stripped.endswith(","):  # an entry of a settings list
        found.append(f"{indent}# removed\n")
    elif not stripped.endswith((":", "(", "[", "{", ",", "\\")) and not stripped.startswith((")", "]", "}")):
        if not stripped.startswith(("return", "yield", "raise", "else", "elif", "except", "finally")):
            found.append(f"{indent}pass\n")
    return found


def test_module(path: Path) -> Path | None:
    parts = path.relative_to(ROOT / "snippets").parts
    section, topic = parts[0], parts[1] if len(parts) > 2 else Path(parts[1]).stem
    for name in (f"test_{topic}.py", f"test_{topic.replace('-', '_')}.py"):
        candidate = ROOT / "tests" / section / name
        if candidate.exists():
            return candidate
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-section", type=int, default=8)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--sections", default=",".join(SECTIONS))
    parser.add_argument("--fast", action="store_true", help='only the fast tests (-m "not slow"): quicker, kills fewer')
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    totals = {}
    for section in args.sections.split(","):
        sites = []
        for path in sorted((ROOT / "snippets" / section).rglob("*.py")):
            if "__pycache__" in path.parts or path.name == "__init__.py" or test_module(path) is None:
                continue
            for number, line in enumerate(path.read_text().splitlines(keepends=True)):
                for mutant in mutations(line):
                    sites.append((path, number, mutant))
        killed = undecided = 0
        chosen = rng.sample(sites, min(args.per_section, len(sites)))
        for path, number, mutant in chosen:
            original = path.read_text()
            lines = original.splitlines(keepends=True)
            before = lines[number]
            lines[number] = mutant if mutant.endswith("\n") else mutant + "\n"
            path.write_text("".join(lines))
            started = time.monotonic()
            try:
                command = [sys.executable, "-m", "pytest", "-x", "-q", "--no-cov", "-p", "no:cacheprovider",
                           *(["-m", "not slow"] if args.fast else []), str(test_module(path))]
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=args.timeout)
                outcome = "killed" if done.returncode != 0 else "SURVIVED"
            except subprocess.TimeoutExpired:
                outcome = "timeout"  # undecided: neither a kill nor a survivor
            finally:
                path.write_text(original)
            killed += outcome == "killed"
            undecided += outcome == "timeout"
            print(f"{section:<17} {outcome:<16} {time.monotonic() - started:5.0f}s  "
                  f"{path.relative_to(ROOT)}:{number + 1}: {before.strip()!r} -> {mutant.strip()!r}", flush=True)
        totals[section] = (killed, len(chosen) - undecided, undecided)
    print()
    for section, (killed, decided, undecided) in totals.items():
        print(f"{section:<17} {killed}/{decided} killed ({100 * killed / max(decided, 1):.0f} %), {undecided} timed out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
