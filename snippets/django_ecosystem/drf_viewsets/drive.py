"""The requests behind the responses django/drf_viewsets.md shows (out/*.txt), and the products
they read.

tests/django_ecosystem/test_drf_viewsets.py checks each output with these requests, on an empty
database filled by `products()` (SETUP), and the page's Run button sends the same ones in the
browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings"). The viewset sets
every policy itself; the settings below are only what the app needs to run.
"""

APPS = {
    "django": {"ROOT_URLCONF": "django_ecosystem.drf_viewsets.catalog.urls",
               "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions",
                                  "django_ecosystem.drf_viewsets.catalog"],
               # Sessions and the user they carry, for SessionAuthentication (restock.txt's login).
               "MIDDLEWARE": ["django.middleware.security.SecurityMiddleware",
                              "django.contrib.sessions.middleware.SessionMiddleware",
                              "django.middleware.common.CommonMiddleware",
                              "django.contrib.auth.middleware.AuthenticationMiddleware"]},
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
# A write, as a page's script sends it for a signed-in user: the session cookie (SETUP's login), and
# the CSRF cookie's value in X-CSRFToken, which SessionAuthentication checks.
RESTOCK = ("POST /api/v1/products/2/restock/  (logged in as staff)\nContent-Type: application/json\n"
           'X-CSRFToken: <csrftoken cookie>\n\n{"quantity": 12}')
OUTPUTS = {**{f"{name}.txt": ("django", request, ["content-type"]) for name, request in {**REQUESTS, **ACCEPT_REQUESTS}.items()},
           "restock.txt": ("django", RESTOCK, ["content-type"])}
OUTPUT_APPS = {f"{name}.txt": {**APPS["django"], "ROOT_URLCONF": "django_ecosystem.drf_viewsets.catalog.urls_accept"}
               for name in ACCEPT_REQUESTS}
SETUP = {**{output: "products" for output in OUTPUTS}, "restock.txt": "staff_logged_in"}
CSRF_CHECKED = [output for output in OUTPUTS]  # as a browser's requests are (Django's test client skips the checks)
NOT_IN_BROWSER = {
    "routes.txt": "the router's URL patterns, listed by the test: no request to send",
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


def staff_logged_in():
    """The products, and staff, who may change them (Django's change_product permission), signed in as
    Django's login() signs a user in: the cookies a login's response sets (the page's code has no
    login view; SessionAuthentication reads the session)."""
    from django.contrib.auth.models import Permission, User

    from guide_tools.runtime.drive import django_login

    products()
    staff = User.objects.create_user("staff")
    staff.user_permissions.add(Permission.objects.get(codename="change_product", content_type__app_label="drf_viewsets_catalog"))
    return django_login("staff")
