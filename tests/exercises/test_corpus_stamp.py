"""The corpus stamp (guide_tools/exercises/runner.py, "the corpus stamp"): `--check-all` on the latest
stack records a digest of each passing exercise's inputs; while it is current, the corpus test on
every commit runs only a cover of the exercise's wrong solutions. Every test works on a copy of the
project's parts in tmp_path, and no check runs (the verifiers are replaced): nothing here writes
under exercises/."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from guide_tools.exercises import corpus, runner
from guide_tools.website.content import ROOT

TOPICS = ("compare/routing", "compare/request_handling")  # batteries: several, per framework


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with what a corpus depends on: two topics, the batteries, pytest.ini, the runner, uv.lock."""
    for topic in TOPICS:
        shutil.copytree(runner.EXERCISES / topic, tmp_path / "exercises" / topic, ignore=shutil.ignore_patterns(
            "__pycache__", runner.CORPUS_STAMP))
    shutil.copytree(runner.BATTERIES, tmp_path / "exercises" / "batteries", ignore=runner.IGNORED)
    shutil.copy(runner.PYTEST_CONFIG, tmp_path / "exercises" / "pytest.ini")
    (tmp_path / "guide_tools" / "exercises").mkdir(parents=True)
    for path in (ROOT / "guide_tools" / "exercises").glob("*.py"):
        shutil.copy(path, tmp_path / "guide_tools" / "exercises" / path.name)
    shutil.copy(ROOT / "uv.lock", tmp_path / "uv.lock")
    return tmp_path


def exercises(project: Path) -> dict[str, runner.Exercise]:
    return {e.name: e for e in runner.load_all(project / "exercises")}


def digests(project: Path) -> dict[str, str]:
    return {name: runner.corpus_digest(e, project) for name, e in exercises(project).items()}


def append(path: Path, text: str = "\n# an edit\n") -> None:
    path.write_bytes(path.read_bytes() + text.encode())


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


ALL = {f"{topic}/{framework}" for topic in ("routing", "request_handling") for framework in runner.FRAMEWORKS}


@pytest.mark.parametrize(("edited", "expected"), [
    # the exercise's own folder: its checks, a wrong solution's patch, its starter, a right solution
    ("compare/request_handling/flask/checks.py", {"request_handling/flask"}),
    ("compare/request_handling/flask/wrong/abort_400.patch", {"request_handling/flask"}),
    ("compare/routing/django/starter/views.py", {"routing/django"}),
    # the topic's shared files: every framework of that topic, no other topic
    ("compare/request_handling/shared_checks.py", {f"request_handling/{f}" for f in runner.FRAMEWORKS}),
    ("compare/routing/exercise.toml", {f"routing/{f}" for f in runner.FRAMEWORKS}),
    # a battery: the exercises that import it (the fastapi ones import debug, not secrets)
    ("batteries/secrets.py", {"request_handling/flask", "request_handling/django", "routing/flask", "routing/django"}),
    ("batteries/debug.py", ALL),
    ("batteries/hosts.py", {"request_handling/django", "routing/django"}),
    # what every exercise runs on: the checks' pytest settings, the runner, the lock
    ("pytest.ini", ALL),
    ("../guide_tools/exercises/plugin.py", ALL),
    ("../guide_tools/exercises/support.py", ALL),
    ("../uv.lock", ALL),
])
def test_the_digest_changes_with_each_input_and_only_its_exercises(project, edited, expected):
    before = digests(project)
    append(project / "exercises" / edited)
    assert changed(before, digests(project)) == expected


def test_a_new_file_in_the_folder_changes_the_digest_and_the_stamp_itself_does_not(project):
    before = digests(project)
    exercise = exercises(project)["routing/flask"]
    runner.write_stamp(exercise, project)
    assert digests(project) == before
    (exercise.folder / "wrong" / "new_mistake.patch").write_text("")
    assert changed(before, digests(project)) == {"routing/flask"}


def test_a_battery_imported_by_a_battery_is_an_input(project):
    """batteries_imported follows a battery's own imports: the exercise depends on those too."""
    battery = project / "exercises" / "batteries" / "zz_helper.py"
    battery.write_text("VALUE = 1\n")
    append(project / "exercises" / "batteries" / "debug.py", "\nfrom exercises.batteries import zz_helper  # noqa\n")
    before = digests(project)
    append(battery)
    assert changed(before, digests(project)) == ALL  # every exercise of both topics imports debug


def test_a_stale_stamp_runs_the_whole_corpus_and_a_current_one_the_cover(project):
    exercise = exercises(project)["request_handling/flask"]
    slugs, said = runner.corpus_plan(exercise, project=project)
    assert slugs is None and "there is none" in said
    assert f"python3 dev.py exercise --stack latest --check-all request_handling/flask" in said

    runner.write_stamp(exercise, project)
    slugs, said = runner.corpus_plan(exercise, project=project)
    cover = runner.covering_wrong(exercise)
    assert slugs == cover and 0 < len(cover) < len(exercise.patch_slugs())
    assert f"the cover ran, {len(cover)} of {len(exercise.patch_slugs())} wrong solutions" in said
    assert runner.corpus_plan(exercise, full=True, project=project)[0] is None  # SIDE_BY_SIDE_CORPUS=full

    append(exercise.folder / "wrong" / "abort_400.patch")
    slugs, said = runner.corpus_plan(exercise, project=project)
    assert slugs is None and "its inputs changed since it was written" in said


def test_the_cover_runs_only_its_wrong_solutions_and_no_right_one(project, monkeypatch):
    exercise = exercises(project)["request_handling/flask"]
    assert exercise.right, "request_handling/flask has right/ solutions: this test needs one"
    ran: list[str] = []

    def run_batch(exercise, folders, **options):
        ran.extend(f"{folder.parent.name}/{folder.name}" for folder in folders)
        return [runner.Result([], []) for _ in folders]

    monkeypatch.setattr(corpus, "run_batch", run_batch)
    cover = runner.covering_wrong(exercise)
    runner.verify_wrong(exercise, only=cover)
    assert ran == [f"wrong/{slug}" for slug in sorted(cover)]
    ran.clear()
    runner.verify_wrong(exercise)
    assert ran == [f"wrong/{slug}" for slug in sorted(exercise.wrong)] + [f"right/{slug}" for slug in sorted(exercise.right)]


def fake_verdicts(monkeypatch, problem: dict[tuple[str, str], str] | None = None, english: bool = False) -> None:
    """check_all without running a check: the starter and the solution as intended, every wrong
    solution rejected but those in `problem` ((exercise, slug) -> why not), each message translated unless `english`."""
    monkeypatch.setattr(corpus, "verify_starter", lambda e: [])
    monkeypatch.setattr(corpus, "verify_solution", lambda e: [])
    monkeypatch.setattr(corpus, "verify_wrong", lambda e: [
        runner.WrongVerdict(e, slug, (problem or {}).get((e.name, slug), ""), runner.WRONG, runner.Result([], []))
        for slug in sorted(e.wrong)])
    monkeypatch.setattr(corpus, "untranslated", lambda e, result: ["GET / answered 500"] if english else [])


def test_check_all_writes_the_stamp_only_of_an_exercise_that_passed(project, monkeypatch):
    found = exercises(project)
    good, bad = found["routing/flask"], found["routing/fastapi"]
    fake_verdicts(monkeypatch, {(bad.name, sorted(bad.wrong)[0]): "it passes every check"})
    out = io.StringIO()
    assert runner.check_all([good, bad], workers=1, out=out, stamp=True) == 1
    assert runner.stamp_is_current(good) and not runner.corpus_stamp(bad).exists(), out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith("Stamped 1 of 2 exercises")


def test_check_all_without_stamp_or_with_an_english_message_writes_none(project, monkeypatch):
    exercise = exercises(project)["routing/flask"]
    fake_verdicts(monkeypatch)
    assert runner.check_all([exercise], workers=1, out=io.StringIO()) == 0  # stamp=False: tests, the lts stack
    assert not runner.corpus_stamp(exercise).exists()
    fake_verdicts(monkeypatch, english=True)
    out = io.StringIO()
    assert runner.check_all([exercise], workers=1, out=out, stamp=True) == 1
    assert not runner.corpus_stamp(exercise).exists()
    assert "would reach a Korean or Russian reader in English" in out.getvalue()


@pytest.mark.parametrize(("stack", "stamped"), [("latest", True), ("lts", False)])
def test_the_command_stamps_on_the_latest_stack_only(tmp_path, monkeypatch, stack, stamped):
    from guide_tools.devtools import stacks

    asked = []
    monkeypatch.setattr(stacks, "current", lambda: stack)
    monkeypatch.setattr(runner, "check_all", lambda chosen, out=None, stamp=False: asked.append(stamp) or 0)
    out = io.StringIO()
    assert runner.main(["--check-all", "routing/flask"], work_root=tmp_path, out=out) == 0
    assert asked == [stamped]
    assert ("No stamp written" in out.getvalue()) != stamped
