"""Project structure: what the generators make, and the three layouts the page recommends.

The generators run for real (in tmp_path), and every tree the page shows is printed here from a real
folder: the generated Django project, and the three layouts under snippets/compare/project_structure/,
which are exercised end to end (test clients for Flask and FastAPI, `manage.py` for Django).
"""

from __future__ import annotations

import ast
import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
from django.core.exceptions import ImproperlyConfigured
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from compare.project_structure import drive
from compare.project_structure.fastapi_layout.config import Settings, get_settings
from compare.project_structure.fastapi_layout.main import app as fastapi_app
from compare.project_structure.fastapi_single import app as fastapi_single
from compare.project_structure.flask_layout import create_app
from compare.project_structure.flask_single import app as flask_single
from guide_tools.runtime.drive import send
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.services import free_port, python_env, run_server
from tests.support.shell import shown_commands

TOPIC = SNIPPETS / "compare/project_structure"
PROJECT = TOPIC / "django_project"
OUT = "compare/project_structure/out"
GOOD_KEY = secrets.token_urlsafe(50)  # what run.sh generates; `check --deploy` accepts it
TMP_PATH = (re.compile(r"/\S*/myapp/"), "<tmp>/myapp/")  # where tmp_path happens to be


# --------------------------------------------------------------------------- helpers


def tree(root: Path) -> str:
    """The folder as `tree` prints it (names sorted, folders marked with /), caches left out."""

    def walk(folder: Path, prefix: str) -> list[str]:
        entries = sorted(p for p in folder.iterdir() if p.name != "__pycache__" and not p.name.startswith("."))
        lines = []
        for i, path in enumerate(entries):
            last = i == len(entries) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{path.name}{'/' if path.is_dir() else ''}")
            if path.is_dir():
                lines += walk(path, prefix + ("    " if last else "│   "))
        return lines

    return "\n".join([f"{root.name}/", *walk(root, "")]) + "\n"


def commands() -> dict[str, str]:
    """The sections of snippets/compare/project_structure/run.sh, by name: the lines the page shows."""
    return shown_commands(TOPIC / "run.sh")


def shell_env(**extra: str) -> dict[str, str]:
    """This environment (coverage's subprocess patch included), the venv's tools first on PATH, and
    none of the test run's Django settings, so `manage.py` picks its own."""
    env = {**os.environ, **python_env(), **extra}
    for name in ("DJANGO_SETTINGS_MODULE", "FLASK_SECRET_KEY", "APP_SECRET_KEY", "DJANGO_SECRET_KEY"):
        if name not in extra:
            env.pop(name, None)
    return env


def sh(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run shell lines from the page with bash, stopping at the first failing one."""
    return subprocess.run(
        ["bash", "-ec", script], cwd=cwd, env=shell_env(**env), capture_output=True, text=True, timeout=180, check=False
    )


def python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=shell_env(**env), capture_output=True, text=True, timeout=180, check=False
    )


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1] + "\n"


def settings_values(settings_py: Path) -> dict[str, object]:
    """Top-level constant assignments of a settings file (no import, so nothing runs)."""
    values = {}
    for node in ast.parse(settings_py.read_text()).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                values[node.targets[0].id] = ast.unparse(node.value)
    return values


# --------------------------------------------------------------------------- Django's generators


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """`django-admin startproject mysite` and `manage.py startapp blog`, as run.sh shows them."""
    where = tmp_path_factory.mktemp("startproject")
    result = sh(commands()["startproject"], cwd=where)
    assert result.returncode == 0, result.stderr
    return where / "mysite"


@pytest.mark.slow
def test_startproject_and_startapp_tree(generated, outputs):
    assert (generated / "manage.py").is_file()
    assert (generated / "mysite/asgi.py").is_file()  # since Django 3.0, beside wsgi.py
    assert not (generated / "blog/urls.py").exists()  # startapp makes no urls.py: you add it
    outputs.check(f"{OUT}/django_startproject_tree.txt", tree(generated))


@pytest.mark.slow
def test_generated_settings_are_for_development_only(generated):
    values = settings_values(generated / "mysite/settings.py")
    assert values["SECRET_KEY"].startswith("django-insecure-")  # a real key, written into the source
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == []
    assert values["ROOT_URLCONF"] == "mysite.urls"
    assert "blog" not in str(values["INSTALLED_APPS"])  # startapp does not install the app


@pytest.mark.slow
def test_a_known_key_forges_the_messages_cookie(generated, settings, rf):
    """The generated key in the hands of anyone who reads the repository: a messages cookie signed with it is
    accepted (messages use cookies first by default), and the same cookie is refused under another key."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    settings.SECRET_KEY = settings_values(generated / "mysite/settings.py")["SECRET_KEY"]
    forged = CookieStorage(rf.get("/"))._encode([Message(constants.INFO, "Written by whoever read the key")])
    request = rf.get("/")
    request.COOKIES[CookieStorage.cookie_name] = forged
    assert [m.message for m in CookieStorage(request)] == ["Written by whoever read the key"]
    settings.SECRET_KEY = "a key that was never committed"
    assert list(CookieStorage(request)) == []


GENERATED_DEBUG_AND_HOSTS = """
import django
from django.conf import settings
from django.test import Client

django.setup()
client = Client()
page = client.get("/nowhere", headers={"host": "localhost"})
print(page.status_code, "DEBUG = True" in page.text, "admin/" in page.text)
print(*(client.get("/nowhere", headers={"host": host}).status_code for host in ("127.0.0.1", "[::1]")))
print(client.get("/admin/login/", headers={"host": "example.com"}).status_code)
settings.DEBUG = False
print(client.get("/admin/login/", headers={"host": "localhost"}).status_code)
"""


@pytest.mark.slow
def test_generated_debug_and_allowed_hosts(generated):
    result = python(GENERATED_DEBUG_AND_HOSTS, cwd=generated, DJANGO_SETTINGS_MODULE="mysite.settings")
    assert result.returncode == 0, result.stderr
    debug_404, local_hosts, other_host, no_debug = result.stdout.splitlines()
    # DEBUG = True: the 404 page is Django's debug page, listing the project's URL patterns...
    assert debug_404 == "404 True True"
    assert local_hosts == "404 404"  # the host was accepted; the path simply does not exist
    # ...and an empty ALLOWED_HOSTS lets only local names in; with DEBUG off, not even those.
    assert other_host == "400"
    assert no_debug == "400"


@pytest.fixture(scope="module")
def generated_here(tmp_path_factory) -> Path:
    """`mkdir mysite && cd mysite` and `django-admin startproject config .`, as run.sh shows them."""
    where = tmp_path_factory.mktemp("startproject-here")
    result = sh(commands()["startproject-here"], cwd=where)
    assert result.returncode == 0, result.stderr
    return where / "mysite"


@pytest.mark.slow
def test_every_generated_project_gets_its_own_key(generated, generated_here):
    other = settings_values(generated_here / "config/settings.py")["SECRET_KEY"]
    assert other.startswith("django-insecure-")
    assert other != settings_values(generated / "mysite/settings.py")["SECRET_KEY"]


def docs_version(text: str) -> str:
    return re.sub(r"docs\.djangoproject\.com/en/\d+\.\d+/", "docs.djangoproject.com/en/<version>/", text)


@pytest.mark.slow
def test_startproject_into_the_current_folder(generated_here, outputs):
    assert (generated_here / "manage.py").is_file() and (generated_here / "config/settings.py").is_file()
    assert not (generated_here / "mysite").exists()  # no second folder named after the project
    for boilerplate in ("manage.py", "config/wsgi.py", "config/asgi.py"):  # the layout's copies are unchanged
        # The one difference between Django versions: the documentation link names the version.
        assert docs_version((PROJECT / boilerplate).read_text()) == docs_version((generated_here / boilerplate).read_text()), boilerplate
    outputs.check(f"{OUT}/django_startproject_here_tree.txt", tree(generated_here))


@pytest.mark.slow
def test_check_deploy_flags_the_generated_settings(generated, outputs):
    import django

    result = sh(commands()["check-deploy"], cwd=generated)
    report = result.stderr
    if django.VERSION[:2] >= (6, 1):  # startproject's MAILERS uses the console backend: an error
        assert result.returncode == 1 and "mail.E001" in report
    else:
        assert result.returncode == 0  # warnings only: deploy checks do not fail unless you ask them to
    for warning in ("security.W009", "security.W018", "security.W020"):  # SECRET_KEY, DEBUG, ALLOWED_HOSTS
        assert warning in report
    outputs.check(f"{OUT}/django_check_deploy.txt", report, per_stack=True)
    strict = sh(commands()["check-deploy"] + " --fail-level WARNING", cwd=generated)
    assert strict.returncode != 0


@pytest.mark.slow
def test_makemigrations_ignores_an_app_that_is_not_installed(generated, tmp_path):
    import shutil

    project = tmp_path / "mysite"
    shutil.copytree(generated, project)
    models = project / "blog/models.py"
    models.write_text(models.read_text() + "\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n")
    skipped = sh("python manage.py makemigrations", cwd=project)
    assert skipped.returncode == 0 and "No changes detected" in skipped.stdout
    settings_py = project / "mysite/settings.py"
    settings_py.write_text(settings_py.read_text().replace('"django.contrib.staticfiles",', '"django.contrib.staticfiles",\n    "blog",'))
    found = sh("python manage.py makemigrations", cwd=project)
    assert found.returncode == 0 and "Create model Post" in found.stdout


# --------------------------------------------------------------------------- Flask and FastAPI: no generator


@pytest.mark.slow
def test_flask_cli_has_no_generator():
    result = sh("flask --help", cwd=SNIPPETS)
    listed = result.stdout.split("Commands:", 1)[1]
    assert {line.split()[0] for line in listed.strip().splitlines()} == {"routes", "run", "shell"}


def test_single_file_apps(outputs):
    flask_client = flask_single.test_client()
    flask_response = flask_client.get("/")
    assert flask_response.status_code == 200
    assert flask_response.get_json() == {"site": "Side by Side"}
    outputs.check(f"{OUT}/flask_single.txt", send(flask_client, drive.OUTPUTS["flask_single.txt"][1]))
    with TestClient(fastapi_single) as client:
        fastapi_response = client.get("/")
        outputs.check(f"{OUT}/fastapi_single.txt", send(client, drive.OUTPUTS["fastapi_single.txt"][1]))
    assert fastapi_response.status_code == 200
    assert fastapi_response.json() == {"site": "Side by Side"}


# --------------------------------------------------------------------------- the three layouts: trees


@pytest.mark.parametrize("folder", ["flask_layout", "fastapi_layout", "django_project"])
def test_layout_tree(folder, outputs):
    outputs.check(f"{OUT}/{folder}_tree.txt", tree(TOPIC / folder))


# --------------------------------------------------------------------------- Flask: application factory


@pytest.fixture(scope="module")
def flask_client():
    return create_app({"SECRET_KEY": "test-only", "TESTING": True}).test_client()


def test_flask_factory_serves_both_blueprints(flask_client, outputs):
    home = flask_client.get("/")
    assert home.status_code == 200
    assert home.get_json() == {"site": "Side by Side"}
    posts = flask_client.get("/blog/")
    assert posts.get_json() == {"posts": [{"id": 1, "title": "Hello, structure"}, {"id": 2, "title": "Where files go"}]}
    post = flask_client.get("/blog/1")
    assert post.get_json() == {"id": 1, "title": "Hello, structure"}
    assert flask_client.get("/blog/9").status_code == 404


def test_flask_factory_reads_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("FLASK_SITE_NAME", "Staging")
    monkeypatch.setenv("FLASK_MAX_CONTENT_LENGTH", "1000")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["MAX_CONTENT_LENGTH"] == 1000  # values that parse as JSON are converted
    assert app.test_client().get("/").get_json() == {"site": "Staging"}
    # The test's mapping comes last, so it wins over the environment.
    assert create_app({"SECRET_KEY": "test-only"}).config["SECRET_KEY"] == "test-only"


def test_flask_factory_refuses_to_start_without_a_key(monkeypatch):
    from flask import Flask, session

    bare = Flask(__name__)
    bare.testing = True  # let the error reach the test instead of a 500 page
    assert bare.config["SECRET_KEY"] is None  # Flask's default

    @bare.get("/")
    def remember():
        session["seen"] = True
        return "ok"

    with pytest.raises(RuntimeError, match="secret key"):  # without the factory's check: at the first request
        bare.test_client().get("/")
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY"):
        create_app()


def test_flask_factory_refuses_a_key_that_is_not_a_string(monkeypatch):
    from flask import Flask, session

    # from_prefixed_env() parses values as JSON: a digits-only key becomes an int, and itsdangerous
    # cannot sign with an int, so without the factory's check every session write is a 500.
    monkeypatch.setenv("FLASK_SECRET_KEY", "20261124")
    bare = Flask(__name__)
    bare.config.from_prefixed_env()
    assert bare.config["SECRET_KEY"] == 20261124

    @bare.get("/")
    def remember():
        session["seen"] = True
        return "ok"

    assert bare.test_client().get("/").status_code == 500
    with pytest.raises(RuntimeError, match=r"FLASK_SECRET_KEY must be a string, not int"):
        create_app()
    monkeypatch.setenv("FLASK_SECRET_KEY", '"20261124"')  # a JSON string stays a string
    assert create_app().config["SECRET_KEY"] == "20261124"


def test_flask_factory_makes_independent_apps():
    first = create_app({"SECRET_KEY": "a", "SITE_NAME": "First"})
    second = create_app({"SECRET_KEY": "b", "SITE_NAME": "Second"})
    assert first is not second
    assert first.test_client().get("/").get_json() == {"site": "First"}
    assert second.test_client().get("/").get_json() == {"site": "Second"}


@pytest.mark.slow
def test_flask_routes_command(outputs):
    result = sh(commands()["flask-routes"], cwd=SNIPPETS)  # the CLI finds create_app() by itself
    assert result.returncode == 0, result.stderr
    assert "blog.post_detail" in result.stdout and "pages.home" in result.stdout
    table = "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())
    outputs.check(f"{OUT}/flask_routes.txt", f"$ flask --app compare.project_structure.flask_layout routes\n{table}")


@pytest.mark.slow
def test_flask_import_path_depends_on_the_working_directory(tmp_path):
    result = sh(commands()["flask-routes"], cwd=tmp_path)
    assert result.returncode != 0
    assert "Could not import 'compare.project_structure.flask_layout'" in result.stderr
    uvicorn = sh("uvicorn compare.project_structure.fastapi_layout.main:app", cwd=tmp_path, APP_SECRET_KEY="x")
    assert uvicorn.returncode != 0  # exits at once: nothing to serve
    assert "No module named 'compare'" in uvicorn.stderr


@pytest.mark.slow
def test_flask_global_app_import_cycle(tmp_path, outputs):
    """The pattern the factory replaces: a package-level `app` that views import back."""
    package = tmp_path / "myapp"
    package.mkdir()
    (package / "views.py").write_text('from myapp import app\n\n\n@app.get("/")\ndef home():\n    return "home"\n')
    # Importing the views *after* creating app works...
    (package / "__init__.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n\nfrom myapp import views\n")
    assert python("import myapp", cwd=tmp_path).returncode == 0
    # ...and breaks as soon as the import moves to the top, where import sorters put it.
    (package / "__init__.py").write_text("from flask import Flask\n\nfrom myapp import views\n\napp = Flask(__name__)\n")
    result = python("import myapp", cwd=tmp_path)
    assert result.returncode != 0
    assert "partially initialized module 'myapp'" in result.stderr
    outputs.check(f"{OUT}/flask_import_cycle.txt", last_line(result.stderr), normalisers=[TMP_PATH])


def test_unregistered_blueprint_or_router_is_just_missing():
    """No registry to forget: a module whose blueprint or router is not registered simply has no routes."""
    from compare.project_structure.fastapi_layout.routers import pages as fastapi_pages
    from compare.project_structure.flask_layout import pages as flask_pages
    from fastapi import FastAPI
    from flask import Flask

    flask_app = Flask(__name__)
    flask_app.register_blueprint(flask_pages.bp)  # blog.bp forgotten
    assert flask_app.test_client().get("/blog/").status_code == 404
    fastapi_only_pages = FastAPI()
    fastapi_only_pages.include_router(fastapi_pages.router)  # blog.router forgotten
    with TestClient(fastapi_only_pages) as client:
        assert client.get("/blog/").status_code == 404


# --------------------------------------------------------------------------- FastAPI: routers and settings


@pytest.fixture
def fastapi_client():
    fastapi_app.dependency_overrides[get_settings] = lambda: Settings(secret_key="test-only", site_name="Test site")
    try:
        with TestClient(fastapi_app) as client:
            yield client
    finally:
        fastapi_app.dependency_overrides.clear()


@pytest.fixture
def clean_settings(monkeypatch):
    """No APP_* variables, and an empty get_settings cache before and after."""
    for name in list(os.environ):
        if name.startswith("APP_"):
            monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_an_empty_secret_key_stops_the_start(clean_settings, monkeypatch):
    """APP_SECRET_KEY= (set but empty, what an unset ${...} in a deployment file gives) is not
    "without" the variable: a plain SecretStr took it as the key "". The field's min_length
    refuses it, as the Flask factory refuses an empty FLASK_SECRET_KEY."""
    monkeypatch.setenv("APP_SECRET_KEY", "")
    with pytest.raises(ValidationError) as caught:
        get_settings()
    assert [(error["loc"], error["type"]) for error in caught.value.errors()] == [(("secret_key",), "too_short")]
    monkeypatch.setenv("APP_SECRET_KEY", "k")
    get_settings.cache_clear()
    assert get_settings().secret_key.get_secret_value() == "k"  # one character is a key; "" is not
    monkeypatch.setenv("FLASK_SECRET_KEY", "")
    with pytest.raises(RuntimeError, match="Set the FLASK_SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("blank", [" ", "   ", "\t\n"])
def test_a_blank_secret_key_stops_the_start(clean_settings, monkeypatch, blank):
    """A key of only whitespace passes min_length=1 and a plain `if not key`, and both apps
    would sign sessions with it. FastAPI's not_blank and the Flask factory refuse it; a key that
    merely has spaces around it is still a key."""
    monkeypatch.setenv("APP_SECRET_KEY", blank)
    with pytest.raises(ValidationError) as caught:
        get_settings()
    assert [(error["loc"], error["type"]) for error in caught.value.errors()] == [(("secret_key",), "value_error")]
    monkeypatch.setenv("APP_SECRET_KEY", " k ")
    get_settings.cache_clear()
    assert get_settings().secret_key.get_secret_value() == " k "
    monkeypatch.setenv("FLASK_SECRET_KEY", blank)
    with pytest.raises(RuntimeError, match="Set the FLASK_SECRET_KEY"):
        create_app()
    monkeypatch.setenv("FLASK_SECRET_KEY", " k ")
    assert create_app().secret_key == " k "


def test_fastapi_routers_with_overridden_settings(fastapi_client):
    home = fastapi_client.get("/")
    assert home.status_code == 200
    assert home.json() == {"site": "Test site"}  # the override, not the environment
    posts = fastapi_client.get("/blog/")
    assert posts.json() == {"posts": [{"id": 1, "title": "Hello, structure"}, {"id": 2, "title": "Where files go"}]}
    assert fastapi_client.get("/blog/2").json() == {"id": 2, "title": "Where files go"}
    missing = fastapi_client.get("/blog/9")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Post not found"}


def test_fastapi_settings_come_from_prefixed_variables(clean_settings, monkeypatch):
    monkeypatch.setenv("APP_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("APP_SITE_NAME", "Staging")
    settings = get_settings()
    assert settings.site_name == "Staging"
    assert isinstance(settings.secret_key, SecretStr)
    assert settings.secret_key.get_secret_value() == "from-the-environment"
    assert "from-the-environment" not in repr(settings) and str(settings.secret_key) == "**********"
    with TestClient(fastapi_app) as client:
        assert client.get("/").json() == {"site": "Staging"}


def test_fastapi_get_settings_is_cached(clean_settings, monkeypatch):
    monkeypatch.setenv("APP_SECRET_KEY", "first")
    settings = get_settings()
    monkeypatch.setenv("APP_SECRET_KEY", "second")
    assert get_settings() is settings  # read once: a changed variable is not seen...
    get_settings.cache_clear()
    assert get_settings().secret_key.get_secret_value() == "second"  # ...until the cache is cleared


@pytest.mark.slow
def test_fastapi_app_imports_without_settings():
    imported = python("import compare.project_structure.fastapi_layout.main", cwd=SNIPPETS)  # no APP_* variables
    assert imported.returncode == 0, imported.stderr


def test_fastapi_missing_secret_stops_the_start(clean_settings, outputs):
    """The lifespan reads the settings: without APP_SECRET_KEY the app never answers, not even the
    routes that do not need the settings (a health check on /blog/1 would have passed)."""
    answered = []
    with pytest.raises(ValidationError) as error, TestClient(fastapi_app) as client:
        answered.append(client.get("/blog/1").status_code)
    assert answered == []
    assert error.value.errors()[0]["loc"] == ("secret_key",)
    assert error.value.errors()[0]["type"] == "missing"
    outputs.check(f"{OUT}/fastapi_missing_secret.txt", str(error.value) + "\n")


def test_fastapi_start_uses_a_tests_override(clean_settings):
    """The lifespan goes through app.dependency_overrides: a test's Settings, no environment."""
    fastapi_app.dependency_overrides[get_settings] = lambda: Settings(secret_key="test-only")
    try:
        with TestClient(fastapi_app) as client:
            assert client.get("/blog/1").status_code == 200
    finally:
        fastapi_app.dependency_overrides.clear()


@pytest.mark.slow
def test_fastapi_missing_secret_stops_uvicorn(tmp_path):
    """The same under the server a deploy runs: Uvicorn exits at start-up, it never listens."""
    result = subprocess.run([sys.executable, "-m", "uvicorn", "compare.project_structure.fastapi_layout.main:app",
                             "--port", str(free_port())], cwd=SNIPPETS, capture_output=True, text=True, timeout=60,
                            env=shell_env(), check=False)
    assert result.returncode != 0
    assert "Application startup failed" in result.stderr and "secret_key" in result.stderr, result.stderr[-2000:]


def test_fastapi_settings_from_an_env_file(clean_settings, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("APP_SECRET_KEY=from-the-file\nAPP_SITE_NAME=From a file\n")
    settings = Settings(_env_file=env_file)
    assert settings.site_name == "From a file"
    assert settings.secret_key.get_secret_value() == "from-the-file"
    from pydantic_settings import SettingsConfigDict

    class FileSettings(Settings):
        model_config = SettingsConfigDict(env_prefix="APP_", env_file=env_file)

    assert FileSettings().site_name == "From a file"


def test_pydantic_v2_moved_base_settings():
    import pydantic
    from pydantic import PydanticDeprecatedSince20
    from pydantic.errors import PydanticImportError
    from pydantic_settings import BaseSettings

    with pytest.raises(PydanticImportError, match="pydantic-settings"):
        _ = pydantic.BaseSettings  # what `from pydantic import BaseSettings` (Pydantic 1) does now
    with pytest.warns(PydanticDeprecatedSince20, match="ConfigDict"):

        class OldStyle(BaseSettings):  # the Pydantic 1 way to set the prefix
            site_name: str = "Side by Side"

            class Config:
                env_prefix = "APP_"


def test_flask_env_is_gone():
    from flask import Flask

    assert not hasattr(Flask, "env")  # app.env and FLASK_ENV were removed in Flask 2.3: use --debug


# --------------------------------------------------------------------------- Django: a complete project


def project_env(**extra: str) -> dict[str, str]:
    return {"DJANGO_SECRET_KEY": GOOD_KEY, **extra}


@pytest.mark.slow
def test_django_project_check_and_tests(outputs):
    result = sh(commands()["django"], cwd=SNIPPETS)  # cd into the project, then manage.py
    assert result.returncode == 0, result.stdout + result.stderr
    transcript = result.stdout + result.stderr
    assert "System check identified no issues" in transcript
    assert re.search(r"Ran 4 tests in [\d.]+s\s+OK", transcript)
    ordered = "$ python manage.py check\n" + result.stdout.split("Found", 1)[0]
    ordered += "$ python manage.py test\nFound" + result.stdout.split("Found", 1)[1] + result.stderr
    outputs.check(f"{OUT}/django_project_test.txt", ordered, normalisers=[(re.compile(r"Ran (\d+) tests in [\d.]+s"), r"Ran \1 tests in <time>s")])
    assert not (PROJECT / "db.sqlite3").exists()  # tests use a throwaway in-memory database


SHOW_SETTINGS = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DEBUG, settings.ALLOWED_HOSTS)"
)


test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(
    PROJECT / "config/settings.py", unset=["localhost", "127.0.0.1"])


@pytest.mark.slow
def test_django_project_settings_come_from_the_environment():
    defaults = python(SHOW_SETTINGS, cwd=PROJECT, DJANGO_SETTINGS_MODULE="config.settings", **project_env())
    assert defaults.stdout.strip() == "False ['localhost', '127.0.0.1']", defaults.stderr
    custom = python(
        SHOW_SETTINGS, cwd=PROJECT, DJANGO_SETTINGS_MODULE="config.settings",
        **project_env(DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS=django_snippets.SPACED_HOSTS),
    )
    # Spaces after the commas and a trailing comma are dropped: " www.example.com" would match no
    # Host header, and every request for www.example.com would get 400.
    assert custom.stdout.strip() == "True ['example.com', 'www.example.com']", custom.stderr


NO_KEYS = {"unset": None, "empty": "", "blank": " " * 60, "whitespace": "\t \n" * 20}


@pytest.mark.parametrize("layout", ["flask", "fastapi", "django"])
@pytest.mark.parametrize("key", list(NO_KEYS), ids=list(NO_KEYS))
def test_every_layout_refuses_an_empty_or_blank_key(layout, key, clean_settings, monkeypatch):
    """One rule in the three layouts: a secret key that is missing, empty (an unfilled ${...} in a
    deployment file) or only whitespace stops the start with an error that names the variable; a key
    with spaces around it is still a key. Each layout reads its own module afresh, as at start-up."""
    variable = {"flask": "FLASK_SECRET_KEY", "fastapi": "APP_SECRET_KEY", "django": "DJANGO_SECRET_KEY"}[layout]
    start = {
        "flask": lambda: create_app().secret_key,
        "fastapi": lambda: get_settings().secret_key.get_secret_value(),
        "django": lambda: runpy.run_path(str(PROJECT / "config/settings.py"))["SECRET_KEY"],
    }[layout]
    if NO_KEYS[key] is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, NO_KEYS[key])
    with pytest.raises((RuntimeError, ValidationError, ImproperlyConfigured)) as caught:
        start()
    named = caught.value.errors()[0]["loc"] == ("secret_key",) if layout == "fastapi" else variable in str(caught.value)
    assert named, caught.value
    monkeypatch.setenv(variable, " k ")
    get_settings.cache_clear()
    assert start() == " k "


@pytest.mark.slow
@pytest.mark.parametrize("key", list(NO_KEYS), ids=list(NO_KEYS))
def test_django_project_needs_a_secret_key(key):
    """What the reader runs stops at once, with the settings' own message: `manage.py check` (the
    page's run.sh), the development server, and the WSGI and ASGI entry points a server imports."""
    env = shell_env() if NO_KEYS[key] is None else shell_env(DJANGO_SECRET_KEY=NO_KEYS[key])
    expected = "django.core.exceptions.ImproperlyConfigured: Set the DJANGO_SECRET_KEY environment variable."
    for command in (["manage.py", "check"], ["manage.py", "runserver", "--noreload", str(free_port())],
                    ["-c", "import config.wsgi"], ["-c", "import config.asgi"]):
        result = subprocess.run(
            [sys.executable, *command], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode != 0, command
        assert result.stderr.strip().splitlines()[-1] == expected, (command, result.stderr)


def test_django_alone_accepts_an_empty_or_blank_key(client):
    """Why the project's settings check the key themselves. Django takes SECRET_KEY = "" until
    something reads it: then every request answers 500, since the messages middleware builds its
    cookie signer on each one. A key of only whitespace it keeps for good and signs with; only
    `check --deploy` warns (W009: fewer than 50 characters or fewer than 5 distinct ones)."""
    from django.conf import settings
    from django.core import signing
    from django.core.checks.security.base import check_secret_key
    from django.test import override_settings

    assert settings_values(PROJECT / "config/settings.py")["MIDDLEWARE"] == settings.MIDDLEWARE  # the project's own
    client.raise_request_exception = False
    with override_settings(SECRET_KEY=""):
        assert client.get("/").status_code == 500
        with pytest.raises(ImproperlyConfigured, match="The SECRET_KEY setting must not be empty"):
            signing.dumps("ok")
    with override_settings(SECRET_KEY=" " * 60):
        assert client.get("/").status_code == 404  # tests.django_urls has no "/": the request got through
        assert signing.loads(signing.dumps("ok")) == "ok"
        assert [warning.id for warning in check_secret_key(None)] == ["security.W009"]


@pytest.mark.slow
def test_django_project_passes_the_deploy_checks_it_can(outputs):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=PROJECT, env=shell_env(**project_env()),
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    for fixed in ("security.W009", "security.W018", "security.W020"):
        assert fixed not in result.stderr
    # What remains is about HTTPS, which depends on how the site is deployed.
    found = set(re.findall(r"security\.W\d+", result.stderr))
    assert found == {"security.W004", "security.W008", "security.W012", "security.W016"}


@pytest.mark.slow
def test_django_app_must_be_installed(outputs):
    script = (
        "import django; from django.conf import settings; "
        "settings.configure(INSTALLED_APPS=['django.contrib.contenttypes', 'django.contrib.auth', 'pages']); "
        "django.setup(); import blog.models"
    )
    result = python(script, cwd=PROJECT)
    assert result.returncode != 0
    assert "isn't in an application in INSTALLED_APPS" in result.stderr
    outputs.check(f"{OUT}/django_app_not_installed.txt", last_line(result.stderr))
    # The short form "blog" finds BlogConfig by itself (since Django 3.2; default_app_config is gone).
    short = script.replace("'pages'", "'pages', 'blog'").replace("import blog.models", (
        "from django.apps import apps; from blog.apps import BlogConfig; "
        "print(type(apps.get_app_config('blog')) is BlogConfig)"
    ))
    found = python(short, cwd=PROJECT)
    assert found.stdout.strip() == "True", found.stderr


@pytest.mark.slow
def test_django_import_paths_depend_on_the_working_directory(tmp_path):
    # manage.py works from anywhere: Python puts the script's own folder first on sys.path.
    from_elsewhere = subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), "check"], cwd=tmp_path, env=shell_env(**project_env()),
        capture_output=True, text=True, check=False,
    )
    assert from_elsewhere.returncode == 0, from_elsewhere.stderr
    # django-admin is an installed script: its sys.path has neither the project nor the current
    # folder, so even inside the project it cannot import the settings until you add the folder.
    admin = sh("django-admin check --settings config.settings", cwd=PROJECT, **project_env())
    assert admin.returncode != 0
    assert "No module named 'config'" in admin.stderr
    added = sh("django-admin check --settings config.settings --pythonpath .", cwd=PROJECT, **project_env())
    assert added.returncode == 0, added.stderr


@pytest.mark.slow
def test_django_wsgi_and_asgi_entry_points():
    script = """
import asyncio
from wsgiref.util import setup_testing_defaults

from config.asgi import application as asgi_app
from config.wsgi import application as wsgi_app

environ = {}
setup_testing_defaults(environ)
status = []
body = b"".join(wsgi_app(environ, lambda s, headers: status.append(s)))
print("WSGI", status[0], body.decode())


async def asgi_get():
    sent = []
    scope = {"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": [(b"host", b"localhost")]}
    requested = False

    async def receive():
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b""}
        await asyncio.Event().wait()  # the client stays connected

    async def send(message):
        sent.append(message)

    await asgi_app(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], body.decode()


print("ASGI", *asyncio.run(asgi_get()))
"""
    result = python(script, cwd=PROJECT, **project_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ['WSGI 200 OK {"site": "Side by Side"}', 'ASGI 200 {"site": "Side by Side"}']


@pytest.mark.slow
def test_manage_py_without_django():
    """The message manage.py gives when Django cannot be imported (no virtual environment active)."""
    script = (
        "import runpy, sys; sys.modules['django.core.management'] = None; "
        "sys.argv = ['manage.py', 'check']; runpy.run_path('manage.py', run_name='__main__')"
    )
    result = python(script, cwd=PROJECT)
    assert result.returncode != 0
    assert "Couldn't import Django" in result.stderr and "virtual environment" in result.stderr


# --------------------------------------------------------------------------- run it yourself


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_run_command_serves_the_layout(name):
    with run_server(commands()[name], cwd=SNIPPETS, env=shell_env()) as server:
        home = httpx2.get(f"{server.url}/", timeout=10)
        post = httpx2.get(f"{server.url}/blog/1", timeout=10)
    assert home.status_code == 200 and home.json() == {"site": "Side by Side"}
    assert post.json() == {"id": 1, "title": "Hello, structure"}
