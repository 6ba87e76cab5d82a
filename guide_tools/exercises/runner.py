"""Exercises: the chapters' small tasks, the reader's command and CI's honesty check.

`python3 dev.py exercise [NAME[/FRAMEWORK]] [--reset] [--solution] [--watch] [--lang en|ko|ru]`
and `python3 dev.py exercise --check-all` run this module inside the project's environment.
The layout of an exercise, how its checks and hints are written and how CI checks them are in
contributing/exercises.md, "Exercises". In short:

    exercises/<section>/<topic>/exercise.toml       titles and per-check hints, in en, ko and ru
    exercises/<section>/<topic>/<framework>/checks.py   pytest checks, run against a folder
    exercises/<section>/<topic>/<framework>/starter/    the app with the gap (copied for the reader)
    exercises/<section>/<topic>/<framework>/solution/   the reference solution: the files that differ
    exercises/<section>/<topic>/<framework>/wrong/<slug>.patch   a plausible wrong solution: a diff against the solution
    exercises/<section>/<topic>/<framework>/right/<slug>.patch   another correct solution: a diff against the solution
    my-exercises/<topic>/<framework>/                   the reader's copy (git-ignored)

The checks of one exercise run in one pytest subprocess (guide_tools/exercises/plugin.py writes
its results as JSON), with a time limit per check and one for the whole run. The wrong solutions
of one exercise share one process start (guide_tools/exercises/batch.py forks a pytest per
wrong solution from a process that has the framework imported).

`--check-all` on the latest stack stamps each exercise it passed (<framework>/corpus.stamp: a
digest of every input its corpus's verdicts depend on, corpus_inputs); while the stamp is current,
the corpus test on every commit runs only a cover of its checks (corpus_plan).

The parts, one concern per module of this package: catalog.py (the exercises as data, and the
directive a page expands), validate.py (the data checked before anything runs), checking.py
(running the checks), reporting.py (what the reader reads, in their language), reader.py (the
reader's command and working copies), corpus.py (CI's honesty check and the stamp), texts.py (the
runner's own words); this module is the command line.

An assertion message may start with a cause tag, `[not_json] GET /books/99 answered ...`: the
reader sees the message without the tag and the hint of `[<framework>.causes.not_json]` instead
of the check's own hint (the starter's fix), which would be wrong advice for that mistake.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from guide_tools.exercises.catalog import EXERCISES, LANGUAGES, RIGHT, WORK, WRONG, language, load_all, normalize, select
from guide_tools.exercises.corpus import STAMP_STACK, check_all
from guide_tools.exercises.reader import Reader
from guide_tools.exercises.reporting import interactive
from guide_tools.exercises.texts import UNSTAMPED

# The package's parts under the one name its callers know (dev.py, the MkDocs hook, the tests). The
# browser's Check imports only catalog, checking and reporting (web.SUPPORT): not this module.
from guide_tools.exercises.catalog import *  # noqa: E402,F401,F403
from guide_tools.exercises.checking import *  # noqa: E402,F401,F403
from guide_tools.exercises.corpus import *  # noqa: E402,F401,F403
from guide_tools.exercises.reader import *  # noqa: E402,F401,F403
from guide_tools.exercises.reporting import *  # noqa: E402,F401,F403
from guide_tools.exercises.texts import *  # noqa: E402,F401,F403
from guide_tools.exercises.validate import *  # noqa: E402,F401,F403




def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 dev.py exercise", description="The guide's exercises.")
    p.add_argument("name", nargs="?", help="an exercise (`routing`) or one framework's version (`routing/flask`)")
    p.add_argument("--reset", action="store_true", help="start over from the starter (your copy is kept in a backup)")
    p.add_argument("--yes", action="store_true", help="with --reset: do not ask before resetting a copy you changed")
    p.add_argument("--solution", action="store_true", help="show how your copy differs from the reference solution")
    p.add_argument("--watch", action="store_true", help="run the checks again whenever you save")
    p.add_argument("--lang", choices=LANGUAGES, help="the language of the messages (default: from $LANG)")
    for which, what in ((WRONG, "a wrong solution"), (RIGHT, "another correct solution")):
        p.add_argument(f"--edit-{which}", metavar="SLUG", help=f"authors: make your copy the reference solution with "
                       f"{which}/SLUG.patch applied ({what}; the reference alone for a new SLUG), to edit")
        p.add_argument(f"--save-{which}", metavar="SLUG", help=f"authors: save how your copy differs from the reference "
                       f"solution as {which}/SLUG.patch, run the checks on it and print its exercise.toml entry")
    p.add_argument("--why", help="with --save-wrong or --save-right: one English line for the entry")
    p.add_argument("--check-all", action="store_true",
                   help="CI: every starter fails as intended, every solution passes, every wrong solution is rejected "
                        "(with a name, only that exercise)")
    return p


def main(argv: list[str], work_root: Path = WORK, out=None, ask: Callable[[str], str] | None = None,
         root: Path = EXERCISES, **limits) -> int:
    """The command. `ask` answers --reset's questions (default: input() when stdin is a terminal);
    `root` is exercises/ (tests pass a copy)."""
    args = parser().parse_args(argv)
    exercises = load_all(root)
    reader = Reader(language(args.lang), work_root, out, ask=ask or (input if interactive() else None))
    chosen = select(args.name, exercises) if args.name else exercises
    if not chosen:
        return reader.unknown(args.name, exercises)
    if args.check_all:  # with a name, only that exercise (or that framework's version)
        from guide_tools.devtools import stacks

        stamp = stacks.current() == STAMP_STACK
        code = check_all(chosen, out=out, stamp=stamp)
        if not stamp:
            print(UNSTAMPED.format(stack=STAMP_STACK), file=out or sys.stdout)
        return code
    if not args.name:
        return reader.list(exercises)
    for which in (WRONG, RIGHT):
        edit, save = getattr(args, f"edit_{which}"), getattr(args, f"save_{which}")
        if edit or save:
            if len(chosen) != 1:
                print(f"--{'edit' if edit else 'save'}-{which} works on one framework's version: "
                      f"{', '.join(e.name for e in chosen)}.", file=reader.out)
                return 2
            return reader.edit_wrong(chosen[0], edit, which) if edit else reader.save_wrong(chosen[0], save, args.why, which)
    if args.reset and not reader.reset_all(chosen, normalize(args.name, exercises), args.yes):
        return 1
    for exercise in chosen:
        reader.ensure_copy(exercise)
    if args.solution:
        return max(reader.solution(e) for e in chosen)
    if args.watch:
        return reader.watch(chosen, **limits)
    return max(reader.check(e, **limits) for e in chosen)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
