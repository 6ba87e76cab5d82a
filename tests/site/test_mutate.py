"""`dev.py mutate` (guide_tools/devtools/mutate.py) on a tiny project of its own: a page that shows
two functions, a test that checks one of them. The tool kills the checked line's mutant, reports the
other as a survivor with the page's sentence and a command that reproduces it, selects only the
changed lines with --changed, draws the same sample for the same seed, and keeps reviewed
equivalents apart."""

from __future__ import annotations

import io
import subprocess
import textwrap
from pathlib import Path

import pytest

from guide_tools.devtools import mutate
from guide_tools.website.content import ROOT

PAGE = """\
# Arithmetic

A heading alone is not the sentence.

Doubling is what the test checks: `double(4)` is 8.

```python
--8<-- "sec/topic/app.py:double"
```

Tripling is shown too, and no test reads it.

=== "Tab"

    ```python
    --8<-- "sec/topic/app.py:triple"
    ```
"""

APP = """\
# --8<-- [start:double]
def double(n):
    return n * 2
# --8<-- [end:double]


# --8<-- [start:triple]
def triple(n):
    return n * 3
# --8<-- [end:triple]
"""

TEST = """\
from sec.topic.app import double


def test_double():
    assert double(4) == 8
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)  # the outer run's, not the tiny project's


def make_project(root: Path, sections: tuple[str, ...] = ("sec",)) -> Path:
    for section in sections:
        files = {
            f"docs/en/{section}/page.md": PAGE.replace("sec/", f"{section}/"),
            f"snippets/{section}/topic/app.py": APP,
            f"tests/{section}/test_topic.py": TEST.replace("sec.", f"{section}."),
        }
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
    (root / "pyproject.toml").write_text('[tool.pytest.ini_options]\npythonpath = [".", "snippets"]\n')
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "start")
    return root


def test_sentence_is_the_prose_before_the_include_past_tabs_and_fences():
    text = PAGE
    first, second = (n for n, line in enumerate(text.splitlines(), 1) if "--8<--" in line)
    assert mutate.sentence_before(text, first) == "Doubling is what the test checks: `double(4)` is 8."
    assert mutate.sentence_before(text, second) == "Tripling is shown too, and no test reads it."
    annotated = "Before the code.\n\n```python\n--8<-- \"a.py\"\n```\n\n1.  Annotates a.py,\n    on two lines.\n2.  Again.\n\n```python\n--8<-- \"b.py\"\n```\n"
    assert mutate.sentence_before(annotated, 12) == "Before the code."  # not a.py's annotations


def test_shown_lines_are_the_marked_parts_a_page_includes(tmp_path):
    root = make_project(tmp_path)
    shown = mutate.shown_lines(root)
    assert sorted(line for file, line in shown) == [2, 3, 8, 9]  # the markers' own lines are not shown
    assert shown[("snippets/sec/topic/app.py", 3)][0].page == "sec/page.md"
    assert mutate.test_modules("snippets/sec/topic/app.py", root) == ("tests/sec/test_topic.py",)
    # No mirrored module: the section's test modules that name the topic.
    (root / "tests/sec/test_elsewhere.py").write_text("from sec.lonely.app import f\n")
    (root / "tests/sec/test_topic_too.py").write_text("from sec.topic.app import double\n")
    assert mutate.test_modules("snippets/sec/lonely/app.py", root) == ("tests/sec/test_elsewhere.py",)
    # A rule over many snippets: a tests/site/ module whose MUTATION_SCOPE matches the file's text.
    (root / "tests/site").mkdir()
    (root / "tests/site/test_rule.py").write_text('MUTATION_SCOPE = r"^def double"\n')
    (root / "tests/site/test_other_rule.py").write_text('MUTATION_SCOPE = r"^NEVER ="\n')
    # The mirrored module first, then any other module of the section that names the topic.
    assert mutate.test_modules("snippets/sec/topic/app.py", root) == (
        "tests/sec/test_topic.py", "tests/sec/test_topic_too.py", "tests/site/test_rule.py")


def test_planted_survivor_is_reported_with_its_sentence_and_command_and_the_checked_line_is_killed(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = io.StringIO()
    code = mutate.main(["docs/en/sec/page.md", "--per-line", "1", "--seed", "3", "--workers", "2"], root=root, out=out)
    report = out.getvalue()
    assert code == 1, report
    assert "SURVIVED " in report, report
    survivor = report.split("SURVIVED ", 1)[1]
    assert survivor.startswith("snippets/sec/topic/app.py:9 "), report  # `return n * 3`: no test reads it
    assert 'docs/en/sec/page.md: "Tripling is shown too, and no test reads it."' in survivor
    assert "reproduce: python3 dev.py mutate --one snippets/sec/topic/app.py:core/" in survivor
    assert report.count("SURVIVED") == 1, report  # `return n * 2` was killed
    assert "1/2   killed" in report, report
    job = summary.read_text()  # the weekly workflow's job summary names the same survivor
    assert "snippets/sec/topic/app.py:9" in job and "docs/en/sec/page.md" in job and "Tripling is shown too" in job
    assert "python3 dev.py mutate --one snippets/sec/topic/app.py:core/" in job
    # The run is recorded: the same command again runs nothing and reports the same.
    again = io.StringIO()
    assert mutate.main(["docs/en/sec/page.md", "--per-line", "1", "--seed", "3"], root=root, out=again) == 1
    assert "2 already done" in again.getvalue() and "0 to run" in again.getvalue()
    # The reproduce command applies that mutant on a copy and its tests pass with it.
    command = survivor.split("reproduce: python3 dev.py mutate ", 1)[1].split("\n", 1)[0].split()
    assert mutate.main(command, root=root) == 0
    assert (root / "snippets/sec/topic/app.py").read_text() == APP  # the working tree is never mutated


def test_changed_selects_the_shown_lines_changed_since_main_committed_or_not(tmp_path):
    root = make_project(tmp_path)
    _git(root, "checkout", "-q", "-b", "work")
    app = root / "snippets/sec/topic/app.py"
    app.write_text(APP.replace("n * 2", "n * 2 + 0"))
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "committed")
    app.write_text(app.read_text().replace("n * 3", "3 * n"))  # not committed
    assert mutate.changed_lines(root) == {("snippets/sec/topic/app.py", 3), ("snippets/sec/topic/app.py", 9)}
    out = io.StringIO()
    assert mutate.main(["--changed", "--list", "--per-line", "0"], root=root, out=out) == 0
    lines = {int(row.split("  line ", 1)[1].split()[0]) for row in out.getvalue().splitlines()}
    assert lines == {3, 9}
    _git(root, "checkout", "-q", "--", ".")
    _git(root, "checkout", "-q", "main")
    quiet = io.StringIO()
    assert mutate.main(["--changed"], root=root, out=quiet) == 0
    assert "no line a page shows changed against main" in quiet.getvalue()


def test_sample_is_the_same_for_a_seed_and_spreads_over_the_sections(tmp_path):
    root = make_project(tmp_path, sections=("alpha", "beta", "gamma"))
    shown = mutate.shown_lines(root)
    draws = [[m.name for m in mutate.sample(shown, 4, seed, root)] for seed in (7, 7, 8)]
    assert draws[0] == draws[1]
    assert len(draws[0]) == 4
    sections = [name.split("/")[1] for name in draws[0]]
    assert set(sections) == {"alpha", "beta", "gamma"}  # 4 over 3 sections: one each, one more at random
    assert len({tuple(draw) for draw in draws}) == 2  # another seed, another draw


def test_reviewed_equivalents_are_not_run_and_are_reported_apart(tmp_path):
    root = make_project(tmp_path)
    (root / mutate.EQUIVALENTS).write_text(textwrap.dedent("""\
        [[equivalent]]
        file = "snippets/sec/topic/app.py"
        code = "return n * 3"
        operator = "core/NumberReplacer"
        reason = "the fixture's tripling is a stand-in"
        """))
    shown = mutate.shown_lines(root)
    mutants = mutate.select([("snippets/sec/topic/app.py", 9)], shown, root, mutate.random.Random(0), per_line=0)
    marked = [m for m in mutants if m.equivalent]
    assert [m.operator for m in marked] == ["core/NumberReplacer"] * len(marked) and marked
    run = mutate.Run(marked)
    out = io.StringIO()
    assert mutate.report(run, out) == 0  # nothing ran, nothing survived
    assert "the fixture's tripling is a stand-in" in out.getvalue()
    assert "0/0   killed" in out.getvalue()


def test_a_malformed_equivalents_file_names_the_file_and_the_fields(tmp_path):
    root = make_project(tmp_path)
    (root / mutate.EQUIVALENTS).write_text('[[equivalent]]\nfile = "x.py"\n')
    with pytest.raises(SystemExit, match=r"tests/mutation_equivalents.toml: entry 1 lacks code, operator, reason"):
        mutate.load_equivalents(root)


def test_an_unknown_target_says_what_a_target_is(tmp_path):
    root = make_project(tmp_path)
    with pytest.raises(SystemExit, match=r"neither a page under docs/ nor a file under snippets/"):
        mutate.main(["README.md"], root=root)


def test_the_weekly_workflow_fails_on_a_fresh_sample_and_the_per_commit_ci_runs_none():
    weekly = (ROOT / ".github/workflows/mutation-sample.yml").read_text(encoding="utf-8")
    assert "schedule:" in weekly and 'python3 dev.py mutate --sample "${SAMPLE}" --seed "${seed}"' in weekly
    assert 'seed="$(date -u +%Y%m%d)"' in weekly
    assert "continue-on-error" not in weekly and "|| true" not in weekly  # survivors fail the job
    for per_commit in (".github/workflows/ci.yml", ".ci/run"):
        assert "dev.py mutate" not in (ROOT / per_commit).read_text(encoding="utf-8"), per_commit


@pytest.mark.parametrize(("output", "outcome"), [
    ("F\n1 failed, 3 passed in 0.50s", "killed"),
    ("14 deselected in 0.51s", "error"),  # --fast on a module of slow tests: pytest's exit 5
    ("no tests ran in 0.01s", "error"),
    ("timeout", "timeout"),
])
def test_a_mutant_is_killed_only_by_a_test_that_ran(output, outcome):
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    result = WorkResult(output=output, test_outcome=TestOutcome.KILLED, worker_outcome=WorkerOutcome.NORMAL)
    assert mutate.outcome_of(result) == outcome


def test_a_latest_only_snippet_is_tested_on_the_latest_stack():
    """The LTS series skips the tests of stacks.LATEST_ONLY snippets, so on lts every mutant of
    them would survive. Their tests run in .venv-latest's interpreter; every other snippet's in
    the lts one (the interpreter `dev.py mutate` runs in)."""
    import shlex
    import sys

    from guide_tools.devtools import mutate
    from guide_tools.devtools.stacks import LATEST_ONLY

    for path in LATEST_ONLY:
        assert mutate.stack_of(f"snippets/{path}") == "latest"
        command = shlex.split(mutate.test_command(("tests/x.py",), False, mutate.stack_of(f"snippets/{path}")))
        assert command[0] == str(mutate.ROOT / ".venv-latest" / "bin" / "python")
    assert mutate.stack_of("snippets/compare/routing/flask_app.py") == "lts"
    assert shlex.split(mutate.test_command(("tests/x.py",), False))[0] == sys.executable


def test_limit_spreads_the_mutants_over_the_lines_before_a_second_of_any():
    import random

    def fake(file, line, n):
        return mutate.Mutant(file=file, line=line, operator=f"op{n}", occurrence=n, start=(line, n), end=(line, n + 1),
                             tests=("t",), page="p.md")

    many = [fake("a.py", line, n) for line in (1, 2, 3) for n in range(5)]
    picked = mutate.limited(many, 4, random.Random(1))
    assert len(picked) == 4 and {m.line for m in picked} == {1, 2, 3}
    assert [many.index(m) for m in picked] == sorted(many.index(m) for m in picked)  # in the page's order
    assert mutate.limited(many, 0, random.Random(1)) == many == mutate.limited(many, 99, random.Random(1))
    assert mutate.limited(many, 4, random.Random(1)) == picked  # the same seed, the same mutants


def test_the_tally_adds_every_pages_counts_per_section_and_fails_under_the_goal(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "routing.json").write_text('{"compare/routing.md": {"killed": 24, "equivalent": 1}}', encoding="utf-8")
    (tmp_path / "forms.json").write_text('{"compare/forms.md": {"killed": 19, "survived": 1}}', encoding="utf-8")
    (tmp_path / "mvt.json").write_text('{"django/mvt.md": {"killed": 25}}', encoding="utf-8")
    out = io.StringIO()
    assert mutate.tally(tmp_path, out) == 1  # a survivor fails the pass, though compare is at 43/44
    text = out.getvalue()
    assert "3 counts file(s), 3 page(s)" in text
    assert any(line.startswith("compare") and "43/44" in line and "98 %" in line for line in text.splitlines()), text
    assert "  compare/forms.md" in text and "Under 95 %" not in text
    (tmp_path / "forms.json").write_text('{"compare/forms.md": {"killed": 15, "survived": 5}}', encoding="utf-8")
    out = io.StringIO()
    assert mutate.tally(tmp_path, out) == 1 and "Under 95 % killed: compare (39/44)" in out.getvalue()
    (tmp_path / "forms.json").write_text('{"compare/forms.md": {"killed": 20}}', encoding="utf-8")
    assert mutate.tally(tmp_path, io.StringIO()) == 0
    (tmp_path / "broken.json").write_text("not json", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"broken.json is not a counts file"):
        mutate.tally(tmp_path, io.StringIO())
    (tmp_path / "broken.json").write_text('["a list"]', encoding="utf-8")  # JSON, but not counts
    with pytest.raises(SystemExit, match=r"broken.json is not a counts file"):
        mutate.tally(tmp_path, io.StringIO())


def test_a_page_run_writes_its_counts_for_the_tally(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    counts = tmp_path / "out" / "counts.json"
    monkeypatch.setattr(mutate, "execute", lambda root, mutants, *a, **k: mutate.Run(mutants))  # nothing run
    mutate.main(["docs/en/sec/page.md", "--per-line", "0", "--limit", "1", "--counts", str(counts)], root=root, out=io.StringIO())
    import json
    assert json.loads(counts.read_text(encoding="utf-8")) == {"sec/page.md": {"not run": 1}}


def test_the_monthly_pass_runs_every_page_and_tallies_them():
    monthly = (ROOT / ".github/workflows/mutation-pass.yml").read_text(encoding="utf-8")
    assert "schedule:" in monthly and "fail-fast: false" in monthly
    assert "python3 dev.py mutate --pages" in monthly and "fromJSON(needs.pages.outputs.pages)" in monthly
    assert '--per-line 0 --limit "${LIMIT}" --seed "${seed}" --counts' in monthly
    assert "python3 dev.py mutate --tally passes" in monthly
    assert "continue-on-error" not in monthly and "|| true" not in monthly
    assert "docs/en/compare/routing.md" in mutate.pages_showing_python()
