"""The requests behind the responses compare/middleware.md shows (out/*.txt).

tests/compare/test_middleware.py checks each output with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable
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
# A server error: the 500 each app answers /boom with (Django and Flask log the exception, which the
# page does not show); fastapi_outermost.py's middleware, wrapped around the app, sees it too.
OUTPUTS = {**OUTPUTS, **{f"{framework}_boom.txt": (framework, "GET /boom", SHOWN_HEADERS) for framework in APPS},
           "fastapi_boom_outermost.txt": ("fastapi", "GET /boom", SHOWN_HEADERS)}
OUTPUT_APPS = {**OUTPUT_APPS, "fastapi_boom_outermost.txt": "compare.middleware.fastapi_outermost:app"}
# The order of the layers: a second app per framework, asked for /hello, then /boom; the output is
# what its layers printed, and the status (SHOW_CONSOLE "printed"), not the response.
ORDER = {
    "flask_order.txt": ("flask", "compare.middleware.flask_order:app"),
    "fastapi_order.txt": ("fastapi", "compare.middleware.fastapi_order:app"),
    "django_order.txt": ("django", "compare.middleware.django_order.settings"),
}
# A ContextVar the endpoint sets: GET /me to each of fastapi_contextvars.py's two apps, and the
# access log line each one's middleware printed.
CONTEXTVARS = ["compare.middleware.fastapi_contextvars:pure_app", "compare.middleware.fastapi_contextvars:base_app"]
OUTPUTS = {**OUTPUTS, **{output: (framework, ["GET /hello", "GET /boom"]) for output, (framework, _) in ORDER.items()},
           "fastapi_contextvars.txt": ("fastapi", "GET /me")}
OUTPUT_APPS = {**OUTPUT_APPS, **{output: target for output, (_, target) in ORDER.items()},
               "fastapi_contextvars.txt": CONTEXTVARS}
SHOW_CONSOLE = {output: "printed" for output in [*ORDER, "fastapi_contextvars.txt"]}
EDITABLE = {
    "flask": ["compare/middleware/flask_app.py"],
    "fastapi": ["compare/middleware/fastapi_app.py"],
    "django": ["compare/middleware/django_app/middleware.py", "compare/middleware/django_app/views.py",
               "compare/middleware/django_app/urls.py", "compare/middleware/django_app/settings.py"],
    **{output: [f"compare/middleware/{output.split('.')[0]}.py"] for output in CSP},  # a second app's: its own file
    "fastapi_boom_outermost.txt": ["compare/middleware/fastapi_outermost.py", "compare/middleware/fastapi_app.py"],
    "flask_order.txt": ["compare/middleware/flask_order.py"],
    "fastapi_order.txt": ["compare/middleware/fastapi_order.py"],
    "django_order.txt": ["compare/middleware/django_order/middleware.py", "compare/middleware/django_order/views.py",
                         "compare/middleware/django_order/urls.py", "compare/middleware/django_order/settings.py"],
    "fastapi_contextvars.txt": ["compare/middleware/fastapi_contextvars.py"],
}
