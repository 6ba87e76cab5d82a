"""Project-wide test machinery: captured outputs, real services, and the completeness gates.

Gates that only make sense for a whole run (100 % snippet coverage, every captured output
checked) are enforced when the run is complete: no path, -k or -m selection, nothing deselected,
and no test skipped for a missing service. `.ci/run` always makes a complete run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_tools.devtools import stacks
from guide_tools.website.content import SNIPPETS
from tests.support import measuring, services
from tests.support.capture import Outputs, other_stacks_file

OUT_GLOB = "**/out/*"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the captured outputs under snippets/**/out/ instead of comparing them",
    )


# --------------------------------------------------------------------------- captured outputs


OUTPUTS = pytest.StashKey[Outputs]()


@pytest.fixture
def outputs(pytestconfig: pytest.Config) -> Outputs:
    """`outputs.check("compare/routing/out/x.txt", render(response, "GET /x"))`."""
    return pytestconfig.stash[OUTPUTS]


# --------------------------------------------------------------------------- SQLAlchemy engines


@pytest.fixture
def make_engine():
    """`make_engine(url, ...)`: sqlalchemy.create_engine whose pool is disposed when the test ends.
    An engine left to the garbage collector leaves its SQLite connections open, which Python 3.13
    reports (ResourceWarning: unclosed database), and warnings are errors here."""
    from sqlalchemy import create_engine

    engines = []

    def make(*args, **kwargs):
        engines.append(create_engine(*args, **kwargs))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


# --------------------------------------------------------------------------- Django handlers


@pytest.fixture(autouse=True)
def _django_handlers_keep_test_connections():
    """Tests that drive Django's WSGI/ASGI handler directly (not through the test Client) would
    make Django close "old" database connections at request start and end, which pytest-django
    refuses outside a `django_db` test once a connection exists in the worker. Django's own test
    Client disconnects the same receiver around each request (and reconnects it afterwards),
    so this is done around every test."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# --------------------------------------------------------------------------- real services


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with services.redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    with services.postgres_server() as dsn:
        yield dsn


# --------------------------------------------------------------------------- completeness gates


class CompletenessGates:
    """A plugin on the controlling process: whether this run can prove the whole-suite gates,
    and enforcing them when it can (100 % snippet coverage, every captured output checked)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.service_skips: list[str] = []
        self.deselected = 0
        self.checked_outputs: set[str] = set()

    def why_incomplete(self) -> str | None:
        opt = self.config.option
        if self.config.args_source == pytest.Config.ArgsSource.ARGS:
            return "only some test paths were selected"
        if opt.keyword or opt.markexpr or getattr(opt, "deselect", None):
            return "tests were selected with -k, -m or --deselect"
        if self.deselected:
            return f"{self.deselected} tests were deselected"
        if getattr(opt, "lf", False) or getattr(opt, "exitfirst", False):
            return "--lf or -x limits the run"
        if self.service_skips:
            return f"{len(self.service_skips)} tests were skipped for a missing service"
        return None

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped and isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2])
            if services.MISSING_PREFIX in reason:
                self.service_skips.append(f"{report.nodeid}: {reason}")

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:  # xdist: a worker finished
        # A worker that crashed (or was ended by pytest-timeout) has no output to hand over.
        self.checked_outputs.update(getattr(node, "workeroutput", {}).get("checked_outputs", []))

    @pytest.hookimpl(wrapper=True, trylast=True)  # inside pytest-cov's wrapper: runs before its report
    def pytest_runtestloop(self, session: pytest.Session):
        result = yield
        config = self.config
        if config.option.collectonly:
            return result
        self.checked_outputs.update(_checked_outputs(session))
        reporter = config.pluginmanager.getplugin("terminalreporter")
        reason = self.why_incomplete()
        # pytest-cov reads its own copy of the options (the early-parsed namespace), not config.option.
        cov = config.pluginmanager.getplugin("_cov")
        cov_options = getattr(cov, "options", config.option)
        if reason and os.environ.get("SIDE_BY_SIDE_PASS") == "browser":
            cov_options.cov_fail_under = None
            reporter.write_line("Browser pass of `dev.py test`: the completeness gates were enforced by the first pass.")
            return result
        if reason:
            cov_options.cov_fail_under = None
            reporter.write_line(
                f"Completeness gates (100 % snippet coverage, every captured output checked) "
                f"not enforced: {reason}.", yellow=True,
            )
            return result
        if not measuring.MEASURED:
            reporter.write_line(f"Snippet coverage is not measured here: {measuring.WHY_NOT}.")
        elif cov is not None:
            cov_options.cov_fail_under = 100
            _omit_latest_only_snippets(cov, reporter)
        if not config.getoption("--update-outputs"):
            for path in sorted(SNIPPETS.glob(OUT_GLOB)):
                name = path.relative_to(SNIPPETS).as_posix()
                if (path.is_file() and name not in self.checked_outputs and not other_stacks_file(name)
                        and path.name not in browser_outputs()):
                    reporter.write_line(
                        f"ERROR: snippets/{name} is a captured output that no test produced in this "
                        "run, so it can go stale unnoticed. Check it from the test that makes it, "
                        "or delete it.", red=True, bold=True,
                    )
                    session.testsfailed += 1
        return result


def _omit_latest_only_snippets(cov, reporter) -> None:
    """On the floor, leave the snippets written for a Django 6 API (stacks.LATEST_ONLY) out of the
    coverage report: they cannot run there, and their tests assert the API is absent instead."""
    omit = stacks.omitted_from_coverage()
    controller = getattr(cov, "cov_controller", None)
    if not omit or controller is None:
        return
    for coverage_object in {id(c): c for c in (controller.cov, getattr(controller, "combining_cov", None)) if c}.values():
        coverage_object.config.report_omit = [*(coverage_object.config.report_omit or []), *omit]
    reporter.write_line(f"Coverage on the LTS floor leaves out {len(omit)} latest-only snippets (stacks.LATEST_ONLY).")


def browser_outputs() -> set[str]:
    """File names of the captured outputs that browser tests check: `dev.py test` runs those in a
    pass of their own (tests/browser/), whose own check fails when such an output is stale."""
    import re

    found: set[str] = set()
    for test_file in (Path(__file__).parent / "browser").glob("test_*.py"):
        found.update(re.findall(r"/([\w.-]+\.txt)[\"']", test_file.read_text(encoding="utf-8")))
    return found


def _checked_outputs(session: pytest.Session) -> set[str]:
    """The captured outputs checked in this process."""
    return set(session.config.stash[OUTPUTS].checked)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[OUTPUTS] = Outputs(update=config.getoption("--update-outputs"))
    if getattr(config, "workeroutput", None) is None:  # not an xdist worker
        config.pluginmanager.register(CompletenessGates(config), "completeness-gates")


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the checked outputs to the controller
        workeroutput["checked_outputs"] = sorted(_checked_outputs(session))
