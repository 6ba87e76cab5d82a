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
# Content Security Policy: a second app per framework (csp_*.py; Django's is new in 6.0, so its output
# is the latest stack's, the browser's), each asked for its page (OUTPUT_APPS).
CSP_HEADERS = ("content-type", "content-security-policy")
CSP = {
    "csp_flask.txt": ("flask", "compare.middleware.csp_flask:app"),
    "csp_fastapi.txt": ("fastapi", "compare.middleware.csp_fastapi:app"),
    # csp_django.py holds the settings the page shows and is its own URLconf
    "csp_django.latest.txt": ("django", ("compare.middleware.csp_django",
                                         {"ROOT_URLCONF": "compare.middleware.csp_django"})),
}
OUTPUTS = {**OUTPUTS, **{output: (framework, "GET /", CSP_HEADERS) for output, (framework, _) in CSP.items()}}
OUTPUT_APPS = {output: target for output, (_, target) in CSP.items()}
# What differs on every run, replaced before the comparison (the test's and the browser test's):
# Server-Timing's duration, and the CSP nonce, new on every request (where it goes is shown, not its value).
NORMALISE = [(r"dur=\d+(\.\d+)?", "dur=<ms>"), (r"(?<=nonce-)[\w-]+|(?<=nonce=\")[\w-]+", "<nonce>")]
NOT_IN_BROWSER = {
    # fastapi_outermost.py's 500 too (a second app is declarable: OUTPUT_APPS; the logged error is what stops it)
    **{f"{name}.txt": "the error is logged to the console, which the browser test counts as a fault"
       for name in [*(f"{framework}_boom" for framework in APPS), "fastapi_boom_outermost"]},
    **{f"{framework}_order.txt": "not declared yet: the layers' own print() lines, not a response" for framework in APPS},
    "fastapi_contextvars.txt": "not declared yet: a second app's print() lines (fastapi_contextvars.py)",
}
EDITABLE = {
    "flask": ["compare/middleware/flask_app.py"],
    "fastapi": ["compare/middleware/fastapi_app.py"],
    "django": ["compare/middleware/django_app/middleware.py", "compare/middleware/django_app/views.py",
               "compare/middleware/django_app/urls.py", "compare/middleware/django_app/settings.py"],
    **{output: [f"compare/middleware/{output.split('.')[0]}.py"] for output in CSP},  # a second app's: its own file
}
