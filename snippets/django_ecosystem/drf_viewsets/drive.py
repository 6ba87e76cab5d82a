"""The requests behind the responses django/drf_viewsets.md shows (out/*.txt), and the products
they read.

tests/django_ecosystem/test_drf_viewsets.py checks each output with these requests, on an empty
database filled by `products()` (SETUP), and the page's Run button sends the same ones in the
browser (guide_tools/runtime/drive.py; CONTRIBUTING.md, "Runnable listings"). The viewset sets
every policy itself; the settings below are only what the app needs to run.
"""

APPS = {
    "django": {"ROOT_URLCONF": "django_ecosystem.drf_viewsets.catalog.urls",
               "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth",
                                  "django_ecosystem.drf_viewsets.catalog"]},
}
REQUESTS = {
    "api_root": "GET /api/v2/",
    "filter_order": "GET /api/v1/products/?price__gte=10&ordering=-price",
    "invalid_filter": "GET /api/v1/products/?price__lte=cheap",
    "path_v1": "GET /api/v1/products/1/",
    "path_v2": "GET /api/v2/products/1/",
    "path_v3": "GET /api/v3/products/",
}
ACCEPT = "application/json; version={}"
# Accept-header versioning: a second URLconf, urls_accept.py (OUTPUT_APPS), on the same products.
ACCEPT_REQUESTS = {
    "accept_v2": f"GET /api/products/1/\nAccept: {ACCEPT.format('2.0')}",
    "accept_v3": f"GET /api/products/\nAccept: {ACCEPT.format('3.0')}",
}
OUTPUTS = {f"{name}.txt": ("django", request, ["content-type"]) for name, request in {**REQUESTS, **ACCEPT_REQUESTS}.items()}
OUTPUT_APPS = {f"{name}.txt": {**APPS["django"], "ROOT_URLCONF": "django_ecosystem.drf_viewsets.catalog.urls_accept"}
               for name in ACCEPT_REQUESTS}
SETUP = {output: "products" for output in OUTPUTS}
NOT_IN_BROWSER = {
    "routes.txt": "the router's URL patterns, listed by the test: no request to send",
    "restock.txt": "not declared yet: the test signs the client in with force_authenticate(), which no request does",
}
EDITABLE = {
    "django": ["django_ecosystem/drf_viewsets/catalog/views.py", "django_ecosystem/drf_viewsets/catalog/serializers.py",
               "django_ecosystem/drf_viewsets/catalog/urls.py", "django_ecosystem/drf_viewsets/catalog/models.py"],
    **{f"{name}.txt": ["django_ecosystem/drf_viewsets/catalog/views.py", "django_ecosystem/drf_viewsets/catalog/serializers.py",
                       "django_ecosystem/drf_viewsets/catalog/urls_accept.py"] for name in ACCEPT_REQUESTS},  # the second URLconf's
}
PRODUCTS = [  # name, category, price, stock
    ("Django for Beginners", "books", "30.00", 5),
    ("Two Scoops of Django", "books", "45.00", 0),
    ("Mechanical keyboard", "hardware", "89.90", 2),
    ("USB-C cable", "hardware", "9.50", 40),
    ("Python mug", "merch", "12.00", 0),
]


def products():
    """The five products, ids 1 to 5 on an empty database."""
    from decimal import Decimal

    from django_ecosystem.drf_viewsets.catalog.models import Product

    return Product.objects.bulk_create(
        Product(name=name, category=category, price=Decimal(price), stock=stock)
        for name, category, price, stock in PRODUCTS
    )
