"""CI's honesty check (`--check-all`): every starter fails exactly its intended checks, every
solution passes, every wrong solution is rejected as declared and every right one accepted; and the
corpus stamp, which lets the corpus test on every commit run only a cover while its inputs are
unchanged (contributing/exercises.md, "Exercises")."""
from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from guide_tools.exercises import patches
from guide_tools.exercises.catalog import CI_LIMITS, Exercise, LANGUAGES, RIGHT, ROOT, WRONG, batteries_imported, build, shown
from guide_tools.exercises.checking import Result, run_batch, run_checks
from guide_tools.exercises.reporting import untranslated
from guide_tools.exercises.texts import CHECK_ALL_SUMMARY, DATA_PROBLEMS, MISMATCH_ENGLISH, MISMATCH_RIGHT, MISMATCH_SOLUTION, MISMATCH_STARTER, MISMATCH_TAGGED, MISMATCH_WRONG, STAMPED
from guide_tools.exercises.validate import problems

# --------------------------------------------------------------------------- CI: every exercise is honest


@dataclass
class Verdict:
    exercise: Exercise
    starter_ok: bool  # the starter loads and fails exactly its intended checks, untagged
    solution_ok: bool  # the solution passes every check, without a warning
    mismatches: list[str]
    starter: Result | None = None  # the starter's run (what its reader is told: tests read its messages)


@dataclass
class WrongVerdict:
    exercise: Exercise
    slug: str
    problem: str  # "" when it is rejected as declared (a right/ one: when it passes)
    which: str = WRONG
    result: Result | None = None  # its run

    @property
    def rejected(self) -> bool:
        """As intended: a wrong solution rejected, or (right/) another correct solution accepted."""
        return not self.problem

    @property
    def message(self) -> str:
        entries, template = (self.exercise.right, MISMATCH_RIGHT) if self.which == RIGHT else (self.exercise.wrong, MISMATCH_WRONG)
        return template.format(name=self.exercise.name, slug=self.slug, what=self.problem,
                               why=str(entries.get(self.slug, {}).get("why", "?")))


def verify_starter(exercise: Exercise) -> list[str]:
    """The starter loads and fails exactly starter_fails, each with an untagged message."""
    return judge_starter(exercise, run_checks(exercise, exercise.starter, **CI_LIMITS))


def judge_starter(exercise: Exercise, starter: Result) -> list[str]:
    """verify_starter's verdict on a run of the starter."""
    if starter.broken or starter.timed_out or sorted(starter.failed) != sorted(exercise.starter_fails):
        got = starter.broken or (["timeout"] if starter.timed_out else starter.failed) or ["nothing"]
        return [MISMATCH_STARTER.format(name=exercise.name, expected=", ".join(exercise.starter_fails), got="; ".join(got))]
    return [MISMATCH_TAGGED.format(name=exercise.name, check=c["name"], cause=c["cause"])
            for c in starter.checks if c["name"] in exercise.starter_fails and c.get("cause")]


def verify_solution(exercise: Exercise) -> list[str]:
    """The reference solution (the starter with solution/'s files over it) passes every check, no warning."""
    with tempfile.TemporaryDirectory(prefix="solution-") as tmp:
        solution = run_checks(exercise, build(exercise, Path(tmp) / "app"), strict=True, **CI_LIMITS)
    if solution.ok:
        return []
    details = solution.broken or (["timeout"] if solution.timed_out else
                                  [f"{c['name']} ({c['outcome']}: {c['message']})" for c in solution.checks if c["outcome"] != "passed"])
    return [MISMATCH_SOLUTION.format(name=exercise.name, got="; ".join(details) or solution.output.strip()[-500:])]


def verify(exercise: Exercise) -> Verdict:
    """Run the starter and the solution of one exercise and say whether each behaves as intended."""
    run = run_checks(exercise, exercise.starter, **CI_LIMITS)
    starter, solution = judge_starter(exercise, run), verify_solution(exercise)
    return Verdict(exercise, not starter, not solution, starter + solution, run)

def covering_wrong(exercise: Exercise) -> list[str]:
    """The fewest wrong solutions, chosen greedily in slug order, that between them fail every check
    any wrong solution of the exercise is declared to fail (its `fails`): the browser's corpus runs
    these on every commit, and all of them when asked (tests/browser/test_exercises_web.py)."""
    slugs = sorted(exercise.patch_slugs())
    fails = {slug: set(exercise.wrong.get(slug, {}).get("fails", ())) for slug in slugs}
    left, chosen = set().union(*fails.values()), []
    while left:
        best = max(slugs, key=lambda slug: (len(fails[slug] & left), -slugs.index(slug)))
        chosen.append(best)
        left -= fails[best]
    return chosen


# --------------------------------------------------------------------------- the corpus stamp

CORPUS_STAMP = "corpus.stamp"  # in an exercise's folder: its corpus's inputs when --check-all last passed
STAMP_STACK = "latest"  # the stack the corpus runs on (tests/exercises/test_exercises.py), and stamps are written on
RUNNER_GLOBS = ("guide_tools/exercises/*.py", "exercises/pytest.ini", "uv.lock")  # every exercise's: runner, settings, lock
TOPIC_IMPORT_RE = re.compile(r"\bexercises\.(\w+)\.(\w+)")  # `from exercises.compare.auth import shared_checks`


def corpus_inputs(exercise: Exercise, project: Path = ROOT) -> list[Path]:
    """Every file the verdicts of an exercise's corpus can depend on: its folder (checks, starter,
    solution, wrong/, right/; not its stamp), the top-level files of its topic (exercise.toml, the
    shared checks) and of any topic its checks import, the batteries they import, the runner
    (guide_tools/exercises/*.py), the checks' pytest.ini and uv.lock (both stacks' packages)."""
    root = exercise.root
    own = [p for p in exercise.folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
           and p.suffix != ".pyc" and p != exercise.folder / CORPUS_STAMP]
    checks = [p for p in [exercise.checks_file, *sorted(exercise.folder.parent.glob("*.py"))] if p.is_file()]
    topics = {exercise.folder.parent} | {root / section / topic for path in checks
                                         for section, topic in TOPIC_IMPORT_RE.findall(path.read_text(encoding="utf-8"))
                                         if section != "batteries" and (root / section / topic).is_dir()}
    shared = [p for topic in topics for p in topic.iterdir() if p.is_file() and p.suffix != ".pyc"]
    batteries = batteries_imported(sorted({*checks, *(p for p in shared if p.suffix == ".py")}), root / "batteries")
    runner = [p for pattern in RUNNER_GLOBS for p in project.glob(pattern) if p.is_file()]
    return sorted(set(own + shared + batteries + runner))


def corpus_digest(exercise: Exercise, project: Path = ROOT) -> str:
    """The sha256 of the corpus's inputs (their paths relative to the project, and their bytes) and
    of the Python that runs them (major.minor): what a stamp records."""
    digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for path in corpus_inputs(exercise, project):
        base = project if path.is_relative_to(project) else exercise.root.parent
        data = path.read_bytes()
        digest.update(f"{path.relative_to(base).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def corpus_stamp(exercise: Exercise) -> Path:
    return exercise.folder / CORPUS_STAMP


def stamp_is_current(exercise: Exercise, project: Path = ROOT) -> bool:
    """Whether the exercise's stamp records its corpus's inputs as they are now."""
    stamp = corpus_stamp(exercise)
    return stamp.is_file() and stamp.read_text(encoding="utf-8").split()[:1] == [corpus_digest(exercise, project)]


def write_stamp(exercise: Exercise, project: Path = ROOT) -> Path:
    """Record the corpus's inputs as they are now: only check_all calls it, after the exercise passed."""
    stamp = corpus_stamp(exercise)
    stamp.write_text(f"{corpus_digest(exercise, project)}\n", encoding="utf-8")
    return stamp


def corpus_plan(exercise: Exercise, full: bool = False, project: Path = ROOT) -> tuple[list[str] | None, str]:
    """What the corpus test runs on this commit, and the sentence that says so: (the wrong solutions'
    slugs, or None for every wrong and right solution). A current stamp: the cover (covering_wrong),
    so every check is still seen failing; no stamp, or one whose inputs changed: everything."""
    count = len(exercise.patch_slugs())
    stamp, again = shown(corpus_stamp(exercise)), f"python3 dev.py exercise --stack {STAMP_STACK} --check-all {exercise.name}"
    if full:
        return None, f"{exercise.name}: SIDE_BY_SIDE_CORPUS=full: all {count} wrong solutions ran, stamped or not"
    if stamp_is_current(exercise, project):
        cover = covering_wrong(exercise)
        return cover, (f"{exercise.name}: {stamp} is current: the cover ran, {len(cover)} of {count} wrong solutions "
                       f"(the stamp vouches for the rest and for right/; `{again}` ran them all)")
    why = "its inputs changed since it was written" if corpus_stamp(exercise).is_file() else "there is none"
    return None, (f"{exercise.name}: all {count} wrong solutions ran: no current {stamp} ({why}); once `{again}` "
                  f"passes, it writes the stamp, and the commits after it run only a cover of {len(covering_wrong(exercise))}")



def judge_wrong(exercise: Exercise, slug: str, result: Result) -> str:
    """Why a wrong solution's run does not reject it as declared ("" when it does): it must load,
    not hang, and fail at least every check in its `fails`."""
    fails = [c for c in exercise.wrong.get(slug, {}).get("fails", []) if isinstance(c, str)]
    if result.timed_out:
        return "the run was stopped: it hangs (a wrong solution must end)"
    if result.broken:
        return f"it does not load ({result.broken[0]}): a wrong solution must be a plausible hand-in that loads"
    if not result.checks:
        return f"no check ran: {(result.output.strip().splitlines() or ['?'])[-1]}"
    hung = [c["name"] for c in result.checks if c["outcome"] == "timeout"]
    if hung:
        return f"{', '.join(hung)} stopped after the time limit: it hangs (a wrong solution must end)"
    rejected = result.rejected_by
    if not rejected:
        skipped = [f"{c['name']} ({c['message']})" for c in result.checks if c["outcome"] == "skipped"]
        return "it passes every check" + (f" that ran; skipped: {', '.join(skipped)}" if skipped else "")
    untold = sorted({(c["name"], c["cause"]) for c in result.checks
                     if c.get("cause") and not all(str(exercise.causes.get(c["cause"], {}).get(lang, "")).strip()
                                                   for lang in LANGUAGES)})
    if untold:  # a tag written at run time (f"[{cause}] ...") that the data check could not see
        return "; ".join(f"its failure of {check} is tagged [{cause}], which has no [{exercise.framework}.causes.{cause}] "
                         "hint in every language" for check, cause in untold)
    missing = [name for name in fails if name not in rejected]
    if missing:
        skipped = {c["name"]: c["message"] for c in result.checks if c["outcome"] == "skipped"}
        said = [f"{name} (skipped: {skipped[name]})" if name in skipped else f"{name} passes" for name in missing]
        return f"it is rejected by {', '.join(rejected)}, not by what `fails` declares: {'; '.join(said)}"
    told = {c["cause"] for c in result.checks if c.get("cause") and c["outcome"] != "passed"}
    untold = [cause for cause in exercise.wrong.get(slug, {}).get("told", []) if isinstance(cause, str) and cause not in told]
    if untold:  # rejected, but the learner would read another hint than the one written for this mistake
        got = ", ".join(f"[{cause}]" for cause in sorted(told)) or "only the checks' own hints"
        return f"its failures are not tagged {', '.join(f'[{cause}]' for cause in untold)}, as `told` declares: it gets {got}"
    return ""


def judge_right(result: Result) -> str:
    """Why another correct solution's run does not accept it ("" when every check passes)."""
    if result.ok:
        return ""
    if result.timed_out:
        return "the run was stopped"
    return "; ".join(result.broken) or "; ".join(
        f"{c['name']} ({c['outcome']}: {c['message']})" for c in result.checks if c["outcome"] != "passed") or result.output.strip()[-500:]


def verify_wrong(exercise: Exercise, batch: bool = True, declared: bool = False,
                 only: Sequence[str] | None = None) -> list[WrongVerdict]:
    """Build every wrong solution of the exercise, and every other correct one (right/), and run
    the checks against each (in one process start with `batch`): each wrong one must be rejected
    as its entry declares, each right one must pass every check. `only` (a current stamp's cover,
    corpus_plan): these wrong solutions alone, and no right one.

    `declared` (the run on every commit): a wrong solution first runs only the checks its `fails`
    declares, which is all the verdict needs; one whose verdict is not "" then runs every check,
    so what it reports is what the full run would (`dev.py exercise --check-all` runs every check)."""
    slugs = [(WRONG, slug) for slug in sorted(exercise.wrong) if exercise.patch_file(slug).is_file()
             and (only is None or slug in only)]
    slugs += [(RIGHT, slug) for slug in sorted(exercise.right) if exercise.patch_file(slug, RIGHT).is_file() and only is None]
    if not slugs:
        return []
    verdicts: dict[tuple[str, str], WrongVerdict] = {}
    with tempfile.TemporaryDirectory(prefix="wrong-") as tmp:
        built = []
        for which, slug in slugs:
            try:
                built.append(((which, slug), build(exercise, Path(tmp) / which / slug, wrong=slug, which=which)))
            except patches.PatchError as error:  # a patch that no longer applies: said, and the others still run
                verdicts[which, slug] = WrongVerdict(exercise, slug, str(error), which)
        def run(chosen: list[tuple[tuple[str, str], Path]], only: list[tuple[str, ...]]) -> None:
            folders = [folder for _, folder in chosen]
            if batch:
                results = run_batch(exercise, folders, only=only, **CI_LIMITS) if folders else []
            else:
                results = [run_checks(exercise, folder, only=names, **CI_LIMITS) for folder, names in zip(folders, only)]
            for ((which, slug), _), result in zip(chosen, results):
                verdicts[which, slug] = WrongVerdict(exercise, slug, judge_right(result) if which == RIGHT
                                                     else judge_wrong(exercise, slug, result), which, result)

        def declared_fails(which: str, slug: str) -> tuple[str, ...]:
            fails = exercise.wrong.get(slug, {}).get("fails", []) if declared and which == WRONG else []
            return tuple(name for name in fails if isinstance(name, str))

        run(built, [declared_fails(which, slug) for (which, slug), _ in built])
        again = [item for item in built if declared_fails(*item[0]) and verdicts[item[0]].problem]
        run(again, [()] * len(again))
    return [verdicts[key] for key in slugs]


def default_workers() -> int:
    """Threads driving check subprocesses: one per core (each subprocess keeps a core busy)."""
    return max(1, os.cpu_count() or 1)


def check_all(exercises: list[Exercise], workers: int | None = None, out=None, stamp: bool = False) -> int:
    """Verify every exercise (starter, solution, wrong solutions), in parallel; print each
    mismatch and one summary line. 0 only if everything is as intended. With `stamp` (the command
    on the latest stack), write the corpus stamp of each exercise that passed it all: its data, its
    starter and solution, every wrong solution rejected, every right one accepted, each message read
    in Korean and Russian (corpus_plan then lets the run on every commit send only a cover)."""
    out = out or sys.stdout
    inputs = {id(e): corpus_digest(e) for e in exercises} if stamp else {}
    trouble = problems(exercises)
    if trouble:
        print(DATA_PROBLEMS, *trouble, sep="\n  ", file=out)
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        # The wrong solutions first: one batch per exercise is the longest task, so it should not start last.
        wrong = [pool.submit(verify_wrong, e) for e in exercises]
        starters = [pool.submit(verify_starter, e) for e in exercises]
        solutions = [pool.submit(verify_solution, e) for e in exercises]
        starter_lines = [f.result() for f in starters]
        solution_lines = [f.result() for f in solutions]
        wrong_verdicts = [v for f in wrong for v in f.result()]
    for i in range(len(exercises)):
        for line in starter_lines[i] + solution_lines[i]:
            print(line, file=out)
    for verdict in wrong_verdicts:
        if not verdict.rejected:
            print(verdict.message, file=out)
    english = {id(v): [f"{v.exercise.name}: {v.which}/{v.slug}: {MISMATCH_ENGLISH.format(data=shown(v.exercise.data_file))}: {line}"
                       for line in (untranslated(v.exercise, v.result) if v.result else [])] for v in wrong_verdicts}
    for line in (line for lines in english.values() for line in lines):
        print(line, file=out)
    passed = [e for i, e in enumerate(exercises) if stamp and not starter_lines[i] and not solution_lines[i]
              and all(v.rejected and not english[id(v)] for v in wrong_verdicts if v.exercise is e)
              and not (trouble and problems([e]))]
    right_verdicts = [v for v in wrong_verdicts if v.which == RIGHT]
    wrong_verdicts = [v for v in wrong_verdicts if v.which != RIGHT]
    rejected = sum(v.rejected for v in wrong_verdicts)
    wrong_count = (f"{rejected} wrong solutions" if rejected == len(wrong_verdicts)
                   else f"{rejected} of {len(wrong_verdicts)} wrong solutions")
    print(CHECK_ALL_SUMMARY.format(total=len(exercises), starters=sum(not lines for lines in starter_lines),
                                   solutions=sum(not lines for lines in solution_lines), wrong=wrong_count), file=out)
    if stamp:
        written = [write_stamp(e) for e in passed if corpus_digest(e) == inputs[id(e)]]  # not edited while it ran
        print(STAMPED.format(count=len(written), total=len(exercises), stamp=CORPUS_STAMP), file=out)
    off = (trouble or any(starter_lines) or any(solution_lines) or rejected < len(wrong_verdicts)
           or not all(v.rejected for v in right_verdicts) or any(english.values()))
    return 1 if off or not exercises else 0


# --------------------------------------------------------------------------- command line
