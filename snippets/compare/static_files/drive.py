"""The requests behind the responses compare/static_files.md shows (out/*.txt).

tests/compare/test_static_files.py checks these outputs with these requests, and the page's Run
button sends the same ones in the browser (guide_tools/runtime/drive.py; CONTRIBUTING.md,
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
OUTPUT_APPS = {name: "compare.static_files.flask_versioned:app"
               for name in ("flask_versioned_page.txt", "flask_versioned_static.txt")}
# What differs on every run, replaced before the comparison (the test's and the browser test's):
# an ETag is built from the file's modification time.
NORMALISE = [(r"(?m)^(etag: ).*$", r'\1"<etag>"')]
NOT_IN_BROWSER = {
    **{name: "not declared yet: a second request that sends the first one's ETag"
       for name in ("flask_not_modified.txt", "fastapi_not_modified.txt")},
    **{name: "not declared yet: several requests in one transcript"
       for name in ("flask_traversal.txt", "fastapi_traversal.txt", "fastapi_html_mode.txt", "whitenoise_traversal.txt")},
    "fastapi_relative_directory.txt": "an exception the test catches, not a response: no request to send",
    "fastapi_behind_proxy.txt": "Uvicorn reading X-Forwarded-Proto from a proxy on loopback: needs a real server and sockets",
    "layout_tree.txt": "a file tree: no Python to run",
    "django_collectstatic.txt": "collectstatic: a command for a terminal",
    "django_collected_tree.txt": "the files collectstatic wrote, as a tree: no Python to run",
    "django_manifest.txt": "the manifest collectstatic wrote, printed by python -m json.tool: a command for a terminal",
    "django_collected_css.txt": "a file collectstatic rewrote, printed by cat: a command for a terminal",
    "django_missing_manifest.txt": "an exception the test catches, not a response: no request to send",
    "django_page.txt": "not declared yet: the page once collectstatic (a command) has written the manifest",
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
    **{name: ["compare/static_files/flask_versioned.py", "compare/static_files/templates/flask_page.html"]
       for name in ("flask_versioned_page.txt", "flask_versioned_static.txt")},  # a second app's: its own files
}
