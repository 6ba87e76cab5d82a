"""Static files: the folder, the URLs, the cache headers, collectstatic and WhiteNoise.

Flask and FastAPI are exercised through their test clients and through the servers that
snippets/compare/static_files/run.sh starts. Django's `collectstatic` runs for real, with the
snippet's own settings, into a temporary STATIC_ROOT; the collected tree, the manifest and the
rewritten CSS the page shows are read from that folder. WhiteNoise is tested behind Gunicorn.
"""

from __future__ import annotations

import hashlib
import http
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from django.test import Client
from fastapi.testclient import TestClient

from compare.static_files.fastapi_app import app as fastapi_app
from compare.static_files.flask_app import app as flask_app
from compare.static_files import drive
from compare.static_files.drive import APPS, CACHE_HEADERS, NORMALISE, OUTPUT_APPS, OUTPUTS, TRAVERSAL
from compare.static_files.flask_versioned import app as flask_versioned
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from guide_tools.runtime.drive import STATUS_ARROW, converse, joined, make_app, send
from tests.support.capture import DEFAULT_HEADERS, render
from tests.support.services import python_env, run_server
from tests.support.shell import shown_commands

TOPIC = SNIPPETS / "compare/static_files"
OUT = "compare/static_files/out"
DJANGO_URLS = "compare.static_files.django_app.urls"
SITE_CSS = (TOPIC / "static/css/site.css").read_bytes()

# ETags are built from the file's modification time, which changes with every checkout (drive.py's
# NORMALISE, which the browser test applies too).
ETAG = next((re.compile(pattern), replacement) for pattern, replacement in NORMALISE)
TMP = (re.compile(r"'/\S*/(staticfiles)'"), r"'<tmp>/\1'")


# --------------------------------------------------------------------------- helpers


def commands() -> dict[str, str]:
    """The sections of run.sh, by name: the lines the page shows."""
    return shown_commands(TOPIC / "run.sh")


def shell_env(**extra: str) -> dict[str, str]:
    """This environment (coverage's subprocess patch included) with the venv first on PATH, and
    none of the test run's Django settings, so the commands use the snippet's own."""
    env = {**os.environ, **python_env()}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_STATIC_ROOT"):
        env.pop(name, None)
    return {**env, **extra}


def sh(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run page lines with bash from snippets/, stopping at the first failing one."""
    return subprocess.run(["bash", "-ec", script], cwd=SNIPPETS, env=shell_env(**env), capture_output=True,
                          text=True, timeout=180, check=False)


def tree(root: Path, skip: tuple[str, ...] = ()) -> str:
    """The folder as `tree` prints it (names sorted, folders marked with /), caches left out."""

    def walk(folder: Path, prefix: str) -> list[str]:
        entries = sorted(p for p in folder.iterdir() if p.name not in ("__pycache__", *skip))
        lines = []
        for i, path in enumerate(entries):
            last = i == len(entries) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{path.name}{'/' if path.is_dir() else ''}")
            if path.is_dir():
                lines += walk(path, prefix + ("    " if last else "│   "))
        return lines

    return "\n".join([f"{root.name}/", *walk(root, "")]) + "\n"


def summary(results: list[tuple[str, str]]) -> str:
    """One line per request: what was asked and the status line that came back (drive.py's CUT "status")."""
    return joined("status", [f"{request}{STATUS_ARROW}{status}\n" for request, status in results])


def status_line(response) -> str:
    if hasattr(response, "get_data"):
        return response.status
    return f"{response.status_code} {response.reason_phrase}"


def fetch(client, path: str, method: str = "get", **kwargs):
    """A Flask test request whose file is read and closed (an open file would be a ResourceWarning)."""
    response = getattr(client, method)(path, **kwargs)
    response.get_data()
    response.close()
    return response


def raw_get(url: str, target: str, **headers: str) -> httpx2.Response:
    """GET with the request target sent exactly as written: httpx would resolve `..` first."""
    with httpx2.Client(timeout=10) as client:
        request = client.build_request("GET", url, headers=headers, extensions={"target": target.encode()})
        return client.send(request)


# --------------------------------------------------------------------------- the folder


def test_layout(outputs):
    """Flask and FastAPI read static/ beside their module; Django collects it through STATICFILES_DIRS,
    and each app's own static/ folder through the app directories finder."""
    assert Path(flask_app.static_folder) == TOPIC / "static"
    text = tree(TOPIC, skip=("out", "templates", "manual", "__init__.py", "run.sh", "apps.py", "urls.py",
                             "views.py", "wsgi.py", "production.py", "flask_versioned.py", "drive.py"))
    outputs.check(f"{OUT}/layout_tree.txt", text)


# --------------------------------------------------------------------------- Flask


@pytest.fixture(scope="module")
def flask_client():
    return flask_app.test_client()


def test_flask_page_links_the_stylesheet(flask_client, outputs):
    response = fetch(flask_client, "/")
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.get_data(as_text=True)
    outputs.check(f"{OUT}/flask_page.txt", send(flask_client, *OUTPUTS["flask_page.txt"][1:]))


def test_flask_static_headers(flask_client, outputs):
    response = fetch(flask_client, "/static/css/site.css")
    assert response.status_code == 200
    assert response.data == SITE_CSS
    assert response.headers["Content-Type"] == "text/css; charset=utf-8"
    # SEND_FILE_MAX_AGE_DEFAULT is None by default (since Flask 2.0): revalidate every time.
    assert flask_app.config["SEND_FILE_MAX_AGE_DEFAULT"] is None
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    head = fetch(flask_client, "/static/css/site.css", "head")
    assert head.status_code == 200 and head.headers["ETag"] == response.headers["ETag"]
    outputs.check(f"{OUT}/flask_static.txt", send(flask_client, *OUTPUTS["flask_static.txt"][1:]), normalisers=[ETAG])


def test_flask_conditional_requests(flask_client, outputs):
    first = fetch(flask_client, "/static/css/site.css")
    again = fetch(flask_client, "/static/css/site.css", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    by_date = fetch(flask_client, "/static/css/site.css", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304
    # drive.py's request sends back the ETag a GET answered with, as `again` did (the page's Run too)
    outputs.check(f"{OUT}/flask_not_modified.txt", send(flask_client, *OUTPUTS["flask_not_modified.txt"][1:]),
                  normalisers=[ETAG])


def test_flask_sends_no_compressed_files(flask_client):
    response = fetch(flask_client, "/static/css/site.css", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert response.data == SITE_CSS


def test_flask_versioned_urls_and_long_cache(outputs):
    client = flask_versioned.test_client()
    page = fetch(client, "/")
    match = re.search(r'href="(/assets/css/site\.css\?v=([0-9a-f]{12}))"', page.get_data(as_text=True))
    assert match, page.get_data(as_text=True)
    url, version = match.groups()
    assert version == hashlib.sha256(SITE_CSS).hexdigest()[:12]  # changes exactly when the file does
    assert make_app(OUTPUT_APPS["flask_versioned_page.txt"]) is flask_versioned  # the app the page's Run sends to
    outputs.check(f"{OUT}/flask_versioned_page.txt", send(client, OUTPUTS["flask_versioned_page.txt"][1]))
    _, declared, shown = OUTPUTS["flask_versioned_static.txt"]
    assert declared == f"HEAD {url}", f"drive.py's request for flask_versioned_static.txt must be HEAD {url}"
    response = fetch(client, url, "head")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000"
    assert "Expires" in response.headers
    outputs.check(f"{OUT}/flask_versioned_static.txt", send(client, declared, shown),
                  normalisers=[ETAG])
    assert fetch(client, "/static/css/site.css").status_code == 404  # static_url_path moved it to /assets
    with flask_versioned.test_request_context():
        from flask import url_for

        assert url_for("static", filename="css/site.css", v="pinned") == "/assets/css/site.css?v=pinned"


@pytest.mark.parametrize("query", ["", "?v=0123456789ab", "?v=pinned"])
def test_flask_year_only_for_the_current_version(query):
    """A plain URL, or a `v` of another release (a rolling deploy: the new page reached an old
    instance), must not be cached for a year: that instance would pin its old file under the URL."""
    response = fetch(flask_versioned.test_client(), f"/assets/css/site.css{query}", "head")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Expires" not in response.headers


def test_flask_version_check_keeps_missing_and_outside_files_404():
    client = flask_versioned.test_client()
    assert fetch(client, "/assets/css/missing.css?v=0123456789ab").status_code == 404
    assert fetch(client, "/assets/../flask_versioned.py?v=0123456789ab").status_code == 404


def test_flask_version_cache_holds_one_entry_per_file():
    """The client spells the path (css/./site.css, css//site.css, ...): the cache's key is the path
    safe_join normalised, so a hundred spellings are one entry, not a hundred hashes kept for ever."""
    from compare.static_files.flask_versioned import file_version

    client = flask_versioned.test_client()
    file_version.cache_clear()
    for n in range(100):
        spelling = "css/" + "./" * n + "site.css" if n % 2 else "css" + "/" * (n + 1) + "site.css"
        assert fetch(client, f"/assets/{spelling}?v=0123456789ab", "head").status_code == 200
    assert file_version.cache_info().currsize == 1, file_version.cache_info()


def test_flask_changed_file_gets_a_new_version(monkeypatch, tmp_path):
    """A file changed under a running process (`flask run --debug` restarts on Python files, not
    on static/; a deploy that copies files without a restart) must get a new `v` at once: a hash
    cached per path alone kept the old `v` and sent the new content under it for a year."""
    import shutil

    from flask import url_for

    static = tmp_path / "static"
    shutil.copytree(flask_versioned.static_folder, static)
    monkeypatch.setattr(flask_versioned, "static_folder", str(static))
    client = flask_versioned.test_client()
    with flask_versioned.test_request_context():
        old_url = url_for("static", filename="css/site.css")
    assert fetch(client, old_url, "head").headers["Cache-Control"] == "public, max-age=31536000"

    css = static / "css/site.css"
    stat = css.stat()
    before = css.read_bytes()
    css.write_bytes(before.replace(b"#1f2328", b"#ff0000"))  # same size: the size alone is no key
    assert css.stat().st_size == len(before) and css.read_bytes() != before
    os.utime(css, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a coarse clock still ticks
    with flask_versioned.test_request_context():
        new_url = url_for("static", filename="css/site.css")
    assert new_url == "/assets/css/site.css?v=" + hashlib.sha256(css.read_bytes()).hexdigest()[:12]
    assert fetch(client, new_url, "head").headers["Cache-Control"] == "public, max-age=31536000"
    stale = fetch(client, old_url)  # an old page's URL now names content it was not built from
    assert stale.get_data() == css.read_bytes()
    assert stale.headers["Cache-Control"] == "no-cache"


def test_flask_refuses_path_traversal(flask_client, outputs):
    assert (TOPIC / "flask_app.py").is_file()  # the file the requests try to reach exists
    assert "/static/../flask_app.py" in TRAVERSAL["flask"]  # drive.py's requests, which the page's Run sends
    for path in TRAVERSAL["flask"]:
        assert fetch(flask_client, path).status_code == 404, path
    assert fetch(flask_client, "/static/css/%2e%2e/css/site.css").status_code == 200  # dots inside the folder are fine
    outputs.check(f"{OUT}/flask_traversal.txt", converse(flask_client, drive, "flask_traversal.txt"))


def test_flask_static_folder_is_relative_to_the_module(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # the working directory does not matter
    assert fetch(flask_app.test_client(), "/static/css/site.css").status_code == 200


def test_flask_static_route_can_be_switched_off():
    from flask import Flask

    assert "static" in {rule.endpoint for rule in flask_app.url_map.iter_rules()}
    bare = Flask(__name__, static_folder=None)
    assert "static" not in {rule.endpoint for rule in bare.url_map.iter_rules()}


def test_missing_static_file_in_a_template():
    """Flask and Starlette build a URL for any name; a typo becomes a link to a 404. The versioned
    Flask app hashes the file, so a missing one is an error (Django's manifest: see below)."""
    from flask import url_for

    with flask_app.test_request_context():
        assert url_for("static", filename="css/missing.css") == "/static/css/missing.css"
    assert fastapi_app.url_path_for("static", path="css/missing.css") == "/static/css/missing.css"
    with flask_versioned.test_request_context(), pytest.raises(FileNotFoundError):
        url_for("static", filename="css/missing.css")


# --------------------------------------------------------------------------- FastAPI


@pytest.fixture(scope="module")
def fastapi_client() -> Iterator[TestClient]:
    with TestClient(fastapi_app) as client:
        yield client


def test_fastapi_page_links_the_stylesheet(fastapi_client, outputs):
    response = fastapi_client.get("/")
    assert response.status_code == 200
    # Starlette's url_for builds an absolute URL from the request's scheme and host.
    assert '<link rel="stylesheet" href="http://testserver/static/css/site.css">' in response.text
    outputs.check(f"{OUT}/fastapi_page.txt", send(fastapi_client, *OUTPUTS["fastapi_page.txt"][1:]))


def test_fastapi_static_headers(fastapi_client, outputs):
    response = fastapi_client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response.content == SITE_CSS
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert "cache-control" not in response.headers  # no caching policy at all: the browser guesses
    assert response.headers["etag"] and response.headers["last-modified"]
    head = fastapi_client.head("/static/css/site.css")
    assert head.status_code == 200 and head.headers["etag"] == response.headers["etag"]
    outputs.check(f"{OUT}/fastapi_static.txt", send(fastapi_client, *OUTPUTS["fastapi_static.txt"][1:]), normalisers=[ETAG])


def test_fastapi_conditional_requests(fastapi_client, outputs):
    first = fastapi_client.get("/static/css/site.css")
    again = fastapi_client.get("/static/css/site.css", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    by_date = fastapi_client.get("/static/css/site.css", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert by_date.status_code == 304
    outputs.check(f"{OUT}/fastapi_not_modified.txt", send(fastapi_client, *OUTPUTS["fastapi_not_modified.txt"][1:]),
                  normalisers=[ETAG])


def test_fastapi_sends_no_compressed_files(fastapi_client):
    response = fastapi_client.get("/static/css/site.css", headers={"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in response.headers
    assert response.content == SITE_CSS


def test_fastapi_static_files_only_answer_get_and_head(fastapi_client):
    response = fastapi_client.post("/static/css/site.css")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_fastapi_html_mode(fastapi_client, outputs):
    results = []
    for request in OUTPUTS["fastapi_html_mode.txt"][1]:  # drive.py's, which the page's Run sends
        path = request.removeprefix("GET ")
        response = fastapi_client.get(path, follow_redirects=False)
        line = status_line(response)
        if "location" in response.headers:
            line += f"  (location: {response.headers['location']})"
        results.append((f"GET {path}", line))
        if path == "/manual/nope":  # html=True answers a missing file with 404.html, status 404
            assert response.status_code == 404
            assert "No such page in the manual" in response.text
    assert [status for _, status in results][:3] == [
        "307 Temporary Redirect  (location: http://testserver/manual/)", "200 OK", "200 OK",
    ]
    outputs.check(f"{OUT}/fastapi_html_mode.txt", converse(fastapi_client, drive, "fastapi_html_mode.txt"))


def test_fastapi_html_mount_at_root_must_come_last():
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    def build(mount_first: bool) -> FastAPI:
        app = FastAPI()
        if mount_first:
            app.mount("/", StaticFiles(directory=TOPIC / "manual", html=True), name="site")

        @app.get("/api/status")
        async def status() -> dict[str, str]:
            return {"status": "ok"}

        if not mount_first:
            app.mount("/", StaticFiles(directory=TOPIC / "manual", html=True), name="site")
        return app

    with TestClient(build(mount_first=True)) as client:
        shadowed = client.get("/api/status")
        assert shadowed.status_code == 404 and "No such page in the manual" in shadowed.text
    with TestClient(build(mount_first=False)) as client:
        assert client.get("/api/status").json() == {"status": "ok"}
        assert client.get("/").status_code == 200  # index.html


def test_fastapi_refuses_path_traversal(fastapi_client, outputs):
    """httpx resolves a literal `..` before sending (see test_run_fastapi for one sent as written);
    encoded dots reach Starlette, which normalises the path and refuses to leave the folder."""
    assert (TOPIC / "fastapi_app.py").is_file()
    resolved = fastapi_client.get("/static/../fastapi_app.py")
    assert resolved.request.url.path == "/fastapi_app.py"  # httpx removed the dot segment itself
    for path in TRAVERSAL["fastapi"]:  # drive.py's requests, which the page's Run sends
        assert fastapi_client.get(path).status_code == 404, path
    assert fastapi_client.get("/static/css/%2e%2e/css/site.css").status_code == 200
    outputs.check(f"{OUT}/fastapi_traversal.txt", converse(fastapi_client, drive, "fastapi_traversal.txt"))


def test_fastapi_relative_directory_depends_on_the_working_directory(monkeypatch, tmp_path, outputs):
    from fastapi.staticfiles import StaticFiles

    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuntimeError) as error:
        StaticFiles(directory="static")  # resolved against the working directory, not the module
    assert str(error.value) == "Directory 'static' does not exist"
    outputs.check(f"{OUT}/fastapi_relative_directory.txt", f"RuntimeError: {error.value}\n")
    monkeypatch.chdir(TOPIC)
    assert StaticFiles(directory="static").directory == "static"  # only works from this folder


def test_fastapi_routes_and_mounts_share_one_table():
    from starlette.routing import Mount

    mounts = [route for route in fastapi_app.routes if isinstance(route, Mount)]
    assert [(m.path, m.name) for m in mounts] == [("/static", "static"), ("/manual", "manual")]
    assert fastapi_app.url_path_for("static", path="css/site.css") == "/static/css/site.css"
    assert "/static" not in json.dumps(fastapi_app.openapi())  # mounted apps are not in the API schema


# --------------------------------------------------------------------------- Django, in this process


def snippet_settings():
    from compare.static_files.django_app import settings as snippet

    return snippet


@pytest.fixture
def django_site(settings, tmp_path):
    """The snippet's settings as the page shows them, with a STATIC_ROOT that collectstatic has not
    filled (yet)."""
    django_snippets.apply(settings, snippet_settings().__name__)
    assert settings.ROOT_URLCONF == DJANGO_URLS
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    return settings


def test_django_settings_point_at_the_shared_folder():
    snippet = snippet_settings()
    assert snippet.BASE_DIR == TOPIC
    assert snippet.STATICFILES_DIRS == [TOPIC / "static"]


def test_django_debug_page_uses_plain_names(django_site, outputs):
    module, changes = APPS["django"]  # the page's settings with DEBUG on, as the page's Run has them
    assert module == snippet_settings().__name__ and changes == {"DEBUG": True}
    for name, value in changes.items():
        setattr(django_site, name, value)  # ManifestStaticFilesStorage hashes nothing while DEBUG is on
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/static/css/site.css"' in html and 'href="/static/storefront/storefront.css"' in html
    outputs.check(f"{OUT}/django_page_debug.txt", send(Client(), OUTPUTS["django_page_debug.txt"][1]))


def test_django_page_view_answers_only_get_and_head(django_site):
    """The view's `@require_safe`, as the guide explains it (compare/routing.md): GET and HEAD, and
    `405 Method Not Allowed` naming them for every other method HTTP defines, sent to the page's
    own URL through its URLconf. (No CsrfViewMiddleware in these settings, so a POST reaches the view.)"""
    django_site.DEBUG = True  # the page's Run: the page renders without a manifest
    client = Client()
    assert client.get("/").status_code == 200
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    others = [method for method in http.HTTPMethod if method not in ("GET", "HEAD")]
    assert {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"} <= set(others)
    answers = {method: client.generic(method, "/") for method in others}
    assert {method: (r.status_code, r.headers.get("Allow")) for method, r in answers.items()} == dict.fromkeys(
        others, (405, "GET, HEAD"))


def test_django_missing_manifest_is_a_server_error(django_site, outputs):
    django_site.DEBUG = False  # and collectstatic has not run: no staticfiles.json
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry") as error:
        Client().get("/")
    outputs.check(f"{OUT}/django_missing_manifest.txt", f"ValueError: {error.value}\n")
    production = Client(raise_request_exception=False).get("/")
    assert production.status_code == 500


def test_django_static_helpers_are_empty_without_debug(settings):
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    settings.DEBUG = False
    assert static("/static/", document_root=TOPIC / "static") == []
    settings.DEBUG = True
    assert len(static("/static/", document_root=TOPIC / "static")) == 1
    assert len(staticfiles_urlpatterns()) == 1


def test_django_test_client_does_not_serve_static_files(django_site):
    """Static serving in development is runserver's job, not the URLconf's: through the test
    client (or any other server) /static/ is just a path with no route."""
    django_site.DEBUG = True
    assert Client().get("/static/css/site.css").status_code == 404


def test_django_staticfiles_storage_setting_is_ignored(settings):
    """STATICFILES_STORAGE was deprecated in Django 4.2 and removed in 5.1: now nothing reads it."""
    from io import StringIO

    from django.conf import global_settings
    from django.contrib.staticfiles.storage import StaticFilesStorage
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.template import engines

    settings.STORAGES = global_settings.STORAGES  # what a project that never sets STORAGES gets
    settings.STATICFILES_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    settings.DEBUG = False
    assert type(storages["staticfiles"]) is StaticFilesStorage  # not the manifest storage
    html = engines["django"].from_string("{% load static %}{% static 'css/site.css' %}").render()
    assert html == "/static/css/site.css"  # no hash, no error: the old setting did nothing
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()  # and nothing warns about it


def test_django_storages_replaces_the_whole_default(settings):
    from django.core.files.storage import InvalidStorageError, storages

    settings.STORAGES = {"staticfiles": snippet_settings().STORAGES["staticfiles"]}  # "default" left out
    with pytest.raises(InvalidStorageError, match="default"):
        storages["default"]


def test_django_static_root_must_not_be_a_source(settings, tmp_path):
    from django.contrib.staticfiles.checks import check_finders

    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_DIRS = [tmp_path]
    assert [error.id for error in check_finders(None)] == ["staticfiles.E002"]


def test_django_first_file_found_wins(settings, tmp_path):
    from django.contrib.staticfiles import finders

    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        (folder / "css").mkdir(parents=True)
        (folder / "css/style.css").write_text(f"/* {folder.name} */\n")
    settings.STATICFILES_DIRS = [first, second]
    assert finders.find("css/style.css") == str(first / "css/style.css")
    assert len(finders.find("css/style.css", find_all=True)) == 2  # the other one is never used


def test_django_old_template_library_is_gone():
    from django.template import TemplateSyntaxError, engines

    with pytest.raises(TemplateSyntaxError, match="'staticfiles' is not a registered tag library"):
        engines["django"].from_string("{% load staticfiles %}")


# --------------------------------------------------------------------------- Django: collectstatic


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """run.sh's collectstatic line, with STATIC_ROOT in a temporary folder."""
    root = tmp_path_factory.mktemp("collect") / "staticfiles"
    result = sh(commands()["collectstatic"], DJANGO_STATIC_ROOT=str(root))
    assert result.returncode == 0, result.stderr
    return root, result


@pytest.mark.slow
def test_collectstatic(collected, outputs):
    root, result = collected
    assert result.stdout.strip().endswith("3 static files copied to '" + str(root) + "', 3 post-processed.")
    transcript = f"$ {commands()['collectstatic']}\n{result.stdout.strip()}\n"
    outputs.check(f"{OUT}/django_collectstatic.txt", transcript, normalisers=[TMP])
    outputs.check(f"{OUT}/django_collected_tree.txt", tree(root))


@pytest.mark.slow
def test_collectstatic_manifest(collected, outputs):
    root, _ = collected
    manifest = json.loads((root / "staticfiles.json").read_text())
    assert set(manifest["paths"]) == {"css/site.css", "storefront/storefront.css", "storefront/cart.svg"}
    for name, hashed in manifest["paths"].items():
        assert (root / name).is_file() and (root / hashed).is_file()  # both names are collected
        stem, ext = name.rsplit(".", 1)
        assert re.fullmatch(rf"{re.escape(stem)}\.[0-9a-f]{{12}}\.{ext}", hashed)
    for name in ("css/site.css", "storefront/cart.svg"):  # files without references: hash of the content
        digest = hashlib.md5((root / name).read_bytes(), usedforsecurity=False).hexdigest()[:12]
        assert manifest["paths"][name].split(".")[-2] == digest
    shown = subprocess.run([sys.executable, "-m", "json.tool", "--sort-keys", "staticfiles.json"], cwd=root,
                           capture_output=True, text=True, check=True)
    outputs.check(f"{OUT}/django_manifest.txt", f"$ python -m json.tool --sort-keys staticfiles.json\n{shown.stdout}")


@pytest.mark.slow
def test_collectstatic_rewrites_css_references(collected, outputs):
    root, _ = collected
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    hashed_css = root / manifest["storefront/storefront.css"]
    svg = manifest["storefront/cart.svg"].split("/")[-1]
    assert f'url("{svg}")' in hashed_css.read_text()
    assert 'url("cart.svg")' in (root / "storefront/storefront.css").read_text()  # the copy is untouched
    outputs.check(f"{OUT}/django_collected_css.txt", f"$ cat {hashed_css.relative_to(root.parent)}\n{hashed_css.read_text()}")


@pytest.mark.slow
def test_files_in_static_root_are_not_sources(settings, tmp_path):
    from django.contrib.staticfiles import finders

    root = tmp_path / "staticfiles"
    root.mkdir()
    (root / "only-here.css").write_text("body { color: red; }\n")
    settings.STATIC_ROOT = root
    settings.STATICFILES_DIRS = snippet_settings().STATICFILES_DIRS
    assert finders.find("only-here.css") is None  # so runserver would answer 404
    result = sh(commands()["collectstatic"] + " --clear", DJANGO_STATIC_ROOT=str(root))
    assert result.returncode == 0, result.stderr
    assert not (root / "only-here.css").exists()
    assert (root / "staticfiles.json").is_file()


@pytest.mark.slow
def test_django_page_uses_hashed_names(django_site, collected, outputs):
    """The page after collectstatic: drive.py's SETUP runs it in this process (so can the page's Run),
    into the fixture's empty STATIC_ROOT, and the names are those of run.sh's command (`collected`)."""
    assert OUTPUT_APPS["django_page.txt"] == snippet_settings().__name__  # the page's settings, DEBUG off
    django_site.DEBUG = False
    transcript = converse(Client(), drive, "django_page.txt")
    assert "HTTP/1.1 200 OK" in transcript
    root, _ = collected
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    assert json.loads((Path(django_site.STATIC_ROOT) / "staticfiles.json").read_text())["paths"] == manifest
    for name in ("css/site.css", "storefront/storefront.css"):
        assert f'href="/static/{manifest[name]}"' in transcript
    outputs.check(f"{OUT}/django_page.txt", transcript)


# --------------------------------------------------------------------------- Django: runserver
# runserver's autoreloader runs the project in a child process; stopping that tree can cut a
# coverage data file short, so it is not measured (measure=False). The code it runs (settings,
# URLconf, view) is measured in this process by the tests above.


@pytest.mark.slow
def test_runserver_serves_static_files_with_debug(outputs, tmp_path):
    env = shell_env(DJANGO_STATIC_ROOT=str(tmp_path / "never-collected"))
    with run_server(commands()["django"], cwd=SNIPPETS, env=env, measure=False) as server:
        css = httpx2.get(f"{server.url}/static/storefront/storefront.css", timeout=10)
        head = httpx2.head(f"{server.url}/static/css/site.css", timeout=10)
        again = httpx2.get(f"{server.url}/static/css/site.css", timeout=10,
                           headers={"If-Modified-Since": head.headers["last-modified"]})
        gzip = httpx2.get(f"{server.url}/static/css/site.css", timeout=10, headers={"Accept-Encoding": "gzip"})
        traversal = raw_get(server.url, "/static/../django_app/settings.py")
        log = server.output()
    # Found in the app's own static/ folder by the finders: STATIC_ROOT does not even exist.
    assert css.status_code == 200 and css.content == (
        TOPIC / "django_app/storefront/static/storefront/storefront.css").read_bytes()
    assert not (tmp_path / "never-collected").exists()
    assert head.status_code == 200
    assert "etag" not in head.headers and "cache-control" not in head.headers  # Last-Modified only
    assert again.status_code == 304
    assert "content-encoding" not in gzip.headers
    # Refused, though as a server error: the finder raises SuspiciousFileOperation.
    assert traversal.status_code == 500
    assert "SuspiciousFileOperation" in log
    outputs.check(f"{OUT}/django_runserver_static.txt", render(head, "HEAD /static/css/site.css", headers=CACHE_HEADERS))


@pytest.mark.slow
@pytest.mark.parametrize("insecure", [False, True])
def test_runserver_without_debug(insecure, tmp_path):
    command = commands()["django"].removeprefix("DJANGO_DEBUG=1 ") + (" --insecure" if insecure else "")
    with run_server(command, cwd=SNIPPETS, env=shell_env(DJANGO_STATIC_ROOT=str(tmp_path)), measure=False) as server:
        response = httpx2.get(f"{server.url}/static/css/site.css", timeout=10)
    assert response.status_code == (200 if insecure else 404)


# --------------------------------------------------------------------------- WhiteNoise behind Gunicorn


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> Iterator[tuple[str, Path, str]]:
    """run.sh's production lines: collectstatic with WhiteNoise's storage, then Gunicorn."""
    where = tmp_path_factory.mktemp("production")
    root = where / "staticfiles"
    (where / "secret.txt").write_text("outside STATIC_ROOT\n")
    env = shell_env(DJANGO_STATIC_ROOT=str(root), DJANGO_SECRET_KEY="test-only-" + "x" * 40,
                    XDG_RUNTIME_DIR=str(where))  # Gunicorn's control socket goes there, not to $HOME
    with run_server(commands()["production"], cwd=SNIPPETS, env=env, timeout=60) as server:
        # Gunicorn listens before its worker has loaded the app; the first answer means it has.
        assert httpx2.get(f"{server.url}/", timeout=30).status_code == 200
        yield server.url, root, server.output()


@pytest.mark.slow
def test_production_requires_a_secret_key(tmp_path):
    result = sh("python -m django check --settings compare.static_files.django_app.production",
                DJANGO_STATIC_ROOT=str(tmp_path))
    assert result.returncode != 0
    assert "KeyError: 'DJANGO_SECRET_KEY'" in result.stderr


def test_wsgi_module_builds_the_application():
    """wsgi.py only sets a default: under the test run's DJANGO_SETTINGS_MODULE it builds the
    same handler Gunicorn gets, with the test settings."""
    from django.core.handlers.wsgi import WSGIHandler

    from compare.static_files.django_app import wsgi

    assert isinstance(wsgi.application, WSGIHandler)
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "tests.django_settings"  # setdefault changed nothing


@pytest.mark.slow
def test_whitenoise_collects_compressed_files(production, outputs):
    url, root, log = production
    assert re.search(r"3 static files copied to '.*', \d+ post-processed\.", log)
    names = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    for hashed in manifest.values():
        assert f"{hashed}.gz" in names  # every hashed file has a gzip twin
    assert not any(name.endswith(".br") for name in names)  # Brotli only with the brotli package,
    import importlib.util

    assert importlib.util.find_spec("brotli") is None  # which this environment does not have
    outputs.check(f"{OUT}/whitenoise_tree.txt", tree(root))


@pytest.mark.slow
def test_whitenoise_serves_hashed_files_forever(production, outputs):
    url, root, _ = production
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    path = f"/static/{manifest['storefront/storefront.css']}"
    response = httpx2.head(f"{url}{path}", headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "max-age=315360000, public, immutable"  # ten years
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert int(response.headers["content-length"]) == (root / f"{manifest['storefront/storefront.css']}.gz").stat().st_size
    outputs.check(f"{OUT}/whitenoise_hashed.txt",
                  render(response, f"HEAD {path}\nAccept-Encoding: gzip", headers=CACHE_HEADERS), normalisers=[ETAG])
    plain = httpx2.get(f"{url}{path}", headers={"Accept-Encoding": "identity"}, timeout=10)
    assert "content-encoding" not in plain.headers
    assert plain.content == (root / manifest["storefront/storefront.css"]).read_bytes()
    again = httpx2.get(f"{url}{path}", headers={"If-None-Match": plain.headers["etag"]}, timeout=10)
    assert again.status_code == 304


@pytest.mark.slow
def test_whitenoise_unhashed_names_get_a_short_lifetime(production, outputs):
    url, _, _ = production
    response = httpx2.head(f"{url}/static/storefront/storefront.css", headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "max-age=60, public"
    outputs.check(f"{OUT}/whitenoise_unhashed.txt",
                  render(response, "HEAD /static/storefront/storefront.css\nAccept-Encoding: gzip",
                         headers=CACHE_HEADERS), normalisers=[ETAG])


@pytest.mark.slow
def test_whitenoise_indexes_files_at_startup(production):
    """In production WhiteNoise lists STATIC_ROOT once, when the app starts: run collectstatic first."""
    url, root, _ = production
    (root / "late.css").write_text("body { color: red; }\n")
    assert httpx2.get(f"{url}/static/late.css", timeout=10).status_code == 404


def test_whitenoise_wsgi_wrapper_for_django_is_gone():
    """WhiteNoise 4.0 removed `whitenoise.django.DjangoWhiteNoise` (the wsgi.py integration)."""
    with pytest.raises(ModuleNotFoundError, match="whitenoise.django"):
        import whitenoise.django  # noqa: F401


@pytest.mark.slow
def test_whitenoise_page_and_traversal(production, outputs):
    url, root, _ = production
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    page = httpx2.get(f"{url}/", timeout=10)
    assert page.status_code == 200
    assert f'href="/static/{manifest["css/site.css"]}"' in page.text
    results = []
    for target in ("/static/../secret.txt", "/static/..%2fsecret.txt", "/static/%2e%2e/secret.txt"):
        response = raw_get(url, target)
        assert response.status_code == 404, target
        results.append((f"GET {target}", status_line(response)))
    outputs.check(f"{OUT}/whitenoise_traversal.txt", summary(results))


# --------------------------------------------------------------------------- Flask and FastAPI servers


@pytest.mark.slow
def test_run_flask():
    with run_server(commands()["flask"], cwd=SNIPPETS, env=shell_env()) as server:
        css = httpx2.get(f"{server.url}/static/css/site.css", timeout=10)
        traversal = raw_get(server.url, "/static/../flask_app.py")
    assert css.status_code == 200 and css.content == SITE_CSS
    assert traversal.status_code == 404


@pytest.mark.slow
def test_run_fastapi(outputs):
    with run_server(commands()["fastapi"], cwd=SNIPPETS, env=shell_env()) as server:
        direct = httpx2.get(f"{server.url}/", timeout=10)
        # Behind a TLS-terminating proxy: uvicorn trusts X-Forwarded-* from 127.0.0.1 by default.
        proxied = httpx2.get(f"{server.url}/", headers={"X-Forwarded-Proto": "https"}, timeout=10)
        traversal = raw_get(server.url, "/static/../fastapi_app.py")
    assert f'href="{server.url}/static/css/site.css"' in direct.text
    assert f'href="https://127.0.0.1:{server.port}/static/css/site.css"' in proxied.text
    assert traversal.status_code == 404
    link = next(line.strip() for line in proxied.text.splitlines() if "stylesheet" in line)
    outputs.check(f"{OUT}/fastapi_behind_proxy.txt", f"GET /\nX-Forwarded-Proto: https\n\n{link}\n")


def test_uvicorn_trusts_forwarded_headers_from_loopback_by_default(monkeypatch):
    from uvicorn.config import Config

    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    assert Config("compare.static_files.fastapi_app:app", log_config=None).forwarded_allow_ips == "127.0.0.1,::1"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.1")
    assert Config("compare.static_files.fastapi_app:app", log_config=None).forwarded_allow_ips == "10.0.0.1"


@pytest.mark.slow
def test_uvicorn_ignores_forwarded_headers_from_untrusted_addresses():
    command = commands()["fastapi"] + " --forwarded-allow-ips 10.0.0.1"  # a proxy that is not the client
    with run_server(command, cwd=SNIPPETS, env=shell_env()) as server:
        page = httpx2.get(f"{server.url}/", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert f'href="{server.url}/static/css/site.css"' in page.text  # still http://


def test_hashes_quoted_on_the_page_are_current():
    """The page's prose quotes hashed names; they must be the ones the captured outputs show."""
    page = (SNIPPETS.parent / "docs/en/compare/static_files.md").read_text()
    captured = "".join(path.read_text() for path in (TOPIC / "out").glob("*.txt"))
    quoted = set(re.findall(r"\b[0-9a-f]{12}\b", page))
    assert quoted, "the page quotes no hashed name any more: drop this test"
    assert {digest for digest in quoted if digest not in captured} == set()


def test_the_cache_headers_are_the_usual_ones_and_more():
    """The transcripts of a static file show the usual headers (every transcript's) and those that
    decide caching; drive.py, which the page's Run sends in the browser too, lists them once."""
    assert CACHE_HEADERS[:len(DEFAULT_HEADERS)] == DEFAULT_HEADERS
    assert {"cache-control", "expires", "etag", "last-modified", "content-encoding", "vary", "content-length"} <= set(CACHE_HEADERS)
