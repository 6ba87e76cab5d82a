"""The requests behind the responses compare/errors.md shows (out/*.txt).

tests/compare/test_errors.py checks each output with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable
listings").
"""

APPS = {
    "flask": "compare.errors.flask_app:app",
    "fastapi": "compare.errors.fastapi_app:app",
    "django": "compare.errors.django_app.settings",
}
ORDER = "POST /api/products/{product}/orders\nContent-Type: application/json\n\n{body}"
REQUESTS = {
    "raised_404": "GET /api/products/99",
    "routing_404": "GET /api/nowhere",
    "page_404": "GET /nowhere",
    "405": "DELETE /api/products/1",
    "out_of_stock": ORDER.format(product=2, body='{"quantity": 1}'),
    "invalid_quantity": ORDER.format(product=1, body='{"quantity": 0}'),
    "malformed_json": ORDER.format(product=1, body='{"quantity": 2'),
}
# Each captured output: (framework, request). FastAPI answers every 404 in JSON: no page_404 of its own.
OUTPUTS = {
    **{f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()
       if (framework, name) != ("fastapi", "page_404")},
    # an unhandled exception: each handler's 500 (the exception goes to the log, which the page does not show)
    **{f"{framework}_server_error.txt": (framework, "GET /api/reports/sales") for framework in APPS},
    "django_forbidden.txt": ("django", "GET /api/stock"),
    "django_disallowed_host.txt": ("django", "GET /api/products/1\nHost: evil.example"),
    # The counter-examples: a second app each, whose handler misses the router's 404 (OUTPUT_APPS).
    **{f"{app}_{name}.txt": (framework, REQUESTS[f"{name}_404"])
       for framework, app in (("fastapi", "fastapi_wrong_handler"), ("flask", "flask_blueprint"))
       for name in ("raised", "routing")},
}
OUTPUT_APPS = {
    **{f"fastapi_wrong_handler_{name}.txt": "compare.errors.fastapi_wrong_handler:app" for name in ("raised", "routing")},
    **{f"flask_blueprint_{name}.txt": "compare.errors.flask_blueprint_handler:app" for name in ("raised", "routing")},
}
NOT_IN_BROWSER = {f"{framework}_server_log.txt": "a server's log: needs a real server" for framework in APPS}
EDITABLE = {
    "flask": ["compare/errors/flask_app.py", "compare/errors/shop.py"],
    "fastapi": ["compare/errors/fastapi_app.py", "compare/errors/shop.py"],
    "django": ["compare/errors/django_app/views.py", "compare/errors/django_app/errors.py",
               "compare/errors/django_app/middleware.py", "compare/errors/django_app/urls.py",
               "compare/errors/django_app/settings.py", "compare/errors/shop.py"],
    # a second app's outputs (OUTPUT_APPS): its own file
    **{f"fastapi_wrong_handler_{name}.txt": ["compare/errors/fastapi_wrong_handler.py", "compare/errors/shop.py"]
       for name in ("raised", "routing")},
    **{f"flask_blueprint_{name}.txt": ["compare/errors/flask_blueprint_handler.py", "compare/errors/shop.py"]
       for name in ("raised", "routing")},
}
