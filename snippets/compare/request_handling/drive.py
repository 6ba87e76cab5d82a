"""The requests behind the responses compare/request_handling.md shows (out/*.txt).

tests/compare/test_request_handling.py checks these outputs with these requests, and the page's
Run button sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md,
"Runnable listings").
"""

# The webhook's secret for the tests and a Run (not one to deploy: a real one comes from the sender),
# and what its sender sends: the body and its HMAC-SHA256 under that secret (test_raw_body checks it).
ENVIRON = {"WEBHOOK_SECRET": "made-for-the-guide-not-a-secret-7d3a9c0e5b1f4a28"}
EVENT = '{"event": "paid", "amount": 1500}'
SIGNATURE = "931bd692cc2b3b725917e90b15379df15c6d5533c5a06dbfb511e4e47efc3b2a"

APPS = {
    "flask": "compare.request_handling.flask_app:app",
    "fastapi": "compare.request_handling.fastapi_app:app",
    "django": "compare.request_handling.django_app.settings",
}
REQUESTS = {
    "query": "GET /search?q=orm&q=sql&tag=a&tag=b",
    "form_missing": "POST /subscribe\nContent-Type: application/x-www-form-urlencoded\n\ntopic=orm",
    "json_invalid": 'POST /items\nContent-Type: application/json\n\n{"name": "pen",',
    "json_wrong_type": 'POST /items\nContent-Type: text/plain\n\n{"name": "pen", "price": 1.5}',
}
# Each captured output: (framework, request). out/flask_query.txt is Flask's answer to the query.
OUTPUTS = {f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()}
# An upload written by hand (the test's multipart()), shown with plain line ends and sent with CRLF
# (guide_tools/runtime/drive.py, wire_body): one field, "file", with this name and content.
UPLOAD = ("POST /upload\nContent-Type: multipart/form-data; boundary=sbs-boundary\n\n--sbs-boundary\n"
          'Content-Disposition: form-data; name="file"; filename="{name}"\nContent-Type: application/octet-stream\n\n'
          "{content}\n--sbs-boundary--")
TRAVERSAL = [UPLOAD.format(name=name, content="hello") for name in ("../../etc/passwd", "..\\..\\boot.ini")]
TOO_LARGE = UPLOAD.format(name="big.bin", content="<1048576 bytes of file data>")  # 1 MiB, the limit, plus the framing
OUTPUTS = {
    **OUTPUTS,
    **{f"{framework}_upload_traversal.txt": (framework, TRAVERSAL) for framework in APPS},
    **{f"{framework}_upload_too_large.txt": (framework, TOO_LARGE) for framework in ("flask", "fastapi")},
    # Django takes the status phrase from Python's http.HTTPStatus, so its output is per stack; the
    # browser's Python (3.14) names 413 as the latest stack's (3.12+) does.
    "django_upload_too_large.latest.txt": ("django", TOO_LARGE),
    # All three answer the same; the transcript is FastAPI's (the test checks the other two's JSON).
    "whoami.txt": ("fastapi", "GET /whoami\nUser-Agent: curl/8.5.0\nX-Request-ID: abc123\nCookie: theme=dark"),
    "webhook.txt": ("fastapi", f"POST /webhook\nContent-Type: application/json\nX-Signature: {SIGNATURE}\n\n{EVENT}"),
}
# What differs on every run: the random part of a stored file's name.
NORMALISE = [(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", "<random hex>")]
NOT_IN_BROWSER = {
    "django_upload_too_large.lts.txt": "the LTS stack's answer (Python 3.11 calls 413 \"Request Entity Too Large\"); "
                                       "the browser runs the latest stack's, whose tab is beside it",
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "flask": ["compare/request_handling/flask_app.py"],
    "fastapi": ["compare/request_handling/fastapi_app.py"],
    "django": ["compare/request_handling/django_app/views.py", "compare/request_handling/django_app/urls.py",
               "compare/request_handling/django_app/middleware.py", "compare/request_handling/django_app/settings.py"],
}
