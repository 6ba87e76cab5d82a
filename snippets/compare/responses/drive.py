"""The requests behind the responses compare/responses.md shows (out/*.txt).

tests/compare/test_responses.py checks each output with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable
listings").
"""

APPS = {
    "flask": "compare.responses.flask_app:app",
    "fastapi": "compare.responses.fastapi_app:app",
    # No settings module on the page: the settings the test run applies to this example.
    "django": {"ROOT_URLCONF": "compare.responses.django_app.urls"},
}
REQUESTS = {
    "text": "GET /text",
    "order": "GET /orders/1",
    "created": "POST /orders",
    "no_content": "DELETE /orders/1",
    "html": "GET /hello?name=%3Cb%3EAda%3C%2Fb%3E",
    "redirect": "GET /latest-order",
    "streaming": "GET /countdown?start=3",
    "cookie": "POST /cookie-consent",
}
# Each captured output: (framework, request[, the headers its transcript shows]).
OUTPUTS = {
    **{f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()},
    **{f"{framework}_headers.txt": (framework, "GET /account", ("content-type", "cache-control")) for framework in APPS},
    **{f"{framework}_download.txt": (framework, "GET /orders.csv", ("content-type", "content-disposition"))
       for framework in APPS},
    "fastapi_model_filter.txt": ("fastapi", "GET /customers/1"),
    "flask_iso_dates.txt": ("flask", "GET /orders/1"),  # a second app: flask_json_iso.py (OUTPUT_APPS)
}
OUTPUT_APPS = {"flask_iso_dates.txt": "compare.responses.flask_json_iso:app"}
EDITABLE = {
    "flask": ["compare/responses/flask_app.py", "compare/responses/orders.py"],
    "fastapi": ["compare/responses/fastapi_app.py", "compare/responses/orders.py"],
    "django": ["compare/responses/django_app/views.py", "compare/responses/django_app/urls.py", "compare/responses/orders.py"],
    "flask_iso_dates.txt": ["compare/responses/flask_json_iso.py", "compare/responses/orders.py"],  # a second app's
}
