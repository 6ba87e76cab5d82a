"""The two stacks: versions from the lock, page tokens, dev.py's choice of interpreter, the weekly report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from guide_tools.devtools import stacks, upgrade_report
from guide_tools.website.content import ROOT


@pytest.fixture(scope="module")
def dev():
    spec = importlib.util.spec_from_file_location("dev_stacks_under_test", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_stack_pins_its_django_in_the_lock():
    lts, latest = stacks.django_version("lts"), stacks.django_version("latest")
    assert stacks.series(lts) == "5.2"
    assert tuple(map(int, latest.split(".")[:2])) > stacks.LTS_SERIES


def test_the_running_stack_is_told_by_the_installed_django():
    import django

    assert stacks.current() == ("lts" if django.VERSION[:2] == (5, 2) else "latest")
    assert django.__version__ == stacks.django_version(stacks.current())


def test_the_environments_packages_run_from_their_bytecode():
    """dev.py has uv compile the stack's packages once (in_env, _bytecode_stamp): with
    PYTHONDONTWRITEBYTECODE no process would, and every Python the tests start compiled every module
    it imported, about half of a run's CPU."""
    import django
    import pytest as pytest_module

    for module in (django, pytest_module):
        cached = Path(importlib.util.cache_from_source(module.__file__))
        assert cached.is_file(), f"{module.__name__} has no bytecode ({cached}): dev.py's uv run lost --compile-bytecode"


def test_a_stack_compiles_once_per_lock_and_python(dev, tmp_path, monkeypatch):
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    (tmp_path / "uv.lock").write_text("one", encoding="utf-8")
    chosen = dev.STACKS["lts"]
    stamp, now = dev._bytecode_stamp(chosen, sys.executable)
    assert stamp == tmp_path / chosen.venv / ".side-by-side-bytecode"
    (tmp_path / "uv.lock").write_text("two", encoding="utf-8")
    assert dev._bytecode_stamp(chosen, sys.executable)[1] != now
    assert dev._read(stamp) == ""


def test_page_tokens_come_from_the_lock():
    text = stacks.substitute("Django {django-lts} LTS, {django-latest} ({django-latest-full})", "page.md")
    assert text == (f"Django {stacks.series(stacks.django_version('lts'))} LTS, "
                    f"{stacks.series(stacks.django_version('latest'))} ({stacks.django_version('latest')})")


def test_an_unknown_token_names_the_page():
    with pytest.raises(ValueError, match=r"docs/en/x.md: unknown version token \{django-newest\}"):
        stacks.substitute("Django {django-newest}", "docs/en/x.md")


def test_an_unknown_stack_is_refused():
    with pytest.raises(ValueError, match="the stacks are lts, latest"):
        stacks.group_versions("nightly")


def test_dev_py_names_the_stacks_for_a_wrong_one(dev):
    with pytest.raises(SystemExit, match="unknown stack 'nightly'; the stacks are: lts, latest"):
        dev.test(["--stack", "nightly"])


def test_a_missing_interpreter_says_how_to_get_one(dev, monkeypatch, capsys):
    monkeypatch.setattr(dev, "_pythons", lambda: {(3, 11): sys.executable})
    ran = []
    monkeypatch.setattr(dev, "_one_stack", lambda stack, args, browser: ran.append(stack) or 0)
    monkeypatch.setattr(dev, "_versions", lambda stack: "Python x, Django y")
    monkeypatch.delenv("CI", raising=False)
    assert dev.test([]) == 0  # on a laptop: the floor runs, the latest stack is left out with a how-to
    assert ran == ["lts"]
    assert "uv python install 3.13" in capsys.readouterr().out
    monkeypatch.setenv("CI", "true")
    assert dev.test([]) == 2  # under CI it is a failure
    assert dev.test(["--stack", "latest"]) == 2
    assert "needs Python 3.12+" in capsys.readouterr().err


def test_the_floor_takes_the_oldest_python_and_latest_the_newest(dev, monkeypatch):
    monkeypatch.setattr(dev, "_pythons", lambda: {(3, 11): "/py311", (3, 12): "/py312", (3, 13): "/py313"})
    assert dev.python_for(dev.STACKS["lts"]) == "/py311"
    assert dev.python_for(dev.STACKS["latest"]) == "/py313"


# --------------------------------------------------------------------------- the weekly report


LOCK = """version = 1
[[package]]
name = "django"
version = "{django}"
[[package]]
name = "flask"
version = "3.1.3"
"""

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="tests.compare.test_forms" name="test_django_invalid_input">
  <failure message="AssertionError: Stale captured output: snippets/compare/forms/out/x.txt">...</failure>
</testcase>
<testcase classname="tests.compare.test_routing" name="test_ok"/>
<testcase classname="tests.django_ecosystem.test_mvt" name="test_list_view"><error message="TypeError: boom"/></testcase>
</testsuite></testsuites>
"""


def test_the_report_names_packages_tests_and_pages(tmp_path: Path):
    old, new, junit = tmp_path / "old.lock", tmp_path / "new.lock", tmp_path / "junit.xml"
    old.write_text(LOCK.format(django="6.1.3"))
    new.write_text(LOCK.format(django="6.2.0"))
    junit.write_text(JUNIT)
    text = upgrade_report.report(old, new, junit)
    assert "- django 6.1.3 -> 6.2.0" in text
    assert "flask" not in text  # unchanged
    assert "`tests.compare.test_forms::test_django_invalid_input`: AssertionError: Stale captured output" in text
    assert "pages: docs/en/compare/forms.md, docs/ko/compare/forms.md, docs/ru/compare/forms.md" in text
    assert "pages: docs/en/django/mvt.md, docs/ko/django/mvt.md, docs/ru/django/mvt.md" in text
    assert "test_ok" not in text


def test_the_report_of_a_clean_upgrade(tmp_path: Path):
    lock = tmp_path / "uv.lock"
    lock.write_text(LOCK.format(django="6.1.3"))
    text = upgrade_report.report(lock, lock, tmp_path / "missing.xml")
    assert "nothing: the lock already had the newest releases" in text
    assert "## Failing tests and the pages they check\n\n- none" in text
