"""How to use this guide: every command the page shows, run or dispatched for real."""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess

import httpx2
import pytest

from guide_tools.website.content import ROOT, SNIPPETS, sections
from tests.support.one_stack import on_one_stack
from tests.support.services import python_env, run_server

RUN_SH = SNIPPETS / "overview/how_to_use/run.sh"


def commands() -> dict[str, str]:
    """The lines of run.sh, by section name."""
    text = RUN_SH.read_text(encoding="utf-8")
    found = {}
    for name in sections(text):
        block = text.split(f"[start:{name}]", 1)[1].split(f"# --8<-- [end:{name}]", 1)[0]
        found[name] = "\n".join(line for line in block.splitlines()[1:] if line.strip())
    return found


@pytest.fixture(scope="module")
def dev():
    spec = importlib.util.spec_from_file_location("dev_entry_point", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dispatched(dev, monkeypatch, line: str) -> list[list[str]]:
    """The commands `python3 dev.py ...` hands to the project environment (uv run --locked -- ...)."""
    argv = shlex.split(line)
    assert argv[:2] == ["python3", "dev.py"]
    seen = []
    monkeypatch.setattr(dev, "in_env", lambda *command, stack="lts", **kw: seen.append([stack, *command]) or 0)
    monkeypatch.setattr(dev, "python_for", lambda stack: f"/usr/bin/python-for-{stack.name}")
    monkeypatch.setattr(dev, "_versions", lambda stack: "Python x, Django y")
    monkeypatch.delenv("PORT", raising=False)
    # .ci/run sets it, and each pytest command then gains a --junitxml for the time table.
    monkeypatch.delenv("SIDE_BY_SIDE_TIMES", raising=False)
    monkeypatch.setenv("SHELL", "/bin/bash")
    assert dev.main(argv[2:]) == 0
    return seen


PARALLEL = ["-n", "auto", "--dist", "loadgroup"]
SUITE = ["pytest", *PARALLEL, "--ignore=tests/browser"]
BROWSER_PASS = ["lts", "pytest", *PARALLEL, "tests/browser", "--no-cov"]
EXERCISE = ["python", "-m", "guide_tools.exercises"]


@pytest.mark.parametrize(("section", "expected"), [
    # MkDocs through guide_tools/devtools/interrupt.py: Ctrl+C ends it quietly.
    ("serve", [["lts", "python", "-m", "guide_tools.devtools.interrupt", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000"]]),
    ("shell", [["lts", "/bin/bash"]]),
    # Everything: on the LTS floor the suite, then the browser tests in processes of their own;
    # then the suite on the latest stack (see dev.py).
    ("test", [["lts", *SUITE], BROWSER_PASS, ["latest", *SUITE]]),
    ("fast", [[stack, "pytest", *PARALLEL, "-m", "not slow"] for stack in ("lts", "latest")]),
    ("one-file", [[stack, "pytest", *PARALLEL, "tests/compare/test_routing.py"] for stack in ("lts", "latest")]),
    ("one-test", [[stack, "pytest", *PARALLEL, "tests/compare/test_routing.py", "-k", "trailing_slash"]
                  for stack in ("lts", "latest")]),
    ("one-stack", [["latest", "pytest", *PARALLEL, "tests/compare/test_routing.py"]]),
    ("update", [["lts", *SUITE, "--update-outputs"], [*BROWSER_PASS, "--update-outputs"],
                ["latest", *SUITE, "--update-outputs"]]),
    # The exercises: guide_tools/exercises/runner.py inside the environment (tests/exercises/ runs it).
    ("exercise-list", [["lts", *EXERCISE]]),
    ("exercise-run", [["lts", *EXERCISE, "routing/flask"]]),
    ("exercise-watch", [["lts", *EXERCISE, "routing/flask", "--watch"]]),
    ("exercise-solution", [["lts", *EXERCISE, "routing/flask", "--solution"]]),
    ("exercise-reset", [["lts", *EXERCISE, "routing/flask", "--reset"]]),
    ("exercise-lang", [["lts", *EXERCISE, "routing", "--lang", "ko"]]),
    ("exercise-check-all", [["lts", *EXERCISE, "--check-all"]]),
    ("exercise-latest", [["latest", *EXERCISE, "routing/flask"]]),
])
def test_dev_py_commands(dev, monkeypatch, section, expected):
    assert dispatched(dev, monkeypatch, commands()[section]) == expected


def test_named_test_file_and_option_exist():
    assert (ROOT / "tests/compare/test_routing.py").is_file()
    assert "def test_missing_trailing_slash_redirects" in (ROOT / "tests/compare/test_routing.py").read_text()
    assert '"--update-outputs"' in (ROOT / "tests/conftest.py").read_text()
    # The serve line is the one tests/site/test_dev_commands.py starts and requests pages from.
    assert '"dev.py", "serve"' in (ROOT / "tests/site/test_dev_commands.py").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_dev_server_commands_serve_the_app(name):
    with run_server(commands()[name], cwd=SNIPPETS, env=python_env(), timeout=60) as server:
        # The port opens before the app is imported (Werkzeug's reloader holds the socket), so the
        # first answer can take a while on a busy machine.
        response = httpx2.get(f"{server.url}/blog/7", timeout=60)
    assert response.status_code == 200
    assert response.json() == {"post_id": 7}


@pytest.mark.slow
@on_one_stack  # the command runs both stacks itself
def test_running_some_tests_for_real(tmp_path):
    """The one-test line runs as shown, from the guide's root, through uv and the locked environment."""
    env = {**os.environ, "COVERAGE_FILE": str(tmp_path / ".coverage")}
    env.pop("COVERAGE_PROCESS_CONFIG", None)  # this nested run is not part of the outer coverage
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    result = subprocess.run(
        ["bash", "-c", commands()["one-test"]],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540, check=False,  # two stacks
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and " failed" not in result.stdout


@pytest.mark.slow
def test_dotted_paths_are_relative_to_snippets():
    """`--app compare.routing.flask_app` imports from snippets/, not from the root of the clone."""
    line = "flask --app compare.routing.flask_app routes"
    env = {**os.environ, **python_env()}
    env.pop("PYTHONPATH", None)
    from_root = subprocess.run(["bash", "-c", line], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert from_root.returncode != 0
    assert "compare.routing.flask_app" in from_root.stderr
    from_snippets = subprocess.run(["bash", "-c", line], cwd=SNIPPETS, env=env, capture_output=True, text=True, check=False)
    assert from_snippets.returncode == 0, from_snippets.stderr
    assert "/blog/<int:post_id>" in from_snippets.stdout


def test_requirements_name_every_program_the_tests_look_for():
    """'What you need' names each program a test asks `find_binary` for (PostgreSQL for initdb)."""
    import re

    page = (ROOT / "docs/en/overview/how_to_use.md").read_text(encoding="utf-8").split("## Read the site")[0]
    wanted = set()
    for path in (ROOT / "tests").rglob("*.py"):
        wanted |= set(re.findall(r'find_binary\(\s*"([\w-]+)"', path.read_text(encoding="utf-8")))
    wanted -= {"no-such-server"}  # the helper's own test
    assert wanted == {"chromium", "initdb", "nginx", "node", "npm", "redis-server", "wrk"}
    names = {"chromium": "Chromium", "initdb": "PostgreSQL", "node": "Node.js"}
    for binary in sorted(wanted):
        assert names.get(binary, binary) in page, binary


def test_dev_py_uses_the_pinned_uv_already_on_path(dev, monkeypatch, tmp_path):
    """'What you need': dev.py installs uv into .tools/ unless that version is on PATH."""
    fake = tmp_path / "uv"
    fake.write_text(f"#!/bin/sh\necho 'uv {dev.UV_VERSION}'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert dev.uv() == str(fake)
    fake.write_text("#!/bin/sh\necho 'uv 0.0.1'\n", encoding="utf-8")
    monkeypatch.setattr(dev.TOOLS.__class__, "exists", lambda self: True)  # no install in a test
    assert dev.uv().startswith(str(dev.TOOLS))
