"""The requests behind the responses performance/serialization.md shows (out/*.txt), and the report
at_import.py prints.

tests/performance/test_serialization.py checks each output with these declarations, and the page's
Run button sends the same requests and calls the same function in the browser
(guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings").
"""

APPS = {
    "fastapi": "performance.serialization.fastapi_app:app",
    "django": {
        "ROOT_URLCONF": "performance.serialization.drf_app.urls",
        # DRF's request.user without authentication classes is Django's AnonymousUser (contrib.auth).
        "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    },
}
# The lax payload: a number where a name is expected, strings where numbers are.
LAX = ('{"id": 1, "customer": {"id": "7", "name": 123}, "items": [{"sku": "PEN-001", "quantity": "2", '
       '"unit_price": "1.5"}], "placed_at": "2025-01-31T09:30:00Z"}')
LAX_REQUEST = "POST /orders\nContent-Type: application/json\n\n" + LAX
# Each captured output: (framework, the request it shows), or the function whose result it is.
OUTPUTS = {
    "fastapi_lax.txt": ("fastapi", LAX_REQUEST),
    "fastapi_strict_decimal.txt": ("fastapi", "POST /line-items/strict\nContent-Type: application/json\n\n"
                                              '{"sku": "PEN-001", "quantity": 2, "unit_price": "1.50"}'),
    "at_import.txt": ("django", "call performance.serialization.at_import:report"),
    # DRF renders placed_at in TIME_ZONE through zoneinfo: its Run loads tzdata (pins.BROWSER_DEPENDS).
    "drf_lax.txt": ("django", LAX_REQUEST),
}
NOT_IN_BROWSER = {
    **{name: "the test's own count of the functions the framework called (it patches them): no request to send"
       for name in ("body_path.txt", "json_paths.txt")},
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "fastapi": ["performance/serialization/fastapi_app.py", "performance/serialization/schemas.py",
                "performance/serialization/orders.py"],
    "django": ["performance/serialization/drf_app/serializers.py", "performance/serialization/drf_app/views.py",
               "performance/serialization/drf_app/urls.py", "performance/serialization/at_import.py",
               "performance/serialization/schemas.py", "performance/serialization/orders.py"],
}
