"""The one Django settings module for the whole test run.

Every Django snippet app (a package under snippets/ with an `apps.py`) is installed here
automatically, under the unique label its AppConfig sets (`label = "<topic>_<app>"`), so about
thirty examples coexist in one process. An app that must not share this process (a custom user
model, say) is listed in SEPARATE_PROCESS_APPS, and apps inside a complete project (a folder with
a manage.py) are left out: those are tested in a subprocess with their own settings. A test selects its
URLconf with `@pytest.mark.urls("<dotted path>")` and changes anything else with the `settings`
fixture. What cannot change inside a running process (a custom user model, `startproject`,
`makemigrations`, `check --deploy`, a server) runs in a subprocess with the snippet's own settings.
"""

from pathlib import Path

SNIPPETS = Path(__file__).resolve().parents[1] / "snippets"
SEPARATE_PROCESS_APPS: set[str] = {  # dotted paths of apps tested only in a subprocess
    "performance.bench.django_project.shop",  # the benchmark project: its own settings, PostgreSQL only
}


def _standalone(app_dir: Path) -> bool:
    """Inside a complete project (a folder with manage.py), run as the reader would run it."""
    return any((parent / "manage.py").is_file() for parent in app_dir.parents if SNIPPETS in parent.parents)


def _snippet_apps() -> list[str]:
    apps = sorted(
        ".".join(p.parent.relative_to(SNIPPETS).parts)
        for p in SNIPPETS.rglob("apps.py")
        if "__pycache__" not in p.parts and not _standalone(p.parent)
    )
    return [app for app in apps if app not in SEPARATE_PROCESS_APPS]


SECRET_KEY = "test-only-not-secret"  # noqa: S105 - never used outside the test process
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.django_urls"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    *_snippet_apps(),
]

STATIC_URL = "static/"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
