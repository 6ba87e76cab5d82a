"""Choosing and migrating: the nginx split, FastAPI on the Django database, the shared session.

- nginx validates the page's config (`nginx -t`), then really runs it on loopback in front of the
  FastAPI app (under Uvicorn) and a stand-in for the Django upstream, and the path decides which
  one answers.
- Django's own `migrate` creates the schema in a real PostgreSQL database and Django's own login
  creates the sessions; FastAPI reads both through SQLAlchemy, answers only for a valid, unexpired,
  correctly signed session of an active user whose password has not changed since, and never
  returns the password hash.
"""

from __future__ import annotations

import importlib
import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
import psycopg
import pytest
from fastapi.testclient import TestClient

from guide_tools.website.content import SNIPPETS
from tests.support.capture import render
from tests.support.nginx import assert_nginx_accepts, nginx_config, run_nginx
from tests.support.services import free_port, python_env, run_server

TOPIC = SNIPPETS / "performance/choosing"
OUT = "performance/choosing/out"
SETTINGS = "performance.choosing.django_settings"

pytestmark = pytest.mark.slow  # PostgreSQL, subprocesses and servers


# --------------------------------------------------------------------------- the Django database


def django(*args: str, env: dict[str, str]) -> str:
    """`python -m django <args>` with the project's settings, in a subprocess; its stdout."""
    result = subprocess.run([sys.executable, "-m", "django", *args, "--settings", SETTINGS], cwd=SNIPPETS, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


LOGIN = """
import json
from django.contrib.auth.models import User
from django.test import Client
cookies = {}
for name in ("alice", "bob"):
    User.objects.create_user(name, password="pw-" + name + "-long-enough", first_name=name.title())
    client = Client()
    assert client.login(username=name, password="pw-" + name + "-long-enough")
    cookies[name] = client.cookies["sessionid"].value
print("COOKIES=" + json.dumps(cookies))
"""

CHANGE_PASSWORD = """
from django.contrib.auth.models import User
carol = User.objects.get(username="carol")
carol.set_password("a-brand-new-password")
carol.save()
"""


@pytest.fixture(scope="module")
def django_database(postgres_dsn):
    """A database whose schema Django's migrate created, two users logged in through Django."""
    name = f"choosing_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(postgres_dsn)
    env = {**os.environ, **python_env(), "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "POSTGRES_DB": name,
           "POSTGRES_USER": parts.username, "POSTGRES_HOST": parts.hostname, "POSTGRES_PORT": str(parts.port)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    django("migrate", env=env)
    out = django("shell", "-c", LOGIN, env=env)
    cookies = json.loads(out.split("COOKIES=", 1)[1])
    dsn = postgres_dsn.rsplit("/", 1)[0] + f"/{name}"
    return {"env": env, "dsn": dsn, "cookies": cookies,
            "sqlalchemy_url": dsn.replace("postgresql://", "postgresql+psycopg://")}


@pytest.fixture(scope="module")
def api(django_database):
    """The FastAPI app in process, with the same secret and database as the Django project."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_SECRET_KEY", django_database["env"]["DJANGO_SECRET_KEY"])
        mp.setenv("DJANGO_DATABASE_URL", django_database["sqlalchemy_url"])
        module = importlib.reload(importlib.import_module("performance.choosing.fastapi_app"))
        with TestClient(module.app) as client:
            yield client


def session(key: str) -> dict[str, str]:
    """The header a browser sends with Django's session cookie (per-request cookies= is deprecated)."""
    return {"Cookie": f"sessionid={key}"}


def sql(dsn: str, statement: str, *params):
    with psycopg.connect(dsn, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def password_hashes(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        return [h for (h,) in conn.execute("SELECT password FROM auth_user").fetchall()]


def assert_no_secret(response, dsn: str) -> None:
    for password_hash in password_hashes(dsn):
        assert password_hash not in response.text
        assert password_hash.split("$")[-1] not in response.text  # not even the hash part alone
    assert "password" not in response.text and "pbkdf2" not in response.text


def test_django_created_the_schema(django_database):
    tables = {t for (t,) in sql(django_database["dsn"], "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"auth_user", "django_session", "django_migrations"} <= tables
    [(kind,)] = sql(django_database["dsn"], "SELECT data_type FROM information_schema.columns "
                    "WHERE table_name = 'auth_user' AND column_name = 'date_joined'")
    assert kind == "timestamp with time zone"


def test_session_cookie_settings(monkeypatch):
    for key in ("DJANGO_SECRET_KEY", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST", "POSTGRES_PORT"):
        monkeypatch.setenv(key, "x")
    project = importlib.reload(importlib.import_module(SETTINGS))
    assert (project.SESSION_COOKIE_SECURE, project.SESSION_COOKIE_HTTPONLY, project.SESSION_COOKIE_SAMESITE) == (
        True, True, "Lax")
    assert project.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_fastapi_reads_the_django_session(api, django_database, outputs):
    response = api.get("/api/v2/me", headers=session(django_database["cookies"]["alice"]))
    assert response.status_code == 200
    assert response.json() == {"id": 1, "username": "alice", "first_name": "Alice"}
    assert_no_secret(response, django_database["dsn"])
    outputs.check(f"{OUT}/me.txt", render(response, "GET /api/v2/me   (Cookie: sessionid=<alice's session>)"))
    other = api.get("/api/v2/users/2", headers=session(django_database["cookies"]["alice"]))
    assert other.json() == {"id": 2, "username": "bob", "first_name": "Bob"}
    assert_no_secret(other, django_database["dsn"])
    assert api.get("/api/v2/users/99", headers=session(django_database["cookies"]["alice"])).status_code == 404


def test_the_password_hash_never_leaves(api, django_database):
    cookie = session(django_database["cookies"]["alice"])
    for path in ("/api/v2/me", "/api/v2/users/1", "/api/v2/users/2", "/api/v2/users/99", "/openapi.json"):
        assert_no_secret(api.get(path, headers=cookie), django_database["dsn"])
    assert_no_secret(api.get("/api/v2/me"), django_database["dsn"])


def test_no_or_forged_session_is_refused(api, django_database, outputs):
    anonymous = api.get("/api/v2/me")
    assert anonymous.status_code == 401
    outputs.check(f"{OUT}/anonymous.txt", render(anonymous, "GET /api/v2/me   (no cookie)"))
    assert api.get("/api/v2/me", headers=session("x" * 32)).status_code == 401  # unknown key
    assert api.get("/api/v2/users/1").status_code == 401


def test_tampered_expired_or_inactive_is_refused(api, django_database):
    dsn, bob = django_database["dsn"], django_database["cookies"]["bob"]
    assert api.get("/api/v2/me", headers=session(bob)).status_code == 200
    [(data,)] = sql(dsn, "SELECT session_data FROM django_session WHERE session_key = %s", bob)
    # A different payload under the old signature: the signature no longer matches.
    sql(dsn, "UPDATE django_session SET session_data = %s WHERE session_key = %s", "e30" + data[data.index(":"):], bob)
    assert api.get("/api/v2/me", headers=session(bob)).status_code == 401
    sql(dsn, "UPDATE django_session SET session_data = %s WHERE session_key = %s", data, bob)
    assert api.get("/api/v2/me", headers=session(bob)).status_code == 200
    sql(dsn, "UPDATE django_session SET expire_date = now() - interval '1 second' WHERE session_key = %s", bob)
    assert api.get("/api/v2/me", headers=session(bob)).status_code == 401
    sql(dsn, "UPDATE django_session SET expire_date = now() + interval '1 day' WHERE session_key = %s", bob)
    sql(dsn, "UPDATE auth_user SET is_active = false WHERE username = 'bob'")
    assert api.get("/api/v2/me", headers=session(bob)).status_code == 401
    assert api.get("/api/v2/users/2", headers=session(django_database["cookies"]["alice"])).status_code == 404
    sql(dsn, "UPDATE auth_user SET is_active = true WHERE username = 'bob'")
    assert api.get("/api/v2/me", headers=session(bob)).status_code == 200


def test_fastapi_never_extends_the_session(api, django_database):
    """FastAPI only reads the session row: a request through it leaves expire_date where Django put
    it at the login, and its response sets no cookie. Only a request that Django serves can extend a session."""
    dsn, alice = django_database["dsn"], django_database["cookies"]["alice"]
    [(before,)] = sql(dsn, "SELECT expire_date FROM django_session WHERE session_key = %s", alice)
    response = api.get("/api/v2/me", headers=session(alice))
    assert response.status_code == 200 and "set-cookie" not in response.headers
    assert sql(dsn, "SELECT expire_date FROM django_session WHERE session_key = %s", alice) == [(before,)]


def test_a_session_from_another_secret_is_refused(api, django_database):
    """The cookie alone proves nothing: the signature is checked with the shared secret."""
    from django.core import signing

    dsn = django_database["dsn"]
    forged = signing.dumps({"_auth_user_id": "1"}, key="not-the-secret", salt="django.contrib.sessions.SessionStore",
                           compress=True)
    sql(dsn, "INSERT INTO django_session VALUES (%s, %s, now() + interval '1 day')", "f" * 32, forged)
    assert api.get("/api/v2/me", headers=session("f" * 32)).status_code == 401


def test_hostile_cookies_and_ids_get_401_or_404_not_500(api, django_database):
    """What any client may send: a session key with a NUL (a quoted cookie's octal escape, which the
    cookie parser decodes; PostgreSQL text cannot hold it), an over-long key, an id beyond the
    `integer` column.
    Refusals, not a database error turned into a 500 (review 12 C1)."""
    alice = session(django_database["cookies"]["alice"])
    for cookie in ('sessionid="\\000' + "a" * 31 + '"', "sessionid=" + "a" * 5000):
        assert api.get("/api/v2/me", headers={"Cookie": cookie}).status_code == 401, cookie[:20]
    assert api.get("/api/v2/users/2147483647", headers=alice).status_code == 404  # the largest id auth_user holds
    for user_id in (0, 2**31, 2**63, 10**30):  # auth_user.id is an `integer` column (Django's AutoField)
        assert api.get(f"/api/v2/users/{user_id}", headers=alice).status_code == 422, user_id


def test_a_django_migration_that_renames_a_mapped_column_breaks_fastapi(api, django_database):
    """The mapped columns are a contract between two deployments: Django adding a column leaves
    FastAPI alone; renaming (or dropping) one FastAPI maps turns every request through the model
    into a 500 as soon as `migrate` has run (review 12 C2)."""
    dsn, cookie = django_database["dsn"], session(django_database["cookies"]["alice"])
    client = TestClient(api.app, raise_server_exceptions=False)  # what a browser gets: the status
    sql(dsn, "ALTER TABLE auth_user ADD COLUMN nickname varchar(30) NOT NULL DEFAULT ''")
    try:
        assert client.get("/api/v2/me", headers=cookie).status_code == 200  # an added column: unaffected
        sql(dsn, "ALTER TABLE auth_user RENAME COLUMN first_name TO given_name")
        assert client.get("/api/v2/me", headers=cookie).status_code == 500
        assert client.get("/api/v2/users/2", headers=cookie).status_code == 500
    finally:
        sql(dsn, "ALTER TABLE auth_user RENAME COLUMN given_name TO first_name")
        sql(dsn, "ALTER TABLE auth_user DROP COLUMN nickname")
    assert client.get("/api/v2/me", headers=cookie).status_code == 200


LOGOUT = """
from django.test import Client
client = Client()
client.cookies["sessionid"] = "{key}"
client.logout()
"""


def test_logging_out_in_django_ends_the_session_in_fastapi(api, django_database):
    login = LOGIN.replace('("alice", "bob")', '("dave",)')
    key = json.loads(django("shell", "-c", login, env=django_database["env"]).split("COOKIES=")[1])["dave"]
    assert api.get("/api/v2/me", headers=session(key)).status_code == 200
    django("shell", "-c", LOGOUT.format(key=key), env=django_database["env"])
    assert not sql(django_database["dsn"], "SELECT 1 FROM django_session WHERE session_key = %s", key)
    assert api.get("/api/v2/me", headers=session(key)).status_code == 401


def test_changing_the_password_ends_the_session_in_fastapi_too(api, django_database):
    login = LOGIN.replace('("alice", "bob")', '("carol",)')
    cookie = session(json.loads(django("shell", "-c", login, env=django_database["env"]).split("COOKIES=")[1])["carol"])
    assert api.get("/api/v2/me", headers=cookie).status_code == 200
    django("shell", "-c", CHANGE_PASSWORD, env=django_database["env"])
    assert api.get("/api/v2/me", headers=cookie).status_code == 401  # as in Django: the hash no longer matches


# --------------------------------------------------------------------------- nginx


def split_config(tmp: Path, django_port: int, fastapi_port: int, listen: int) -> Path:
    """The page's nginx.conf with free loopback ports in place of 8001, 8002 and 8080."""
    return nginx_config(TOPIC / "nginx.conf", tmp, {8001: django_port, 8002: fastapi_port, 8080: listen})


def test_nginx_accepts_the_config(tmp_path):
    assert_nginx_accepts(split_config(tmp_path, 8001, 8002, free_port()))


STAND_IN = """
import os, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = (f"Django answered {self.path} for Host {self.headers['Host']}, "
                f"X-Forwarded-Proto {self.headers['X-Forwarded-Proto']}").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


def test_nginx_splits_by_path(tmp_path, django_database, outputs):
    env = {**django_database["env"], "DJANGO_DATABASE_URL": django_database["sqlalchemy_url"]}
    with (
        run_server([sys.executable, "-c", STAND_IN], measure=False) as django_stand_in,
        run_server('uvicorn performance.choosing.fastapi_app:app --host 127.0.0.1 --port "$PORT"',
                   cwd=SNIPPETS, env=env) as fastapi_server,
    ):
        port = free_port()
        config = split_config(tmp_path, django_stand_in.port, fastapi_server.port, port)
        with run_nginx(config, port) as proxy:
            headers = {"Host": "api.example.com"}
            v2 = httpx2.get(f"{proxy.url}/api/v2/me", headers={**headers, **session(django_database["cookies"]["bob"])},
                            timeout=30)
            v1 = httpx2.get(f"{proxy.url}/api/v1/orders/", headers=headers, timeout=30)
            home = httpx2.get(f"{proxy.url}/", headers=headers, timeout=30)
            v2_without_slash = httpx2.get(f"{proxy.url}/api/v2", headers=headers, timeout=30)
            # What a load balancer that terminated TLS sends: $scheme overwrites it with nginx's own http.
            behind_balancer = httpx2.get(f"{proxy.url}/api/v1/orders/",
                                         headers={**headers, "X-Forwarded-Proto": "https"}, timeout=30)
    assert v2.status_code == 200 and v2.json()["username"] == "bob"  # FastAPI, through nginx
    assert v1.text == "Django answered /api/v1/orders/ for Host api.example.com, X-Forwarded-Proto http"
    assert home.text.startswith("Django answered / for Host api.example.com")
    assert behind_balancer.text.endswith(", X-Forwarded-Proto http")  # the page: the balancer's https is lost
    # "/api/v2" without the slash: nginx itself redirects to "/api/v2/" (documented for proxy_pass prefixes).
    assert v2_without_slash.status_code == 301 and v2_without_slash.headers["location"].endswith("/api/v2/")
    transcript = "\n".join([
        render(v2, "GET /api/v2/me   (through nginx, with bob's session cookie)"),
        render(v1, "GET /api/v1/orders/   (through nginx)"),
    ])
    outputs.check(f"{OUT}/nginx_split.txt", transcript)
