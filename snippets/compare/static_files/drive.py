"""The requests behind the responses compare/static_files.md shows (out/*.txt).

tests/compare/test_static_files.py checks these outputs with these requests, and the page's Run
button sends the same ones in the browser (guide_tools/runtime/drive.py; CONTRIBUTING.md,
"Runnable listings").
"""

APPS = {
    "flask": "compare.static_files.flask_app:app",
    "fastapi": "compare.static_files.fastapi_app:app",
}
# The headers a static file's transcript shows: what decides how a browser or a proxy caches it.
CACHE_HEADERS = ("content-type", "location", "allow", "set-cookie", "www-authenticate", "content-length",
                 "cache-control", "expires", "etag", "last-modified", "content-encoding", "vary")
REQUESTS = {
    "page": ("GET /", None),
    "static": ("HEAD /static/css/site.css", CACHE_HEADERS),
}
# Each captured output: (framework, request[, the headers it shows]).
OUTPUTS = {f"{framework}_{name}.txt": (framework, request, *([shown] if shown else []))
           for framework in APPS for name, (request, shown) in REQUESTS.items()}
# What differs on every run, replaced before the comparison (the test's and the browser test's):
# an ETag is built from the file's modification time.
NORMALISE = [(r"(?m)^(etag: ).*$", r'\1"<etag>"')]
NOT_IN_BROWSER = {
    **{name: "not declared yet: a second request that sends the first one's ETag"
       for name in ("flask_not_modified.txt", "fastapi_not_modified.txt")},
    **{name: "not declared yet: several requests in one transcript"
       for name in ("flask_traversal.txt", "fastapi_traversal.txt", "fastapi_html_mode.txt", "whitenoise_traversal.txt")},
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "flask": ["compare/static_files/flask_app.py"],
    "fastapi": ["compare/static_files/fastapi_app.py"],
}
