"""The requests behind the responses compare/static_files.md shows (out/*.txt).

tests/compare/test_static_files.py checks these outputs with these requests, and the page's Run
button sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md,
"Runnable listings").
"""

APPS = {
    "flask": "compare.static_files.flask_app:app",
    "fastapi": "compare.static_files.fastapi_app:app",
    # The settings the page shows, with DEBUG on (runserver's DJANGO_DEBUG=1): the manifest storage
    # then names the files as they are, and needs no collectstatic first.
    "django": ("compare.static_files.django_app.settings", {"DEBUG": True}),
}
# The headers a static file's transcript shows: what decides how a browser or a proxy caches it.
CACHE_HEADERS = ("content-type", "location", "allow", "set-cookie", "www-authenticate", "content-length",
                 "cache-control", "expires", "etag", "last-modified", "content-encoding", "vary")
REQUESTS = {
    "page": ("GET /", None),
    "static": ("HEAD /static/css/site.css", CACHE_HEADERS),
}
# Each captured output: (framework, request[, the headers it shows]).
OUTPUTS = {**{f"{framework}_{name}.txt": (framework, request, *([shown] if shown else []))
              for framework in ("flask", "fastapi") for name, (request, shown) in REQUESTS.items()},
           "django_page_debug.txt": ("django", "GET /"),
           # A second app (OUTPUT_APPS): versioned URLs. The `v` is the first 12 hex digits of site.css's
           # SHA-256, the one the page links to (the test checks that it is).
           "flask_versioned_page.txt": ("flask", "GET /"),
           "flask_versioned_static.txt": ("flask", "HEAD /assets/css/site.css?v=1d5b23a37d79", CACHE_HEADERS)}
# A conditional request: the ETag a GET of the file answered with, sent back (`"<etag>"`: guide_tools/runtime/drive.py).
OUTPUTS = {**OUTPUTS, **{f"{framework}_not_modified.txt": (framework, 'GET /static/css/site.css\nIf-None-Match: "<etag>"',
                                                            CACHE_HEADERS) for framework in ("flask", "fastapi")}}
# Requests that try to leave the static folder, and FastAPI's html mode: one line per request, its status
# (CUT "status"). A literal `..` reaches Flask as written; httpx resolves it before sending, so FastAPI
# gets encoded dots only (the test sends the literal one to a real server).
TRAVERSAL = {
    "flask": ["/static/../flask_app.py", "/static/..%2fflask_app.py", "/static/%2e%2e/flask_app.py",
              "/static/css/../../flask_app.py"],
    "fastapi": ["/static/..%2ffastapi_app.py", "/static/%2e%2e/fastapi_app.py",
                "/static/css/%2e%2e/%2e%2e/fastapi_app.py"],
}
OUTPUTS = {**OUTPUTS, **{f"{framework}_traversal.txt": (framework, [f"GET {path}" for path in paths])
                          for framework, paths in TRAVERSAL.items()},
           "fastapi_html_mode.txt": ("fastapi", [f"GET {path}" for path in ("/manual", "/manual/", "/manual/index.html",
                                                                            "/manual/nope")])}
CUT = {name: "status" for name in ("flask_traversal.txt", "fastapi_traversal.txt", "fastapi_html_mode.txt")}
# The page once collectstatic has written the manifest: the page's settings as they are (DEBUG off),
# after SETUP runs the page's collectstatic command in the same process.
OUTPUTS = {**OUTPUTS, "django_page.txt": ("django", "GET /")}
OUTPUT_APPS = {**{name: "compare.static_files.flask_versioned:app"
                  for name in ("flask_versioned_page.txt", "flask_versioned_static.txt")},
               "django_page.txt": "compare.static_files.django_app.settings"}
SETUP = {"django_page.txt": "collect_static"}
# What differs on every run, replaced before the comparison (the test's and the browser test's):
# an ETag is built from the file's modification time.
NORMALISE = [(r"(?m)^(etag: ).*$", r'\1"<etag>"')]
NOT_IN_BROWSER = {
    "whitenoise_traversal.txt": "WhiteNoise behind Gunicorn, request targets sent as written: needs a real server and sockets",
    "fastapi_relative_directory.txt": "an exception the test catches, not a response: no request to send",
    "fastapi_behind_proxy.txt": "Uvicorn reading X-Forwarded-Proto from a proxy on loopback: needs a real server and sockets",
    "layout_tree.txt": "a file tree: no Python to run",
    "django_collectstatic.txt": "collectstatic: a command for a terminal",
    "django_collected_tree.txt": "the files collectstatic wrote, as a tree: no Python to run",
    "django_manifest.txt": "the manifest collectstatic wrote, printed by python -m json.tool: a command for a terminal",
    "django_collected_css.txt": "a file collectstatic rewrote, printed by cat: a command for a terminal",
    "django_missing_manifest.txt": "an exception the test catches, not a response: no request to send",
    "django_runserver_static.txt": "runserver serving a static file itself: needs a real server",
    **{name: "WhiteNoise behind Gunicorn, after collectstatic: needs a real server and sockets"
       for name in ("whitenoise_hashed.txt", "whitenoise_unhashed.txt")},
    "whitenoise_tree.txt": "the files collectstatic wrote with WhiteNoise's storage, as a tree: no Python to run",
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "flask": ["compare/static_files/flask_app.py"],
    "fastapi": ["compare/static_files/fastapi_app.py"],
    "django": ["compare/static_files/django_app/settings.py", "compare/static_files/django_app/urls.py",
               "compare/static_files/django_app/storefront/views.py",
               "compare/static_files/django_app/storefront/templates/storefront/home.html"],
    "django_page.txt": ["compare/static_files/django_app/settings.py",
                        "compare/static_files/django_app/storefront/templates/storefront/home.html"],
    **{name: ["compare/static_files/flask_versioned.py", "compare/static_files/templates/flask_page.html"]
       for name in ("flask_versioned_page.txt", "flask_versioned_static.txt")},  # a second app's: its own files
}


def collect_static() -> None:
    """run.sh's collectstatic line (`collectstatic --noinput`), in this process: the manifest and the
    hashed copies in STATIC_ROOT, which the page's {% static %} names then come from."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
