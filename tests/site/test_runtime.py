"""The browser runtime's build side (guide_tools/runtime/): pins, the site cache's key, the
placeholders the pages get, and what a failed download says. The runtime itself runs in
tests/browser/test_run.py."""

from __future__ import annotations

import io
import os
import re
import urllib.request
import zipfile

import pytest

from guide_tools.runtime import assemble, listings, pins
from guide_tools.website import sitebuild
from guide_tools.website.content import ROOT, SNIPPETS


def test_site_cache_key_covers_the_runtime_inputs():
    """A change to the pins, the assembly, the front end or a driver builds a new cached site."""
    inputs = set(sitebuild.source_files())
    runtime = ROOT / "guide_tools" / "runtime"  # service_worker.js too: the site's runtime-sw.js is made from it
    wanted = [*runtime.glob("*.py"), *runtime.glob("*.js"), *(ROOT / "docs" / "assets" / "runtime").glob("*"),
              *(ROOT / "guide_tools" / "exercises" / "editor").glob("*"), *(ROOT / "docs" / "assets" / "exercises").glob("*"),
              *SNIPPETS.rglob("drive.py"), ROOT / "uv.lock"]
    assert wanted and not [p for p in wanted if p not in inputs]


def test_every_wheel_is_one_a_browser_loads():
    wheels = assemble.locked_wheels()
    assert set(wheels) == pins.every_package()
    for wheel in wheels.values():
        if wheel.name in pins.BUILT_FROM_SDIST:
            assert wheel.source_file.endswith(".tar.gz")
        else:
            assert wheel.source_file.endswith(("-py3-none-any.whl", "-py2.py3-none-any.whl",
                                               f"-{pins.PYTHON_TAG}-{pins.PYTHON_TAG}-{pins.PLATFORM_TAG}.whl"))
    assert wheels["pydantic-core"].source_file.endswith(f"{pins.PLATFORM_TAG}.whl")


def test_every_package_brings_what_it_depends_on():
    """A package of the runtime whose uv.lock dependency the runtime lacks would fail to import in the
    browser only (Windows-only dependencies aside): add the dependency to pins.py."""
    import tomllib

    wanted = pins.every_package()
    lock = tomllib.loads((assemble.ROOT / "uv.lock").read_text(encoding="utf-8"))
    lacking = {f"{package['name']} needs {dependency['name']}" for package in lock["package"] if package["name"] in wanted
               for dependency in package.get("dependencies", [])
               if dependency["name"] not in wanted and not assemble.windows_only(dependency)}
    assert not lacking, sorted(lacking)


def test_pyodide_major_and_platform_tag_are_pinned_together():
    assert pins.PYODIDE_VERSION.split(".")[0] == pins.PYODIDE_MAJOR
    assert pins.PLATFORM_TAG.startswith("pyemscripten_") and pins.PLATFORM_TAG.endswith("_wasm32")


def test_a_failed_download_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(assemble, "DOWNLOADS", tmp_path)

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    wheel = assemble.locked_wheels()["flask"]
    with pytest.raises(assemble.RuntimeUnavailable) as raised:
        assemble.cached_download(wheel)
    message = str(raised.value)
    assert "\n" not in message and f"flask {wheel.version}" in message and "run the build again" in message


def test_a_download_with_another_hash_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(assemble, "DOWNLOADS", tmp_path)
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: io.BytesIO(b"not the wheel"))
    with pytest.raises(assemble.RuntimeUnavailable, match="hash differs"):
        assemble.cached_download(assemble.locked_wheels()["flask"])
    assert not list(tmp_path.iterdir())  # nothing cached


def test_trimmed_wheel_drops_what_the_browser_never_uses():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("django/__init__.py", "")
        archive.writestr("django/conf/locale/de/formats.py", "")
        archive.writestr("django/conf/locale/de/LC_MESSAGES/django.mo", b"\0")
        archive.writestr("django/conf/locale/en/LC_MESSAGES/django.mo", b"\0")  # gettext needs English's
        archive.writestr("django/contrib/admin/static/admin/css/base.css", "")
        archive.writestr("django-6.1.dist-info/RECORD", "")
    wheel = assemble.Wheel("django", "6.1", "https://x/django-6.1-py3-none-any.whl", "", ())
    with zipfile.ZipFile(io.BytesIO(assemble.trimmed(wheel, buffer.getvalue()))) as archive:
        names = set(archive.namelist())
        record = archive.read("django-6.1.dist-info/RECORD").decode()
    assert names == {"django/__init__.py", "django/conf/locale/de/formats.py", "django/conf/locale/en/LC_MESSAGES/django.mo",
                     "django-6.1.dist-info/RECORD"}
    assert "formats.py" in record and "de/LC_MESSAGES" not in record and "en/LC_MESSAGES/django.mo" in record



def test_trimmed_pygments_still_serves_pytest(tmp_path):
    """A Check imports pytest, whose terminal writer imports Pygments at its top: with the pinned
    wheels of both, the trimmed Pygments (most of its lexers gone) still imports there and still
    colours Python and a diff, as pytest would in a terminal; and it is a tenth of the wheel."""
    import subprocess
    import sys

    wheels = assemble.locked_wheels()
    full = assemble.cached_download(wheels["pygments"])
    small = assemble.trimmed(wheels["pygments"], full)
    assert len(small) < len(full) / 5
    for name, data in (("pygments", small), ("pytest", assemble.cached_download(wheels["pytest"]))):
        zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path / name)
    code = f"""import sys; sys.path[:0] = [{str(tmp_path / 'pygments')!r}, {str(tmp_path / 'pytest')!r}]
import io, pygments, _pytest._io.terminalwriter as tw
assert pygments.__file__.startswith({str(tmp_path)!r}), pygments.__file__
writer = tw.TerminalWriter(io.StringIO())
writer.hasmarkup = True
for source, lexer in (("def f():\\n    return 1\\n", "python"), ("-a\\n+b\\n", "diff")):
    assert "\\x1b[" in writer._highlight(source, lexer=lexer), lexer
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr

def test_every_runnable_output_exists_and_a_page_shows_it():
    shown = set().union(*listings.shown_outputs().values())
    runs = listings.runnable()
    assert runs
    assert not [p for p in runs if not (SNIPPETS / p).is_file()]
    assert not [p for p in runs if p not in shown]


MARKDOWN = '''=== "Flask"

    ```text
    --8<-- "compare/routing/out/flask_static.txt"
    ```

=== "FastAPI"

    ```text
    --8<-- "compare/routing/out/not_declared.txt"
    ```
'''


def test_a_placeholder_follows_each_runnable_output_and_only_those():
    marked = listings.mark(MARKDOWN)
    lines = marked.splitlines()
    [at] = [i for i, line in enumerate(lines) if "sbs-run" in line]
    assert lines[at - 2].strip() == "```" and "flask_static.txt" in lines[at - 3]
    assert lines[at].startswith("    <div ") and " hidden>" in lines[at]
    assert marked.count("sbs-run") == 1


def editable_files() -> list[tuple[str, str, str]]:
    """(topic, file, the text the reader edits) for every file Edit opens, in every runnable topic."""
    found = []
    for topic, declared in listings.drivers().items():
        if declared.get("OUTPUTS"):
            files = listings.bundle(topic, declared)["files"]
            found += [(topic, path, files[path]) for path in sorted({p for paths in declared.get("EDITABLE", {}).values() for p in paths})]
    return found


def test_the_reader_edits_no_build_marker_and_every_file_still_compiles():
    """Edit shows a listing's file without the build's markers (`# --8<-- [start:static]`, `# (1)!`):
    none is left in any file Edit opens, and each Python file still compiles."""
    found = editable_files()
    assert len(found) > 150
    marked = [path for _, path, text in found if "--8<--" in text or re.search(r"\(\d+\)!", text)]
    assert not marked, f"build markers left in what the reader edits: {marked}"
    for _, path, text in found:
        if path.endswith(".py"):
            compile(text, path, "exec")
    assert sum("--8<--" in (SNIPPETS / path).read_text(encoding="utf-8") for _, path, _ in found) > 20  # there were some


def test_unmarked_drops_the_markers_keeps_the_code_and_says_where_each_section_starts():
    text = ("import flask\n# --8<-- [start:static]\n@app.get('/')  # (1)!\ndef home():\n    # (2)!\n"
            "    return 'x'  # noqa: E501  # (3)!\n# --8<-- [end:static]\n")
    code, sections = listings.unmarked(text)
    assert code == "import flask\n@app.get('/')\ndef home():\n    return 'x'  # noqa: E501\n"
    assert sections == {"static": 2}
    bundle = listings.bundle("compare/routing", listings.drivers()["compare/routing"])
    flask = bundle["files"]["compare/routing/flask_app.py"].split("\n")
    assert flask[bundle["sections"]["compare/routing/flask_app.py"]["static"] - 1].startswith("@app")


def test_a_traceback_a_run_prints_names_the_same_lines():
    """A captured output that names a line of a listing's file (a traceback) still names the same
    line once the markers are gone: no marker line is dropped above it."""
    checked = 0
    for output in listings.runnable():
        for path, line in re.findall(r'File "(?:<snippets>/)?([\w/.]+\.py)", line (\d+)', (SNIPPETS / output).read_text(encoding="utf-8")):
            if (SNIPPETS / path).is_file():
                head = "\n".join((SNIPPETS / path).read_text(encoding="utf-8").split("\n")[:int(line)])
                assert listings.unmarked(head)[0].count("\n") + 1 == int(line), f"{output}: {path} line {line} moves"
                checked += 1
    assert checked


def test_each_placeholder_names_the_listing_above_it_that_edit_opens_on():
    """Edit opens on the part of the file the page shows: the placeholder names the nearest listing
    above the output that is one of the files Edit opens, and that section is in the bundle."""
    runs, declared = listings.runnable(), listings.drivers()
    shown = re.compile(r'data-sbs-topic="([^"]+)"[^>]*data-sbs-shown="([^":]+)(?::([^"]+))?"')
    marked = listings.mark(MARKDOWN.replace("```text", "```python\n    --8<-- \"compare/routing/flask_app.py:static\"\n    ```\n\n    ```text", 1))
    assert 'data-sbs-shown="compare/routing/flask_app.py:static"' in marked
    count = 0
    for page in sorted(listings.DOCS_EN.rglob("*.md")):
        for topic, path, section in shown.findall(listings.mark(page.read_text(encoding="utf-8"), runs, "en", {})):
            count += 1
            assert not section or section in listings.bundle(topic, declared[topic])["sections"][path], (page, path, section)
    assert count > 200


LOCAL = {"compare/websockets/out/fastapi_conversation.txt": ("server", "python3 dev.py test tests/compare/test_websockets.py")}
LOCAL_MARKDOWN = '''=== "FastAPI"

    ```text
    --8<-- "compare/websockets/out/fastapi_conversation.txt"
    ```

```text
--8<-- "compare/forms/out/flask_form.txt"
```
'''


@pytest.mark.parametrize("lang, words", [("en", "Does not run in the browser"), ("ko", "브라우저에서는 실행할 수 없습니다"),
                                         ("ru", "В браузере не запускается")])
def test_an_output_the_browser_cannot_run_says_so_in_one_line_with_the_local_command(lang, words):
    marked = listings.mark(LOCAL_MARKDOWN, runs={}, lang=lang, local=LOCAL)
    lines = marked.splitlines()
    [at] = [i for i, line in enumerate(lines) if words in line]
    assert lines[at - 2].strip() == "```" and "fastapi_conversation.txt" in lines[at - 3]
    assert lines[at].startswith("    <small>") and "`python3 dev.py test tests/compare/test_websockets.py`" in lines[at]
    assert lines[at + 1] == "    { .sbs-local }"
    assert marked.count("sbs-local") == 1  # not under an output that only lacks a driver (forms)


def test_only_the_browsers_reasons_get_the_line_and_each_names_a_real_test():
    local = listings.local_only()
    runs = listings.runnable()
    assert local and not set(local) & set(runs)
    assert {key for key, _ in local.values()} <= set(listings.REASONS)
    for path, (key, command) in local.items():
        test = command.removeprefix("python3 dev.py test ")
        assert (ROOT / test).is_file() and path.partition("/out/")[0] in (ROOT / test).read_text(encoding="utf-8")
    # the reasons are read per framework: FastAPI's auth hashes with argon2 (pwdlib); Flask's with
    # Werkzeug's scrypt and Django's login with PBKDF2, which need OpenSSL (their drive.py says so)
    assert local["compare/auth/out/fastapi_me.txt"][0] == "argon2"
    assert local["compare/auth/out/flask_login.txt"][0] == local["compare/auth/out/django_login.txt"][0] == "openssl"
    assert "compare/auth/out/django_logout.txt" not in local  # it runs: a session login, no password hashed
    # a driver's own line counts when it names one of the browser's reasons
    assert local["compare/errors/out/flask_server_log.txt"][0] == "server"
    assert "compare/errors/out/flask_server_error.txt" not in local
    # the reasons a reader reads are the true ones: Flask's chat is a WebSocket (flask-sock), not
    # "threads"; deployment's outputs are a real server's; the drivers table needs PostgreSQL (its
    # harness's database module), not the Redis another file of its topic imports
    assert local["compare/websockets/out/flask_conversation.txt"][0] == "server"
    assert {local[f"compare/deployment/out/{name}.txt"][0] for name in ("flask_threads", "flask_gunicorn", "fastapi_uvicorn")} == {"server"}
    assert local["performance/optimizing/out/drivers.txt"][0] == "postgres"
    # a command's transcript says so and names the test that runs it; a file tree, or what a test
    # catches (no request to send), gets no line: nothing the browser lacks
    assert local["compare/migrations/out/django_first.txt"] == ("command", "python3 dev.py test tests/compare/test_migrations.py")
    assert local["compare/testing/out/flask_run.txt"][0] == "command"
    for quiet in ("migrations/out/django_0001_initial.txt", "project_structure/out/flask_layout_tree.txt",
                  "testing/out/fastapi_without_with.txt"):
        assert f"compare/{quiet}" not in local


def test_every_driver_imports_as_the_build_reads_it_and_names_real_outputs():
    """A drive.py imports cleanly (the tests and the worker import it) to what the build reads
    without importing it, and every output it names exists: a misspelt NOT_IN_BROWSER key would
    silently leave the page's reason to the guess from imports."""
    import importlib

    for topic, declared in listings.drivers().items():
        module = importlib.import_module(topic.replace("/", ".") + ".drive")
        for name, value in declared.items():
            assert getattr(module, name) == value, f"{topic}/drive.py: {name}"
        named = {*declared.get("OUTPUTS", {}), *declared.get("NOT_IN_BROWSER", {})}
        missing = sorted(name for name in named if not (SNIPPETS / topic / "out" / name).is_file())
        assert not missing, f"{topic}/drive.py names outputs that {topic}/out/ does not have: {missing}"


@pytest.mark.slow
@pytest.mark.xdist_group("site-build")
def test_the_built_pages_carry_the_line_in_their_language(tmp_path_factory):
    from tests.site.sitebuild import shared_site

    site = shared_site(tmp_path_factory)
    words = {"": "Does not run in the browser", "ko/": "브라우저에서는 실행할 수 없습니다", "ru/": "В браузере не запускается"}
    for prefix, said in words.items():
        page = (site / prefix / "compare" / "websockets" / "index.html").read_text(encoding="utf-8")
        lines = [line for line in page.split("<p") if 'class="sbs-local"' in line.split(">", 1)[0]]
        assert lines and all(said in line and "<code>python3 dev.py test tests/compare/test_websockets.py</code>" in line
                             and "<script" not in line for line in lines), prefix
        forms = (site / prefix / "compare" / "forms" / "index.html").read_text(encoding="utf-8")
        assert "sbs-local" not in forms  # no driver yet: our gap, kept silent


def test_a_listing_bundle_names_the_extra_packages_per_framework():
    """A Run loads a framework's stack plus what that framework's files import from pins.EXTRAS
    (run.js adds `extras`): the ORM chapter's Flask app needs Flask-SQLAlchemy, FastAPI's SQLAlchemy alone."""
    from guide_tools.runtime import listings

    extras = listings.bundle("compare/orm", {})["extras"]
    assert {"flask-sqlalchemy", "sqlalchemy"} <= set(extras["flask"])
    assert "sqlalchemy" in extras["fastapi"] and "flask-sqlalchemy" not in extras["fastapi"]
    assert "flask-sqlalchemy" not in extras.get("django", [])
    assert listings.bundle("compare/routing", {})["extras"] == {}
    # a file no name marks is another framework's when it imports that framework (forgotten_await.py)
    files = {"t/forgotten.py": "from fastapi import FastAPI\n", "t/lost.py": "import asyncio\n"}
    assert listings.framework_files("t", files, "django") == ["import asyncio\n"]
    assert len(listings.framework_files("t", files, "fastapi")) == 2


def test_every_pinned_package_a_frameworks_files_import_is_loaded_for_it():
    """The browser test runs a page's outputs in one worker, FastAPI's before Flask's, so a package
    FastAPI's stack brings hid one a Flask app needs (rest_apis' Flask app validates with Pydantic:
    a reader's first Run there was a ModuleNotFoundError). For every runnable topic and framework,
    each pinned package its files import is in its stack or its extras."""
    pinned = {name.replace("-", "_") for names in pins.STACKS.values() for name in names} | set(pins.EXTRAS)
    missing = []
    for topic, declared in listings.drivers().items():
        bundle = listings.bundle(topic, declared)
        for framework in {framework for framework, *_ in declared.get("OUTPUTS", {}).values()}:
            mine = listings.framework_files(topic, bundle["files"], framework, declared)
            imported = {name for text in mine for name in listings.IMPORTED.findall(text)} & pinned
            loaded = {name.replace("-", "_") for name in (*pins.STACKS[framework], *bundle["extras"].get(framework, []))}
            loaded |= {name for name, package in pins.EXTRAS.items() if package in bundle["extras"].get(framework, [])}
            missing += [f"{topic} ({framework}): {name}" for name in sorted(imported - loaded)]
    assert not missing, f"imported but not loaded in the browser: {missing}"


# --------------------------------------------------------------------------- conversations (BEFORE, several requests)


def counter_app():
    """A Flask app whose answer depends on the requests before: POST /add counts, GET /count tells."""
    from flask import Flask

    app = Flask("counter")
    app.config["added"] = 0

    @app.post("/add")
    def add():
        app.config["added"] += 1
        return "", 204

    @app.get("/count")
    def count():
        return f"count={app.config['added']}"

    return app


def test_a_conversation_sends_before_unshown_then_shows_its_requests():
    """BEFORE's requests reach the same app first and are not shown; a list of requests is shown
    one after the other, as the tests join transcripts. A driver that skipped BEFORE would show 0."""
    from types import SimpleNamespace

    from guide_tools.runtime.drive import converse

    driver = SimpleNamespace(OUTPUTS={"x.txt": ("flask", ["GET /count", "POST /add", "GET /count"])},
                             BEFORE={"x.txt": ["POST /add", "POST /add"]})
    text = converse(counter_app().test_client(), driver, "x.txt")
    assert text == ("GET /count\n\nHTTP/1.1 200 OK\ncontent-type: text/html; charset=utf-8\n\ncount=2\n\n"
                    "POST /add\n\nHTTP/1.1 204 NO CONTENT\ncontent-type: text/html; charset=utf-8\n\n"
                    "GET /count\n\nHTTP/1.1 200 OK\ncontent-type: text/html; charset=utf-8\n\ncount=3\n")
    single = SimpleNamespace(OUTPUTS={"y.txt": ("flask", "GET /count")})  # no BEFORE: one request, as before
    assert converse(counter_app().test_client(), single, "y.txt").endswith("count=0\n")


def test_a_failed_request_before_stops_the_conversation_and_says_which():
    """A setup request answered with an error would make every later answer wrong: it stops there."""
    from types import SimpleNamespace

    from guide_tools.runtime.drive import converse

    driver = SimpleNamespace(OUTPUTS={"x.txt": ("flask", "GET /count")}, BEFORE={"x.txt": ["POST /count"]})
    with pytest.raises(RuntimeError, match=r"x.txt: a request sent before it \(BEFORE\) failed with 405:\nPOST /count"):
        converse(counter_app().test_client(), driver, "x.txt")


def test_before_names_only_declared_outputs_and_the_census_counts_conversations(tmp_path):
    topic = tmp_path / "compare" / "demo"
    topic.mkdir(parents=True)
    topic.joinpath("drive.py").write_text(
        'APPS = {"flask": "compare.demo.app:app"}\n'
        'OUTPUTS = {"flask_a.txt": ("flask", "GET /")}\n'
        'BEFORE = {"flask_b.txt": ["POST /"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"compare/demo/drive.py: BEFORE names outputs OUTPUTS does not declare: \['flask_b.txt'\]"):
        listings.drivers(tmp_path)
    declared = {"OUTPUTS": {"list.txt": ("flask", "GET /"), "two.txt": ("flask", ["PATCH /1", "PUT /1"]),
                            "one.txt": ("flask", "POST /")},
                "BEFORE": {"list.txt": ["POST /", "POST /"]}}
    assert listings.conversation(declared, "list.txt")  # created first
    assert listings.conversation(declared, "two.txt")  # two requests, both shown
    assert not listings.conversation(declared, "one.txt")


def test_an_app_factory_and_django_settings_changes_are_declared_data():
    """APPS may name a factory with its arguments, or Django's settings with the settings the run
    changes (a dict value updates the settings' dict, as override_settings({**old, **new}) does)."""
    from fractions import Fraction

    from guide_tools.runtime.drive import django_settings, make_app

    assert make_app(("fractions:Fraction", 3, 4)) == Fraction(3, 4)
    assert make_app("fractions:Fraction") is Fraction
    base = {"ROOT_URLCONF": "demo.urls", "REST_FRAMEWORK": {"PAGE_SIZE": 20, "DEFAULT_RENDERER_CLASSES": ["json"]}}
    values = django_settings((base, {"REST_FRAMEWORK": {"PAGE_SIZE": 2}, "DEBUG": True}))
    assert values["REST_FRAMEWORK"] == {"PAGE_SIZE": 2, "DEFAULT_RENDERER_CLASSES": ["json"]}
    assert values["DEBUG"] is True and values["ROOT_URLCONF"] == "demo.urls"
    assert base["REST_FRAMEWORK"]["PAGE_SIZE"] == 20  # the declaration itself is left as it is
    module = django_settings(("compare.routing.django_app.settings", {"DEBUG": True}))
    assert module["DEBUG"] is True and module["ROOT_URLCONF"] == "compare.routing.django_app.urls"


def refused(tmp_path, head: str, cases: list[tuple[str, str]]):
    """Write compare/demo/drive.py as `head` + each body in turn and check that the build refuses it
    with the message's pattern; return the drive.py path, for what the test writes next."""
    topic = tmp_path / "compare" / "demo"
    topic.mkdir(parents=True, exist_ok=True)
    drive = topic / "drive.py"
    for body, message in cases:
        drive.write_text(head + body, encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            listings.drivers(tmp_path)
    return drive


def test_setup_and_show_sql_name_only_declared_outputs_real_functions_and_known_views(tmp_path):
    head = 'APPS = {"django": {}}\nOUTPUTS = {"a.txt": ("django", "GET /")}\n'
    drive = refused(tmp_path, head, [
        ('SETUP = {"b.txt": "rows"}\ndef rows(): pass\n', r"SETUP names outputs OUTPUTS does not declare: \['b.txt'\]"),
        ('SHOW_SQL = {"b.txt": "queries"}\n', r"SHOW_SQL names outputs OUTPUTS does not declare: \['b.txt'\]"),
        ('SETUP = {"a.txt": "rows"}\n', r"SETUP names functions it does not define: \['rows'\]"),
        ('SHOW_SQL = {"a.txt": "count"}\n', r"SHOW_SQL shows one of \['statements', 'queries'\], not \['count'\]"),
    ])
    drive.write_text(head + 'SETUP = {"a.txt": "rows"}\nSHOW_SQL = {"a.txt": "queries"}\n'
                                          "def rows():\n    pass\n", encoding="utf-8")
    declared = listings.drivers(tmp_path)["compare/demo"]
    assert listings.conversation(declared, "a.txt")  # rows made first: counted as a conversation


def test_setup_makes_the_rows_first_and_sql_shows_what_each_shown_request_issued():
    """SETUP's function runs before BEFORE's requests; SHOW_SQL records the statements each shown
    request issued (not BEFORE's), as statements after the transcript or as counted shapes."""
    from types import SimpleNamespace

    from flask import Flask
    from sqlalchemy import create_engine, text

    from guide_tools.runtime.drive import converse

    engine = create_engine("sqlite://")
    app = Flask("rows")

    @app.post("/rows")
    def add():
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t (n) VALUES (:n)"), {"n": 5})
        return "", 204

    @app.get("/rows")
    def rows():
        with engine.connect() as conn:
            found = [conn.execute(text("SELECT n FROM t WHERE n > :n"), {"n": n}).scalar() for n in (0, 1)]
        return f"{found}"

    made = []

    def table():
        made.append("table")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (n INTEGER)"))

    outputs = {"s.txt": ("flask", "GET /rows", ["content-type"]), "q.txt": ("flask", ["GET /rows", "GET /rows"])}
    driver = SimpleNamespace(OUTPUTS=outputs, SETUP={"s.txt": "table", "q.txt": "table"}, table=table,
                             BEFORE={"s.txt": ["POST /rows"], "q.txt": ["POST /rows"]},
                             SHOW_SQL={"s.txt": "statements", "q.txt": "queries"})
    try:
        assert converse(app.test_client(), driver, "s.txt") == (
            "GET /rows\n\nHTTP/1.1 200 OK\ncontent-type: text/html; charset=utf-8\n\n[5, 5]\n"
            "\nSQL issued:\n\nSELECT n\nFROM t\nWHERE n > ?\n-- parameters: (0,)\n\n"
            "SELECT n\nFROM t\nWHERE n > ?\n-- parameters: (1,)\n")  # not the INSERT BEFORE sent
        engine.dispose()
        assert converse(app.test_client(), driver, "q.txt") == (
            "GET /rows  →  2 queries\n2 × SELECT … FROM t WHERE n > ?\n\n"
            "GET /rows  →  2 queries\n2 × SELECT … FROM t WHERE n > ?\n")
        assert made == ["table", "table"]  # a fresh database each time (an in-memory SQLite per engine pool)
    finally:
        engine.dispose()

# --------------------------------------------------------------------------- a function's result (call outputs)


def test_a_call_output_is_what_the_function_returns_in_the_test_and_in_the_browser(tmp_path, monkeypatch):
    """An output that is a function's result, not a response: `called` (the test's) and run_output
    (the browser's, inside a running event loop) call the same declared function with the same
    arguments; a list is one line per item, a coroutine is run."""
    import asyncio
    from types import SimpleNamespace

    from guide_tools.runtime.drive import called, is_call, run_output

    outputs = {"lines.txt": ("flask", "call textwrap:wrap('one two three', 7)"),
               "text.txt": ("flask", "call asyncio:sleep(0, 'done')"),
               "bare.txt": ("flask", "call platform:python_implementation")}
    driver = SimpleNamespace(OUTPUTS=outputs)
    assert called(driver, "lines.txt") == "one two\nthree\n"
    assert called(driver, "text.txt") == "done\n"
    assert called(driver, "bare.txt") == "CPython\n"
    assert is_call(outputs["bare.txt"][1]) and not is_call("GET /") and not is_call(["GET /", "POST /"])
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "calldemo_drive.py").write_text(f"OUTPUTS = {outputs!r}\n", encoding="utf-8")
    for output in outputs:
        assert asyncio.run(run_output("calldemo_drive", output)) == called(driver, output)


def test_a_topic_whose_outputs_are_calls_needs_no_app_but_a_request_still_does(tmp_path):
    topic = tmp_path / "performance" / "demo"
    topic.mkdir(parents=True)
    drive = topic / "drive.py"
    drive.write_text('OUTPUTS = {"report.txt": ("django", "call performance.demo.report:lines")}\n', encoding="utf-8")
    assert listings.runnable(tmp_path)["performance/demo/out/report.txt"].framework == "django"
    assert not listings.conversation(listings.drivers(tmp_path)["performance/demo"], "report.txt")
    drive.write_text('OUTPUTS = {"report.txt": ("django", "call performance.demo.report:lines"), '
                     '"page.txt": ("flask", "GET /")}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="every OUTPUTS framework needs an APPS entry"):
        listings.drivers(tmp_path)


def test_environ_is_set_for_a_run_and_the_previous_runs_is_removed(tmp_path, monkeypatch):
    """ENVIRON reaches the code a Run calls (here a call output that reads it); the next Run of a
    topic that declares other variables does not see the first one's."""
    import asyncio
    import os

    from guide_tools.runtime.drive import run_output

    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("SBS_DEMO_TOKEN", "SBS_DEMO_OTHER"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "envdemo_a_drive.py").write_text(
        'ENVIRON = {"SBS_DEMO_TOKEN": "alice:demo"}\n'
        'OUTPUTS = {"x.txt": ("flask", "call os:getenv(\'SBS_DEMO_TOKEN\', \'unset\')")}\n', encoding="utf-8")
    (tmp_path / "envdemo_b_drive.py").write_text(
        'ENVIRON = {"SBS_DEMO_OTHER": "1"}\n'
        'OUTPUTS = {"x.txt": ("flask", "call os:getenv(\'SBS_DEMO_TOKEN\', \'unset\')")}\n', encoding="utf-8")
    try:
        assert asyncio.run(run_output("envdemo_a_drive", "x.txt")) == "alice:demo\n"
        assert asyncio.run(run_output("envdemo_b_drive", "x.txt")) == "unset\n"
        assert os.environ["SBS_DEMO_OTHER"] == "1"
    finally:
        for name in ("SBS_DEMO_TOKEN", "SBS_DEMO_OTHER"):
            os.environ.pop(name, None)


def test_a_calls_placeholder_says_so_and_run_js_leaves_fastapis_request_note_off_it():
    """FastAPI's note under a live output says how the request reached the app; a call sends none."""
    call = listings.Runnable("performance/demo", "report.txt", "fastapi", call=True)
    request = listings.Runnable("performance/demo", "page.txt", "fastapi")
    assert " data-sbs-call " in listings.placeholder(call) and "data-sbs-call" not in listings.placeholder(request)
    run_js = (ROOT / "docs/assets/runtime/run.js").read_text(encoding="utf-8")
    assert 'holder.hasAttribute("data-sbs-call") && framework === "fastapi"' in run_js


def test_a_first_django_run_forgets_nothing_it_never_had():
    """The first Django Run in a worker calls forget_django() before Django has settings: it
    must not read them. A Run's template engines are made from its own TEMPLATES, not the last
    Run's (compare/middleware's order app has none; the CSP page after it found no engine). It did (caches.all() iterates CACHES), so every Django Run answered
    "Requested setting CACHES, but settings are not configured", in a fresh interpreter as here.
    And the next Run starts with empty caches: a local-memory cache keeps its data in its module,
    so a throttled Run's history answered the next Run's request with 429 (drf_architecture)."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = (
        "import contextvars\n"
        "from guide_tools.runtime.drive import forget_django, _django_client\n"
        "forget_django()\n"
        "urls = {'ROOT_URLCONF': 'django.contrib.flatpages.urls'}\n"
        "def first():\n"
        "    _django_client(urls)\n"
        "    from django.core.cache import cache\n"
        "    cache.set('throttle_history', [1, 2, 3])\n"  # what a throttled Run leaves behind
        "    from django.template import engines\n"
        "    assert engines.all() == []\n"  # no TEMPLATES: no engine, and the handler keeps that
        "def second():\n"
        "    _django_client({**urls, 'TEMPLATES': [{'BACKEND': 'django.template.backends.django.DjangoTemplates'}]})\n"
        "    from django.core.cache import cache\n"
        "    assert cache.get('throttle_history') is None, 'the next Run saw the last one\\'s cache'\n"
        # the first Run's settings had no TEMPLATES, and it used the engines: the next one's are its own
        "    from django.template import engines\n"
        "    assert engines['django'].from_string('{{ 1 }}').render() == '1'\n"
        # each Run in a context of its own, as in the browser (a task each): asgiref's Local keeps
        # the cache objects per context, so the next Run sees none of the last one's to clear
        "contextvars.Context().run(first)\n"
        "contextvars.Context().run(second)\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_a_run_after_one_that_configured_logging_sees_its_apps_records():
    """Every Run and Check of a page share one Python. The migrations exercise's env.py (Alembic's)
    calls logging.config.fileConfig(), which disables every logger that exists, Flask's `app` among
    them: the next app named `app` got that logger, and the errors and middleware Checks, which read
    a 500's traceback from the log, refused their own solutions (CI, the whole Flask corpus in one
    Pyodide). browser_setup(), which the worker calls before each, starts logging anew."""
    import subprocess
    import sys

    ini = ROOT / "exercises/compare/migrations/flask/starter/migrations/alembic.ini"
    script = (
        "import logging, logging.config\n"
        "from flask import Flask\n"
        "from guide_tools.runtime import drive\n"
        "Flask('app').logger\n"  # an earlier run's app, which logged
        f"logging.config.fileConfig({str(ini)!r})\n"  # the migrations run
        "assert logging.getLogger('app').disabled\n"
        "drive.browser_setup()\n"  # the next run
        "app = Flask('app')\n"
        "app.config['PROPAGATE_EXCEPTIONS'] = False\n"
        "@app.get('/')\n"
        "def fail():\n"
        "    raise RuntimeError('boom')\n"
        "class Kept(logging.Handler):\n"
        "    records = []\n"
        "    def emit(self, record):\n"
        "        self.records.append(record)\n"
        "logging.getLogger().addHandler(Kept())\n"
        "assert app.test_client().get('/').status_code == 500\n"
        "assert [type(r.exc_info[1]).__name__ for r in Kept.records] == ['RuntimeError'], Kept.records\n"
        "assert logging.getLogger().handlers[1:] == [] and logging.getLogger('alembic').level == logging.NOTSET\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_cut_shows_the_main_element_and_output_apps_name_a_second_app(tmp_path):
    """CUT cuts each shown transcript's body to the part it names (the test's and the browser's
    converse alike); OUTPUT_APPS names the app an output's requests go to instead of its
    framework's APPS entry, and such an output needs no APPS entry; unknown names stop the build."""
    from types import SimpleNamespace

    from flask import Flask

    from guide_tools.runtime.drive import app_target, converse, shown_part

    app = Flask("cut")

    @app.get("/")
    def page():
        return "<!doctype html>\n<html>\n<body>\n  <nav>menu</nav>\n  <main>\n    <p>hi</p>\n  </main>\n</body>\n</html>"

    driver = SimpleNamespace(OUTPUTS={"m.txt": ("flask", "GET /"), "w.txt": ("flask", "GET /")}, CUT={"m.txt": "main"},
                             APPS={"flask": "demo:app"}, OUTPUT_APPS={"w.txt": "other:app"})
    assert converse(app.test_client(), driver, "m.txt") == (
        "GET /\n\nHTTP/1.1 200 OK\ncontent-type: text/html; charset=utf-8\n\n  <main>\n    <p>hi</p>\n  </main>\n")
    assert "<nav>" in converse(app.test_client(), driver, "w.txt")  # no CUT: the whole body
    assert app_target(driver, "m.txt") == "demo:app" and app_target(driver, "w.txt") == "other:app"
    with pytest.raises(ValueError, match="no <main> element"):
        shown_part("main", "GET /\n\nHTTP/1.1 200 OK\n\n<p>no main</p>\n")

    head = 'APPS = {"flask": "compare.demo.app:app"}\nOUTPUTS = {"a.txt": ("flask", "GET /")}\n'
    drive = refused(tmp_path, head, [
        ('CUT = {"b.txt": "main"}\n', r"CUT names outputs OUTPUTS does not declare: \['b.txt'\]"),
        ('CUT = {"a.txt": "aside"}\n', rf"CUT shows one of {re.escape(str(list(listings.drive.CUTS)))}, not \['aside'\]"),
        ('OUTPUT_APPS = {"b.txt": "compare.demo.other:app"}\n', r"OUTPUT_APPS names outputs OUTPUTS does not declare"),
    ])
    drive.write_text('OUTPUTS = {"a.txt": ("django", "GET /")}\n'
                     'OUTPUT_APPS = {"a.txt": ("compare.demo.settings", {"ROOT_URLCONF": "compare.demo.urls"})}\n',
                     encoding="utf-8")
    assert listings.runnable(tmp_path)["compare/demo/out/a.txt"].framework == "django"  # no APPS entry needed


# --------------------------------------------------------------------------- what the code writes (SHOW_CONSOLE)


def console_app():
    """A Flask app that prints, logs, warns and raises: what SHOW_CONSOLE's views show, or keep out."""
    import logging
    import warnings

    from flask import Flask

    app = Flask("console_demo")

    @app.get("/hello")
    def hello():
        print("view")
        return "hi"

    @app.get("/boom")
    def boom():
        print("view raises")
        raise RuntimeError("boom")

    async def never_awaited():  # pragma: no cover - never run: that is the point
        pass

    @app.get("/warn")
    def warn():
        warnings.warn("careful", RuntimeWarning)
        logging.getLogger("console_demo.audit").warning("written down")
        cycle = [never_awaited()]
        cycle.append(cycle)  # only the garbage collector frees it: its warning comes then
        return "done"

    return app


def test_show_console_printed_traces_requests_and_logged_adds_the_log(capsys, caplog):
    """"printed": the request line, what the code printed (indented) and the status, for each
    request; "logged": the transcript, then the log records and warnings, in order, including
    what the garbage collector reports. What a view does not show reaches the streams outside
    (here pytest's capture), and nothing of it reaches the output."""
    from types import SimpleNamespace

    from guide_tools.runtime.drive import converse

    driver = SimpleNamespace(OUTPUTS={"p.txt": ("flask", ["GET /hello", "GET /boom"]), "l.txt": ("flask", ["GET /warn", "GET /boom"])},
                             SHOW_CONSOLE={"p.txt": "printed", "l.txt": "logged"})
    capsys.readouterr()
    assert converse(console_app().test_client(), driver, "p.txt") == (
        "GET /hello\n  view\n  -> 200 OK\n\nGET /boom\n  view raises\n  -> 500 INTERNAL SERVER ERROR\n")
    assert "view" not in capsys.readouterr().out  # shown, so not passed on
    assert "Exception on /boom [GET]" in caplog.text  # Flask's log: not shown, not lost (pytest's handler has it)
    assert converse(console_app().test_client(), driver, "l.txt") == (
        "GET /warn\n\nHTTP/1.1 200 OK\ncontent-type: text/html; charset=utf-8\n\ndone\n\n"
        "RuntimeWarning: careful\nWARNING:console_demo.audit:written down\n"
        "RuntimeWarning: coroutine 'console_app.<locals>.never_awaited' was never awaited\n\n"
        "GET /boom\n\nHTTP/1.1 500 INTERNAL SERVER ERROR\ncontent-type: text/html; charset=utf-8\n\n"
        + console_app().test_client().get("/boom").get_data(as_text=True).rstrip() + "\n\n"
        "ERROR:console_demo:Exception on /boom [GET]\nRuntimeError: boom\n")
    assert "view raises" in capsys.readouterr().out  # printed, not shown by "logged": passed on


def test_a_call_takes_nested_calls_and_shows_its_sql_and_its_log(tmp_path, monkeypatch):
    """A call's arguments may be calls of dotted functions (evaluated inside the capture); SETUP runs
    first; SHOW_SQL "queries" shows the count and shapes without a request line; SHOW_CONSOLE
    "logged" shows what the call left in the log, a forgotten task's error included."""
    import asyncio
    from types import SimpleNamespace

    from guide_tools.runtime.drive import called, called_async

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "calldemo_rows.py").write_text(
        "import asyncio\nfrom sqlalchemy import create_engine, text\n"
        "ENGINE = create_engine('sqlite://')\n"
        "def table():\n    with ENGINE.begin() as c:\n        c.execute(text('CREATE TABLE t (n INTEGER)'))\n"
        "        c.execute(text('INSERT INTO t VALUES (1), (2)'))\n"
        "def query():\n    return text('SELECT n FROM t WHERE n = :n')\n"
        "def rows(statement):\n    with ENGINE.connect() as c:\n"
        "        return [c.execute(statement, {'n': n}).scalar() for n in (1, 2)]\n"
        "async def fails():\n    raise ConnectionError('gone')\n"
        "async def forget():\n    asyncio.create_task(fails())\n    await asyncio.sleep(0.01)\n    return 'placed'\n",
        encoding="utf-8")
    import calldemo_rows

    driver = SimpleNamespace(
        OUTPUTS={"q.txt": ("flask", "call calldemo_rows:rows(calldemo_rows.query())"),
                 "f.txt": ("fastapi", "call calldemo_rows:forget")},
        SETUP={"q.txt": "table"}, table=calldemo_rows.table, SHOW_SQL={"q.txt": "queries"}, SHOW_CONSOLE={"f.txt": "logged"})
    try:
        assert called(driver, "q.txt") == "2 queries\n2 × SELECT … FROM t WHERE n = ?\n"
        text = called(driver, "f.txt")
        assert text.startswith("placed\n\nERROR:asyncio:Task exception was never retrieved\nfuture: <Task finished ")
        assert text.endswith("exception=ConnectionError('gone')>\nConnectionError: gone\n")
        assert asyncio.run(called_async(driver, "f.txt")).startswith("placed\n\nERROR:asyncio:Task exception was never retrieved")
    finally:
        calldemo_rows.ENGINE.dispose()


def test_several_apps_a_context_per_request_and_a_500_as_a_response(tmp_path, monkeypatch):
    """OUTPUT_APPS may list apps: each is sent the requests, their parts shown one after the
    other (the test's `converse_each`, the browser's run_output). A Run's FastAPI requests each run
    in a task of their own, as TestClient sends them, so a ContextVar one request set is not the
    next one's; a server error is a 500, not an exception; an app without a router (a middleware
    wrapped around one) runs with no lifespan."""
    import asyncio

    from fastapi.testclient import TestClient

    from guide_tools.runtime.drive import converse_each, make_app, run_output

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "appsdemo.py").write_text(
        "from contextvars import ContextVar\nfrom fastapi import FastAPI\n"
        "user = ContextVar('user', default='anonymous')\n"
        "def make(name):\n    app = FastAPI()\n"
        "    @app.get('/me')\n    async def me():\n        print(f'{name} sees {user.get()}')\n        user.set(name)\n        return {}\n"
        "    @app.get('/boom')\n    async def boom():\n        raise RuntimeError('boom')\n    return app\n"
        "first, second = make('first'), make('second')\n"
        "class Bare:\n    def __init__(self, app):\n        self.app = app\n"
        "    async def __call__(self, scope, receive, send):\n        await self.app(scope, receive, send)\n"
        "bare = Bare(first)\n", encoding="utf-8")
    (tmp_path / "appsdemo_drive.py").write_text(
        'OUTPUTS = {"me.txt": ("fastapi", "GET /me"), "boom.txt": ("fastapi", "GET /boom")}\n'
        'OUTPUT_APPS = {"me.txt": ["appsdemo:first", "appsdemo:second"], "boom.txt": "appsdemo:bare"}\n'
        'SHOW_CONSOLE = {"me.txt": "printed"}\n', encoding="utf-8")
    import appsdemo_drive

    expected = "GET /me\n  first sees anonymous\n  -> 200 OK\n\nGET /me\n  second sees anonymous\n  -> 200 OK\n"
    with TestClient(make_app("appsdemo:first")) as one, TestClient(make_app("appsdemo:second")) as two:
        assert converse_each([one, two], appsdemo_drive, "me.txt") == expected
    assert asyncio.run(run_output("appsdemo_drive", "me.txt")) == expected
    assert asyncio.run(run_output("appsdemo_drive", "boom.txt")).startswith("GET /boom\n\nHTTP/1.1 500 Internal Server Error\n")


def test_show_console_and_client_name_declared_outputs_and_known_kinds(tmp_path):
    head = 'APPS = {"django": {}}\nOUTPUTS = {"a.txt": ("django", "GET /")}\n'
    drive = refused(tmp_path, head, [
        ('SHOW_CONSOLE = {"b.txt": "printed"}\n', r"SHOW_CONSOLE names outputs OUTPUTS does not declare: \['b.txt'\]"),
        ('SHOW_CONSOLE = {"a.txt": "stderr"}\n', r"SHOW_CONSOLE shows one of \['printed', 'logged'\], not \['stderr'\]"),
        ('CLIENT = {"b.txt": "async"}\n', r"CLIENT names outputs OUTPUTS does not declare: \['b.txt'\]"),
        ('CLIENT = {"a.txt": "channels"}\n', r"CLIENT is one of \['async'\], not \['channels'\]"),
    ])
    drive.write_text(head + 'CLIENT = {"a.txt": "async"}\n', encoding="utf-8")
    run = listings.runnable(tmp_path)["compare/demo/out/a.txt"]
    assert ' data-sbs-client="async" ' in listings.placeholder(run)
    # its note says how the request went (sync_to_async without a thread), in every language
    run_js = (ROOT / "docs/assets/runtime/run.js").read_text(encoding="utf-8")
    assert 'holder.dataset.sbsClient === "async" ? "djangoAsync"' in run_js
    assert run_js.count("djangoAsync: ") == 3


# --------------------------------------------------------------------------- a Python session


def test_a_session_runs_its_lines_in_the_namespace_after_before_and_counts_queries(tmp_path):
    """Lines that start with ">>> " are a session: each runs in the names NAMESPACE's function gives
    (a generator's are closed after), an expression echoed with its repr, an exception with its
    class and message; SHOW_SQL "queries" adds each line's query count; converse sends BEFORE first;
    NAMESPACE names declared outputs and functions drive.py defines."""
    from types import SimpleNamespace

    from sqlalchemy import create_engine, text

    from guide_tools.runtime.drive import converse, session

    engine = create_engine("sqlite://")
    closed = []

    def names():
        try:
            yield {"engine": engine, "text": text}
        finally:
            closed.append(True)

    lines = [">>> c = engine.connect()", ">>> c.execute(text('SELECT 1')).scalar()", ">>> 1 / 0", ">>> c.close()"]
    driver = SimpleNamespace(OUTPUTS={"s.txt": ("flask", lines)}, NAMESPACE={"s.txt": "names"}, names=names,
                             SHOW_SQL={"s.txt": "queries"}, BEFORE={"s.txt": ["POST /add"]})
    try:
        assert session(driver, "s.txt") == (
            ">>> c = engine.connect()" + " " * 34 + "# 0 queries\n"
            ">>> c.execute(text('SELECT 1')).scalar()" + " " * 18 + "# 1 query\n1\n"
            ">>> 1 / 0" + " " * 49 + "# 0 queries\nZeroDivisionError: division by zero\n"
            ">>> c.close()" + " " * 45 + "# 0 queries\nNone\n")  # an expression's None shown, as the ORM page's outputs show it
        assert closed == [True]
        app = counter_app()
        assert converse(app.test_client(), driver, "s.txt").startswith(">>> c = engine.connect()")
        assert app.config["added"] == 1  # BEFORE's request went first
    finally:
        engine.dispose()

    head = 'APPS = {"flask": "compare.demo.app:app"}\nOUTPUTS = {"a.txt": ("flask", [">>> 1 + 1"])}\n'
    drive = refused(tmp_path, head, [
        ('NAMESPACE = {"b.txt": "names"}\ndef names(): pass\n', r"NAMESPACE names outputs OUTPUTS does not declare"),
        ('NAMESPACE = {"a.txt": "names"}\n', r"NAMESPACE names functions it does not define: \['names'\]"),
    ])
    drive.write_text(head, encoding="utf-8")
    run = listings.runnable(tmp_path)["compare/demo/out/a.txt"]
    assert run.call and not listings.conversation(listings.drivers(tmp_path)["compare/demo"], "a.txt")  # no request: no note on how one is sent


def test_client_async_sends_through_djangos_async_path(settings, tmp_path, monkeypatch):
    """CLIENT "async": a test's `converse` sends each request through Django's AsyncClient (the
    ASGI handler's request class), where the plain Client takes the WSGI one."""
    from types import SimpleNamespace

    from django.test import AsyncClient, Client

    from guide_tools.runtime.drive import converse

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "asyncpath_urls.py").write_text(
        "from django.http import HttpResponse\nfrom django.urls import path\n"
        "async def kind(request):\n    return HttpResponse(type(request).__name__)\n"
        "urlpatterns = [path('kind', kind)]\n", encoding="utf-8")
    settings.ROOT_URLCONF = "asyncpath_urls"
    driver = SimpleNamespace(OUTPUTS={"k.txt": ("django", "GET /kind", [])}, CLIENT={"k.txt": "async"})
    assert converse(AsyncClient(raise_request_exception=False), driver, "k.txt").endswith("\n\nASGIRequest\n")
    assert converse(Client(), driver, "k.txt").endswith("\n\nWSGIRequest\n")


# --------------------------------------------------------------------------- what a request carries from the answers before it


def form_app():
    """A Flask app with a form as Flask-WTF makes one: GET /form hands out a token in a hidden field
    and keeps it in the session; POST /form wants it back, and says who the session's cookie says."""
    import secrets

    from flask import Flask, request, session

    app = Flask("carried")
    app.secret_key = "test-only-not-secret"

    @app.get("/form")
    def form():
        session["token"] = secrets.token_urlsafe(16) + "/+="  # characters a form body must encode
        return f'<form method="post"><input type="hidden" name="csrf_token" value="{session["token"]}"></form>'

    @app.post("/form")
    def post():
        if request.form.get("csrf_token") != session.get("token"):
            return "token refused", 400
        return f"accepted for {request.cookies.get('who', 'nobody')}; echo={request.headers.get('X-Echo', '')}"

    @app.get("/path")
    def path():
        return request.full_path

    return app


FORM_POST = "POST /form\nContent-Type: application/x-www-form-urlencoded\n\nname=ada&csrf_token=<token>"


def test_a_form_token_is_carried_from_the_page_before_and_shown_as_written():
    """`csrf_token=<token>` is sent as the value of the hidden field of the page the request before
    it returned (URL-encoded), and the transcript shows it as written. Without that page the run
    stops and says which output and what it lacks; a driver that sent `<token>` as it stands would be
    refused with 400, and one that read the field from no page would fail the same way."""
    from types import SimpleNamespace

    from guide_tools.runtime.drive import converse

    driver = SimpleNamespace(OUTPUTS={"x.txt": ("flask", FORM_POST)}, BEFORE={"x.txt": ["GET /form"]})
    text = converse(form_app().test_client(), driver, "x.txt")
    assert text.startswith(FORM_POST + "\n\nHTTP/1.1 200 OK\n") and text.endswith("accepted for nobody; echo=\n")
    alone = SimpleNamespace(OUTPUTS={"y.txt": ("flask", FORM_POST)})
    with pytest.raises(LookupError, match=r"^y.txt: POST /form carries csrf_token=<token>, but the page before it has "
                                          r"no field 'csrf_token'; send the request that gives it first \(BEFORE\)"):
        converse(form_app().test_client(), alone, "y.txt")


def test_setups_cookies_are_held_and_a_cookie_placeholder_and_a_note_are_filled_in():
    """A SETUP function that returns {name: value} (a login's cookies) puts them in the client's jar
    for the whole conversation, as a browser keeps cookies; `<name cookie>` is that cookie's value;
    a note after the path (two spaces, parentheses) is shown, not sent. A SETUP function that returns
    rows is not taken for cookies."""
    from types import SimpleNamespace

    from guide_tools.runtime.drive import converse

    post = FORM_POST.replace("POST /form\n", "POST /form  (logged in as ada)\nX-Echo: <who cookie>\n")
    driver = SimpleNamespace(OUTPUTS={"x.txt": ("flask", post), "p.txt": ("flask", "GET /path?a=1  (a note)")},
                             BEFORE={"x.txt": ["GET /form"]}, SETUP={"x.txt": "login", "p.txt": "rows"},
                             login=lambda: {"who": "ada"}, rows=lambda: [{"who": "not a cookie"}])
    text = converse(form_app().test_client(), driver, "x.txt")
    assert text.startswith(post + "\n\nHTTP/1.1 200 OK\n") and text.endswith("accepted for ada; echo=ada\n")
    assert converse(form_app().test_client(), driver, "p.txt").endswith("\n\n/path?a=1\n")
    driver.SETUP = {}
    with pytest.raises(LookupError, match=r"x.txt: POST /form  \(logged in as ada\) carries <who cookie>, but the client holds no cookie 'who'"):
        converse(form_app().test_client(), driver, "x.txt")


def test_setup_runs_in_a_flask_apps_context():
    """Flask-SQLAlchemy's db.create_all() needs the app's context: a SETUP function has it, as a
    test's `with app.app_context()` gives it (compare/admin's tables)."""
    from types import SimpleNamespace

    from flask import current_app

    from guide_tools.runtime.drive import set_up

    app = form_app()
    driver = SimpleNamespace(SETUP={"x.txt": "name"}, name=lambda: current_app.name)
    assert set_up(driver, "x.txt", app.test_client()) == "carried"
    assert set_up(driver, "y.txt", app.test_client()) is None  # nothing to set up


def test_csrf_checked_outputs_are_checked_as_a_browsers_request(settings):
    """Django's test client skips CSRF checks; an output CSRF_CHECKED names is sent with them on,
    whichever client the test passes, as the browser's is: the form's POST without its token is
    refused (403), and with the token carried from the form (BEFORE) accepted (302). The same holds
    through Django's AsyncClient (CLIENT "async": the browser's `converse_async`)."""
    import asyncio
    from types import SimpleNamespace

    from django.test import AsyncClient, Client

    from guide_tools.runtime.drive import converse, converse_async
    from tests.support import django_snippets

    django_snippets.apply(settings, "compare.forms.django_app.settings")  # CsrfViewMiddleware, as shown
    post = ("POST /signup\nContent-Type: application/x-www-form-urlencoded\n\n"
            "username=ada&email=ada%40example.com&age=&password=correct+horse&password_confirm=correct+horse")
    driver = SimpleNamespace(OUTPUTS={"bare.txt": ("django", post), "token.txt": ("django", post + "&csrfmiddlewaretoken=<token>")},
                             BEFORE={"bare.txt": ["GET /signup"], "token.txt": ["GET /signup"]},
                             CSRF_CHECKED=["bare.txt", "token.txt"])
    assert "\nHTTP/1.1 403 Forbidden\n" in converse(Client(), driver, "bare.txt")
    assert "\nHTTP/1.1 302 Found\n" in converse(Client(), driver, "token.txt")  # the token carried from the form
    assert "\nHTTP/1.1 403 Forbidden\n" in asyncio.run(converse_async(AsyncClient(), driver, "bare.txt"))
    assert "\nHTTP/1.1 302 Found\n" in asyncio.run(converse_async(AsyncClient(), driver, "token.txt"))
    driver.CSRF_CHECKED = []
    assert "\nHTTP/1.1 302 Found\n" in converse(Client(), driver, "bare.txt")  # the test client's exemption


def test_rows_cut_shows_a_change_lists_count_and_rows():
    """CUT "rows": the status and headers, then the result count where the page has one (Django's)
    and each row of the last table, without its checkbox and edit cells, whitespace collapsed."""
    from guide_tools.runtime.drive import shown_part

    page = ('<table><thead><tr><th>Filter</th></tr></thead><tr><td>sidebar</td></tr></table>\n'
            '<span class="small quiet">1 result (<a href="?">2 total</a>)</span>\n'
            '<table><thead><tr><th>Title</th></tr></thead>\n<tbody>\n  <tr>\n    <td><input type="checkbox"></td>\n'
            '    <th class="field-title">\n      <a href="/b/1/">Dune</a>\n    </th>\n'
            '    <td><a title="Edit">edit</a></td>\n  </tr>\n</tbody>\n</table>')
    transcript = f"GET /b/?q=dune\n\nHTTP/1.1 200 OK\ncontent-type: text/html\n\n{page}\n"
    assert shown_part("rows", transcript) == (
        'GET /b/?q=dune\n\nHTTP/1.1 200 OK\ncontent-type: text/html\n\n<span class="small quiet">1 result (<a href="?">2 total</a>)</span>\n'
        '<tr>\n  <th class="field-title"><a href="/b/1/">Dune</a></th>\n</tr>\n')
    with pytest.raises(ValueError, match="no table"):
        shown_part("rows", "GET /\n\nHTTP/1.1 200 OK\n\n<p>no table</p>\n")


def test_a_name_whose_use_imports_an_extra_loads_it():
    """Pydantic's EmailStr and WTForms' Email() import email_validator themselves, so the forms'
    files never import it (nor Django's admin tzdata): pins.USED_NAMES makes a Run of their framework load it (and what it
    depends on: dnspython, idna, from uv.lock), and a Django Run, whose forms validate e-mail
    addresses themselves, does not."""
    extras = listings.bundle("compare/forms", {})["extras"]
    assert "email-validator" in extras["flask"] and "email-validator" in extras["fastapi"]
    assert "email-validator" not in extras.get("django", [])
    wheels = assemble.locked_wheels()
    assert set(wheels["email-validator"].depends) == {"dnspython", "idna"}
    assert listings.imported_names("from wtforms.validators import (\n    DataRequired,\n    Email,\n)\n") == {
        "wtforms.validators.DataRequired", "wtforms.validators.Email"}
    assert listings.imported_names("{% if x %}not Python{% endif %}") == set()
    # Django's admin shows the year in TIME_ZONE: zoneinfo reads tzdata in the browser (admin.py imports
    # django.contrib.admin); flask_open.py's Flask-Admin Run does not load it
    admin = listings.bundle("compare/admin", listings.drivers()["compare/admin"])["extras"]
    assert "tzdata" in admin["django"] and "tzdata" not in admin["flask"]


def test_a_run_forgets_the_last_runs_namespace_packages(tmp_path):
    """worker.js's sbs_forget, run as the worker runs it: a namespace package under the listing's
    folder (exercises.compare.rest_apis has no __init__.py) is forgotten with its modules, so
    `from pkg import mod` in the next run imports the new mod (it returned the last run's, whose
    classes then differed from the new module's)."""
    import subprocess
    import sys
    import textwrap

    worker = (ROOT / "docs/assets/runtime/worker.js").read_text(encoding="utf-8")
    python = worker.split("const RUN = `", 1)[1].split("`;", 1)[0].replace("\\`", "`")
    (tmp_path / "pkg" / "sub").mkdir(parents=True)  # two namespace levels, as exercises/compare/rest_apis
    module = tmp_path / "pkg" / "sub" / "mod.py"
    script = python + textwrap.dedent(f"""
        ROOT = {str(tmp_path)!r}
        sys.path.insert(0, ROOT)
        pathlib = importlib.import_module("pathlib")
        module = pathlib.Path({str(module)!r})
        module.write_text("VALUE = 1", encoding="utf-8")
        from pkg.sub import mod
        assert mod.VALUE == 1
        module.write_text("VALUE = 22", encoding="utf-8")  # another size: no stale bytecode either way
        sbs_forget()
        importlib.invalidate_caches()
        from pkg.sub import mod
        print(mod.VALUE)
    """)
    result = subprocess.run([sys.executable, "-B", "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "22", "the next run got the last run's module through its namespace package"


PAGE_SIZES = {"en": r"\((\d+) to (\d+) MB, depending on the framework\)",
              "ko": r"\(프레임워크에 따라 (\d+)~(\d+) MB\)",
              "ru": r"\(от (\d+) до (\d+) МБ в зависимости от фреймворка\)"}


@pytest.mark.parametrize("lang", sorted(PAGE_SIZES))
def test_the_sizes_a_first_run_downloads_are_the_ones_the_pages_and_the_status_say(lang):
    """runtime.json's `download` (bytes per framework: Python's core files and the framework's wheels
    with their dependencies) is what run.js's status says in whole megabytes, and how_to_use.md's
    range in every language is its smallest and largest, rounded the same way."""
    import json
    import re

    folder = assemble.runtime_dir()
    download = json.loads((folder / "runtime.json").read_text(encoding="utf-8"))["download"]
    lock = json.loads((folder / "lock.json").read_text(encoding="utf-8"))["packages"]
    core = sum((folder / "pyodide" / name).stat().st_size for name in pins.CORE_FILES)
    assert set(download) == set(pins.STACKS)
    for framework, names in pins.STACKS.items():
        assert download[framework] >= core + sum((folder / lock[n]["file_name"]).stat().st_size for n in names)
    megabytes = sorted(max(1, round(size / 1e6)) for size in download.values())
    text = (ROOT / "docs" / lang / "overview" / "how_to_use.md").read_text(encoding="utf-8")
    found = re.search(PAGE_SIZES[lang], " ".join(text.split()))
    assert found, f"docs/{lang}/overview/how_to_use.md no longer says the range as {PAGE_SIZES[lang]!r}"
    assert (int(found[1]), int(found[2])) == (megabytes[0], megabytes[-1]), (
        f"docs/{lang}/overview/how_to_use.md says {found[0]}, a first Run downloads {megabytes[0]} to {megabytes[-1]} MB")
    script = (ROOT / "docs" / "assets" / "runtime" / "run.js").read_text(encoding="utf-8")
    assert script.count("{size}") >= 3 and not re.search(r"\d+ (?:MB|МБ)", script)  # no figure typed by hand
