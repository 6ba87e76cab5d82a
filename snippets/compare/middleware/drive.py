"""The requests behind the responses compare/middleware.md shows (out/*.txt).

tests/compare/test_middleware.py checks each output with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; CONTRIBUTING.md, "Runnable
listings").
"""

APPS = {
    "flask": "compare.middleware.flask_app:app",
    "fastapi": "compare.middleware.fastapi_app:app",
    "django": "compare.middleware.django_app.settings",
}
# The headers the transcripts show: the middleware's own, the request id and the timing.
SHOWN_HEADERS = ("content-type", "x-request-id", "server-timing")
REQUESTS = {
    "request_id": "GET /whoami\nX-Request-ID: abc-123",
}
# Each captured output: (framework, request, the headers it shows).
OUTPUTS = {f"{framework}_{name}.txt": (framework, request, SHOWN_HEADERS)
           for framework in APPS for name, request in REQUESTS.items()}
# What differs on every run, replaced before the comparison (the test's and the browser test's):
# Server-Timing's duration.
NORMALISE = [(r"dur=\d+(\.\d+)?", "dur=<ms>")]
NOT_IN_BROWSER = {
    **{f"{framework}_boom.txt": "the error is logged to the console, which the browser test counts as a fault"
       for framework in APPS},
    "fastapi_boom_outermost.txt": "a second app (fastapi_outermost.py): one app per framework for now",
    **{f"{framework}_order.txt": "not declared yet: the layers' own print() lines, not a response" for framework in APPS},
    "fastapi_contextvars.txt": "not declared yet: a second app's print() lines (fastapi_contextvars.py)",
    "csp_flask.txt": "a second app (csp_flask.py): one app per framework for now",
    "csp_fastapi.txt": "a second app (csp_fastapi.py): one app per framework for now",
    "csp_django.latest.txt": "a second app (csp_django.py): one app per framework for now",
}
EDITABLE = {
    "flask": ["compare/middleware/flask_app.py"],
    "fastapi": ["compare/middleware/fastapi_app.py"],
    "django": ["compare/middleware/django_app/middleware.py", "compare/middleware/django_app/views.py",
               "compare/middleware/django_app/urls.py", "compare/middleware/django_app/settings.py"],
}
