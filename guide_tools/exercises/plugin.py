"""A pytest plugin for the exercise runner (guide_tools/exercises/runner.py); not for the project's tests.

Loaded with `-p guide_tools.exercises.plugin` into the pytest process that runs one exercise's
checks against a reader's folder. It writes one JSON report (path in $EXERCISE_REPORT): each
check's outcome (passed, failed, timeout, skipped) with a one-line reason, and the reader's file
and line when their app does not load (an error while it is imported, Django settings included), so
the runner can print one line instead of a traceback. A skipped check is reported with its reason: it did not pass.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import traceback
from pathlib import Path

import pytest

_checks: list[dict[str, str]] = []
_broken: list[str] = []
_warnings: list[str] = []  # "app.py:10: PydanticDeprecatedSince20: ...": shown under the checks, failing none

# The secrets a deployment sets, as the chapters read them (`os.environ["DJANGO_SECRET_KEY"]` with no
# fallback is the right answer): set, when not set already, before the reader's app is first imported
# (pytest-django's settings, a checks module's `from app import ...`). A new value each run, so no check
# can pass on a key written in the source; the secrets battery unsets them to see the app refuse to start.
DEPLOYED_SECRETS = ("DJANGO_SECRET_KEY", "FLASK_SECRET_KEY", "ADMIN_SECRET_KEY")  # the admin exercise's SQLAdmin key


def _app_dir() -> Path:
    """The reader's folder (read when needed: guide_tools/exercises/batch.py imports this module
    in a process forked per folder)."""
    return Path(os.environ.get("EXERCISE_APP_DIR", ".")).resolve()


def _in_app(filename: str | None) -> Path | None:
    if not filename:
        return None
    path = Path(filename).resolve()
    return path if path.is_relative_to(_app_dir()) else None


def _where(path: Path, line: int | None) -> str:
    name = path.relative_to(_app_dir()).as_posix()
    return f"{name}:{line}" if line else name


def describe(exc: BaseException) -> str:
    """One line: where in the reader's files the error comes from (if it does), its type and message."""
    first_line = (str(exc).strip().splitlines() or [""])[0]
    if isinstance(exc, SyntaxError) and (path := _in_app(exc.filename)):
        return f"{_where(path, exc.lineno)}: {type(exc).__name__}: {exc.msg}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _in_app(f.filename)]
    if frames and not isinstance(exc, AssertionError):
        return f"{_where(_in_app(frames[-1].filename), frames[-1].lineno)}: {type(exc).__name__}: {first_line}"
    if isinstance(exc, (AssertionError, pytest.fail.Exception)):  # pytest.fail("...") says it as plainly
        return first_line or "assertion failed"
    return f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__


def _does_not_load(exc: BaseException) -> bool:
    """The reader's app does not load, so no check says anything useful: a syntax or import error, or
    any error raised while one of their modules is imported (Django imports urls.py, views.py and the
    middleware at the first request, so a TypeError at the top of views.py surfaces in a check)."""
    if isinstance(exc, (SyntaxError, ImportError)):
        return True
    frames = traceback.extract_tb(exc.__traceback__)
    return any(frame.name == "<module>" and _in_app(frame.filename) and "importlib" in caller.filename
               for caller, frame in itertools.pairwise(frames))


def _from_the_app(exc: BaseException) -> BaseException:
    """The error in the reader's files behind `exc`: pytest-django raises its own ImportError `from None`
    when the settings do not load, with the reader's error as its context."""
    seen, visited = exc, set()
    while seen is not None and id(seen) not in visited:
        if (isinstance(seen, SyntaxError) and _in_app(seen.filename)) or any(
                _in_app(f.filename) for f in traceback.extract_tb(seen.__traceback__)):
            return seen
        visited.add(id(seen))
        seen = seen.__cause__ or seen.__context__
    return exc


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]):
    """pytest-django imports the reader's settings (and, through INSTALLED_APPS, their apps) here, before
    any check: an error is their app not loading. Reported now, since pytest then stops without a session.
    The deployment's secrets are set first, as a server would set them."""
    for name in DEPLOYED_SECRETS:
        os.environ.setdefault(name, secrets.token_urlsafe(32))
    try:
        return (yield)
    except Exception as exc:
        _broken.append(describe(_from_the_app(exc)))
        _write_report()
        raise


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    report = yield
    call = getattr(report, "call", None)  # removed before pytest_collectreport (runner.collect_one_node)
    if report.failed and call is not None and call.excinfo is not None:
        exc = call.excinfo.value
        while isinstance(exc, pytest.Collector.CollectError) and exc.__cause__ is not None:
            exc = exc.__cause__  # pytest wraps a syntax or import error of the checks' imports
        _broken.append(describe(exc))
    elif report.failed:
        _broken.append(str(report.longrepr).strip().splitlines()[-1])
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed:
        exc = call.excinfo.value if call.excinfo is not None else None
        timed_out = exc is not None and str(exc).startswith("Timeout")  # pytest-timeout's failure
        if exc is not None and _does_not_load(exc):
            _broken.append(describe(exc))
        _checks.append({
            "name": item.originalname.removeprefix("test_"),
            "outcome": "timeout" if timed_out else "failed",
            "message": describe(exc) if exc is not None else str(report.longrepr).strip().splitlines()[-1],
        })
    elif report.skipped:  # pytest.skip(), importorskip, a skip or xfail mark: not passed
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr or "")
        if hasattr(report, "wasxfail"):
            reason = f"expected to fail{': ' + report.wasxfail if report.wasxfail else ''}"
        _checks.append({"name": item.originalname.removeprefix("test_"), "outcome": "skipped",
                        "message": str(reason).removeprefix("Skipped: ").strip() or "skipped"})
    elif report.when == "call":
        _checks.append({"name": item.originalname.removeprefix("test_"), "outcome": "passed", "message": ""})
    return report


def pytest_warning_recorded(warning_message, when: str, nodeid: str, location) -> None:
    """A DeprecationWarning that points into the reader's own files (pydantic's class-based `Config`,
    an old import path): the reader is told where, since pytest's summary is not shown."""
    path = _in_app(warning_message.filename)
    if path is not None and issubclass(warning_message.category, DeprecationWarning):
        first_line = (str(warning_message.message).strip().splitlines() or [""])[0]
        line = f"{_where(path, warning_message.lineno)}: {warning_message.category.__name__}: {first_line}"
        if line not in _warnings:
            _warnings.append(line)


def pytest_sessionfinish(session: pytest.Session) -> None:
    _write_report()


def _write_report() -> None:
    target = os.environ.get("EXERCISE_REPORT")
    if target:
        # A check that fails in setup and teardown is listed twice; keep its first failure.
        checks: dict[str, dict[str, str]] = {}
        for check in _checks:
            if check["name"] not in checks or checks[check["name"]]["outcome"] == "passed":
                checks[check["name"]] = check
        Path(target).write_text(json.dumps({"checks": list(checks.values()), "broken": _broken, "warnings": _warnings}), encoding="utf-8")
