"""The README's serve command really serves the three-language site; `serve --lang` serves one and
shows edits to its pages and to the snippets they include."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from urllib.parse import urljoin

import httpx2
import pytest

from guide_tools.website.content import ROOT
from guide_tools.devtools.devloop import serve_command, serve_options
from guide_tools.website.sitebuild import QUIET_LOG, SITE_URL, build_env, copy_project
from guide_tools.devtools.timings import whole_file_include
from tests.site.sitebuild import on_the_site_stack
from tests.support.services import free_port, run_server



@pytest.mark.slow
@pytest.mark.xdist_group("site-build")
@on_the_site_stack
def test_dev_py_serve_serves_every_language():
    # The whole site is built before the first page answers: over 3 minutes on a busy 2-core machine.
    with run_server([sys.executable, "dev.py", "serve"], cwd=ROOT, timeout=600, measure=False) as server:
        pages = {path: httpx2.get(f"{server.url}{path}", timeout=30) for path in ("/", "/ko/", "/ru/compare/routing/")}
        output = server.output()
    for path, response in pages.items():
        assert response.status_code == 200, path
    assert '<html lang="ko"' in pages["/ko/"].text
    assert '<html lang="ru"' in pages["/ru/compare/routing/"].text
    assert "python3 dev.py serve --lang en|ko|ru" in output  # it tells the user about the faster loop


def shows(url: str, text: str, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in httpx2.get(url, timeout=30).text:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.xdist_group("site-build")
@on_the_site_stack
def test_serve_one_language_shows_edits_to_a_page_and_to_a_snippet_it_includes(tmp_path):
    """`serve --lang ko` serves Korean at /ko/, its address on the published site (it was at /: every
    link or typed /ko/... address was a 404), with search and the build log as described."""
    project = copy_project(tmp_path / "project")  # edited below
    port = free_port()
    argv, env, hint = serve_command("ko", f"127.0.0.1:{port}", [])
    assert f"http://127.0.0.1:{port}/ko/" in hint
    command = [sys.executable, "-m", *argv]
    with run_server(command, port=port, cwd=project, env={**build_env(), **env}, timeout=300, measure=False) as server:
        url = f"{server.url}/ko/compare/routing/"
        page = httpx2.get(url, timeout=30)
        assert page.status_code == 200 and '<html lang="ko"' in page.text  # Korean, at /ko/
        home = httpx2.get(f"{server.url}/", timeout=30)
        assert home.status_code == 302 and home.headers["location"] == "/ko/"
        assert httpx2.get(f"{server.url}/ru/", timeout=30).status_code == 404  # the others are not built
        base = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.text, re.S).group(1))["base"]
        index = httpx2.get(urljoin(url, base.rstrip("/") + "/search/search_index.json"), timeout=30)
        assert index.status_code == 200 and index.json()["docs"], f"search base {base!r} from {url}"
        time.sleep(1.1)  # a later modification time than the first build's output
        with (project / "docs/ko/compare/routing.md").open("a", encoding="utf-8") as file:
            file.write("\n\nsbs-page-edit\n")
        assert shows(url, "sbs-page-edit"), server.output()[-3000:]
        with whole_file_include(project, "compare/routing.md", "ko").open("a", encoding="utf-8") as file:
            file.write("\n# sbs-snippet-edit\n")
        assert shows(url, "sbs-snippet-edit"), server.output()[-3000:]
        output = server.output()
        assert "Aborted" not in output
    # Without -v: no plugin chatter before "Serving on", which names the address.
    assert "mkdocs_static_i18n" not in output, output[:2000]
    assert f"Serving on http://127.0.0.1:{port}/ko/" in output


def test_serve_options_and_the_line_it_prints():
    assert serve_options(["--lang", "ru", "-v", "--strict"]) == ("ru", True, ["--strict"])
    assert serve_options(["--lang=en"]) == ("en", False, [])
    _, env, hint = serve_command("ru", "127.0.0.1:8000", [])
    assert env[SITE_URL] == "http://127.0.0.1:8000/ru/" and env[QUIET_LOG] == "1"
    assert "its pages are at http://127.0.0.1:8000/ru/ (`-v` shows the build log)" in hint
    _, env, hint = serve_command("en", "127.0.0.1:8000", [], verbose=True)
    assert env[SITE_URL] == "http://127.0.0.1:8000/" and QUIET_LOG not in env and "-v" not in hint
    _, env, hint = serve_command(None, "127.0.0.1:8000", [])
    assert env == {QUIET_LOG: "1"} and "the site is at http://127.0.0.1:8000/ (" in hint


def test_serve_names_the_languages_when_asked_for_another():
    result = subprocess.run([sys.executable, "dev.py", "serve", "--lang", "xx"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == ("dev.py serve: --lang xx: the site's languages are en, ko, ru "
                                      "(e.g. `python3 dev.py serve --lang ko`).")


def test_i18n_stamp_help_says_what_it_does():
    """`--help` is not a page name: it prints what the command does, and no page is stamped."""
    result = subprocess.run([sys.executable, "dev.py", "i18n-stamp", "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python3 dev.py i18n-stamp") and "not a translated page" not in result.stdout + result.stderr


def test_the_engine_runs_with_the_project_importable(tmp_path):
    """MkDocs imports mkdocs.yml's `guide_tools.website.quiz` while it reads the file, before the hook
    puts the project on sys.path: `dev.py build`/`serve` (the `mkdocs` script, whose sys.path does not
    hold the project) and the tests' builds give the engine the project on PYTHONPATH."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_py", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    probe = [sys.executable, "-c", "import markdown; markdown.Markdown(extensions=['guide_tools.website.quiz'])"]
    for env in (dev.engine_env(), build_env()):
        assert env["PYTHONPATH"].split(os.pathsep)[0] == str(ROOT)
        result = subprocess.run(probe, cwd=tmp_path, env={**os.environ, **env}, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
    bare = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(probe, cwd=tmp_path, env=bare, capture_output=True, text=True, timeout=60, check=False)
    assert "No module named 'guide_tools'" in result.stderr  # what the engine would say without it


def test_a_build_refuses_to_be_one_language(tmp_path):
    """SIDE_BY_SIDE_LANG is for `serve --lang`; a build (which tests and Lighthouse read) is the whole site."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=ROOT, env={**build_env(), "SIDE_BY_SIDE_LANG": "ko"},
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode != 0
    assert "SIDE_BY_SIDE_LANG=ko is set: a build of one language is for `python3 dev.py serve --lang` only." in result.stderr
    assert not (tmp_path / "site").exists()


def test_timings_report_the_wall_and_cpu_time_of_what_they_ran(tmp_path):
    """`dev.py timings` is a report (no duration is asserted): each figure counts the processes it ran."""
    import json
    from dataclasses import asdict

    from guide_tools.devtools import timings

    busy = timings.timed("a busy child", lambda: subprocess.call([sys.executable, "-c", "sum(range(5_000_000))"]))
    failed = timings.timed("a failing child", lambda: subprocess.call([sys.executable, "-c", "raise SystemExit(3)"]))
    assert busy.code == 0 and busy.cpu > 0 and busy.wall > 0
    assert failed.code == 3
    saved = tmp_path / "timings.json"
    saved.write_text(json.dumps([asdict(busy), asdict(failed)]), encoding="utf-8")
    assert timings.load(saved) == [busy, failed]
    lines = timings.table([busy, failed]).splitlines()
    assert lines[0].split() == ["wall", "CPU"]
    assert lines[1].split()[:3] == ["a", "busy", "child"] and lines[2].endswith("(exit code 3)")
