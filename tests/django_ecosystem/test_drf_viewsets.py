"""DRF in practice: a ModelViewSet behind a DefaultRouter, a custom action, django-filter with
SearchFilter and OrderingFilter, and API versioning by URL path and by Accept header.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows;
the GETs' are of the requests snippets/django_ecosystem/drf_viewsets/drive.py declares, on the
products its `products()` adds (SETUP) to an empty database (the page's Run button sends the same ones).
Every policy (authentication, permissions, renderers, filters, versioning) is set on the view
class itself, so the shared test settings do not matter.
"""

from __future__ import annotations

from decimal import Decimal
from importlib import import_module

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import path, reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from rest_framework.test import APIClient

from django_ecosystem.drf_viewsets import drive
from django_ecosystem.drf_viewsets.catalog.models import Product
from guide_tools.runtime.drive import converse
from tests.support.responses import json_of

OUT = "django_ecosystem/drf_viewsets/out"
PATH_URLS = "django_ecosystem.drf_viewsets.catalog.urls"
ACCEPT_URLS = "django_ecosystem.drf_viewsets.catalog.urls_accept"
HEADERS = ("content-type", "location", "allow")

PRODUCTS = drive.PRODUCTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def products(db):
    return drive.products()  # what the page's Run adds first too (SETUP)


@pytest.fixture
def staff(db):
    """A user who may write: Django's add, change and delete permissions on Product."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("staff")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="drf_viewsets_catalog"))
    return user


def names(response) -> list[str]:
    return [p["name"] for p in json_of(response)]


# --------------------------------------------------------------------------- the router


def test_default_router_routes(outputs):
    from django_ecosystem.drf_viewsets.catalog.urls import router

    rows = []
    for url in router.urls:
        actions = getattr(url.callback, "actions", None)
        shown = ", ".join(f"{m.upper()}→{a}" for m, a in actions.items()) if actions else "GET→API root"
        rows.append((str(url.pattern), url.name, shown))
    width = max(len(r[0]) for r in rows)
    name_width = max(len(r[1]) for r in rows)
    text = "\n".join(f"{p:<{width}}  {n:<{name_width}}  {a}" for p, n, a in rows) + "\n"
    assert [r[1] for r in rows] == ["product-list"] * 2 + ["product-detail"] * 2 + ["product-restock"] * 2 + ["api-root"] * 2
    outputs.check(f"{OUT}/routes.txt", text)


def test_simple_router_has_no_root_and_no_suffixes():
    from rest_framework.routers import SimpleRouter

    from django_ecosystem.drf_viewsets.catalog.views import ProductViewSet

    router = SimpleRouter()
    router.register("products", ProductViewSet)
    assert [str(u.pattern) for u in router.urls] == [
        "^products/$", "^products/(?P<pk>[^/.]+)/$", "^products/(?P<pk>[^/.]+)/restock/$",
    ]


@pytest.mark.urls(PATH_URLS)
def test_reverse_router_names():
    assert reverse("product-list", kwargs={"version": "v1"}) == "/api/v1/products/"
    assert reverse("product-detail", kwargs={"version": "v2", "pk": 7}) == "/api/v2/products/7/"
    assert reverse("product-restock", kwargs={"version": "v1", "pk": 7}) == "/api/v1/products/7/restock/"


@pytest.mark.urls(PATH_URLS)
def test_api_root_lists_the_collections(products):
    response = APIClient().get("/api/v2/")
    assert json_of(response) == {"products": "http://testserver/api/v2/products/"}


@pytest.mark.urls(PATH_URLS)
def test_root_checks_the_version():
    response = APIClient().get("/api/v9/")
    assert response.status_code == 404
    assert json_of(response) == {"detail": "Invalid version in URL path."}


def test_plain_root_view_accepts_any_version(rf):
    """DRF's own APIRootView has no versioning class: it would link /api/v9/products/."""
    from rest_framework.routers import APIRootView

    view = APIRootView.as_view(api_root_dict={"products": "product-list"})
    request = rf.get("/api/v9/")
    request.resolver_match = type("Match", (), {"namespace": ""})()
    from django.test import override_settings

    with override_settings(ROOT_URLCONF=PATH_URLS):
        response = view(request, version="v9")
    assert response.status_code == 200
    assert response.data == {"products": "http://testserver/api/v9/products/"}


@pytest.mark.urls(PATH_URLS)
def test_format_suffix_routes(products, staff):
    response = APIClient().get("/api/v1/products.json")
    assert response.status_code == 200 and len(json_of(response)) == len(PRODUCTS)
    assert APIClient().get("/api/v1/products.xml").status_code == 404  # no renderer for that format
    client = APIClient()
    client.force_authenticate(staff)
    pk = products[0].id
    restocked = client.post(f"/api/v1/products/{pk}/restock.json", {"quantity": 1}, format="json")
    assert restocked.status_code == 200  # the action gets format= too, and accepts it


def test_action_with_a_pk_only_signature_breaks_on_suffix_routes(products, staff):
    """An action written `def restock(self, request, pk=None)` receives version= and format=
    from the router's URLs and fails with TypeError (a 500 in production)."""
    from rest_framework.decorators import action
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory, force_authenticate

    from django_ecosystem.drf_viewsets.catalog.views import ProductViewSet

    class PkOnly(ProductViewSet):
        @action(detail=True, methods=["post"])
        def restock(self, request, pk=None):
            return Response({"pk": pk})

    view = PkOnly.as_view({"post": "restock"})
    request = APIRequestFactory().post("/", {"quantity": 1}, format="json")
    force_authenticate(request, staff)
    with pytest.raises(TypeError, match="unexpected keyword argument 'version'"):
        view(request, pk=str(products[0].id), version="v1")


# --------------------------------------------------------------------------- CRUD and the custom action


@pytest.mark.urls(PATH_URLS)
def test_crud(products, staff):
    client = APIClient()
    client.force_authenticate(staff)
    created = client.post("/api/v1/products/", {"name": "Sticker", "category": "merch", "price": "2.50"}, format="json")
    assert created.status_code == 201
    pk = json_of(created)["id"]
    assert json_of(created) == {"id": pk, "name": "Sticker", "price": "2.50"}  # v1 shape
    seen_in_v2 = json_of(client.get(f"/api/v2/products/{pk}/"))  # v1 has no stock: the model's default, none
    assert (seen_in_v2["stock"], seen_in_v2["in_stock"]) == (0, False), seen_in_v2
    assert client.patch(f"/api/v1/products/{pk}/", {"price": "3.00"}, format="json").status_code == 200
    assert Product.objects.get(pk=pk).price == Decimal("3.00")
    assert client.delete(f"/api/v1/products/{pk}/").status_code == 204
    assert client.get(f"/api/v1/products/{pk}/").status_code == 404


@pytest.mark.urls(PATH_URLS)
def test_anonymous_can_read_not_write(products):
    client = APIClient()
    assert client.get("/api/v1/products/").status_code == 200
    response = client.post("/api/v1/products/1/restock/", {"quantity": 1}, format="json")
    assert response.status_code == 403  # SessionAuthentication: no WWW-Authenticate, so 403
    assert json_of(response) == {"detail": "Authentication credentials were not provided."}


@ensure_csrf_cookie
def csrf_cookie_view(request):
    """What a page or an SPA's bootstrap request does: hand the browser a csrftoken cookie."""
    return HttpResponse(status=204)


urlpatterns = [path("csrf/", csrf_cookie_view), *import_module(PATH_URLS).urlpatterns]


@pytest.mark.urls(__name__)
def test_session_write_needs_the_csrf_token(products, staff):
    """The other write tests use force_authenticate(), which skips SessionAuthentication and so
    its CSRF check. A client that logged in for real is checked: no X-CSRFToken, no write."""
    staff.set_password("pw")
    staff.save()
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="staff", password="pw")
    pk = products[1].id
    refused = client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 1}, format="json")
    assert refused.status_code == 403
    assert json_of(refused) == {"detail": "CSRF Failed: CSRF cookie not set."}
    client.get("/csrf/")
    token = client.cookies["csrftoken"].value
    no_header = client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 1}, format="json")
    assert no_header.status_code == 403
    assert json_of(no_header) == {"detail": "CSRF Failed: CSRF token missing."}
    done = client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 1}, format="json", headers={"X-CSRFToken": token})
    assert done.status_code == 200 and json_of(done) == {"id": pk, "stock": 1}
    forced = APIClient(enforce_csrf_checks=True)
    forced.force_authenticate(staff)  # what the other tests do: the CSRF check is skipped
    assert forced.post(f"/api/v1/products/{pk}/restock/", {"quantity": 1}, format="json").status_code == 200


@pytest.mark.urls(PATH_URLS)
def test_writing_needs_the_model_permission(products):
    """A logged-in account is not enough: each write needs its model permission, and the restock
    action needs change_product (DjangoModelPermissions alone would ask a POST for add_product)."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("customer")
    client = APIClient()
    client.force_authenticate(user)
    pk = products[1].id
    assert client.get("/api/v1/products/").status_code == 200
    assert client.post("/api/v1/products/", {"name": "Sticker", "category": "merch", "price": "2.50"}, format="json").status_code == 403
    assert client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 1}, format="json").status_code == 403
    assert client.delete(f"/api/v1/products/{pk}/").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="change_product", content_type__app_label="drf_viewsets_catalog"))
    client.force_authenticate(User.objects.get(pk=user.pk))  # a fresh object: permissions are cached per instance
    assert client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 1}, format="json").status_code == 200
    assert client.post("/api/v1/products/", {"name": "Sticker", "category": "merch", "price": "2.50"}, format="json").status_code == 403


@pytest.mark.urls(PATH_URLS)
def test_restock_action(products, staff):
    client = APIClient()
    client.force_authenticate(staff)
    pk = products[1].id
    response = client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 12}, format="json")
    assert response.status_code == 200  # the page's transcript (restock.txt) is a signed-in session's: drive.py
    assert json_of(response) == {"id": pk, "stock": 12}
    bad = client.post(f"/api/v1/products/{pk}/restock/", {"quantity": 0}, format="json")
    assert bad.status_code == 400
    assert json_of(bad) == {"quantity": ["Ensure this value is greater than or equal to 1."]}
    assert client.get(f"/api/v1/products/{pk}/restock/").status_code == 405  # methods=["post"]
    assert client.post("/api/v1/products/999/restock/", {"quantity": 1}, format="json").status_code == 404


# --------------------------------------------------------------------------- filtering, search, ordering


@pytest.mark.urls(PATH_URLS)
def test_filter_search_order(products):
    client = APIClient()
    path = "/api/v1/products/?category=books&price__lte=40"
    assert names(client.get(path)) == ["Django for Beginners"]
    path = "/api/v1/products/?price__gte=10&ordering=-price"
    response = client.get(path)
    assert names(response) == ["Mechanical keyboard", "Two Scoops of Django", "Django for Beginners", "Python mug"]
    assert names(client.get("/api/v1/products/?search=django")) == ["Django for Beginners", "Two Scoops of Django"]
    assert names(client.get("/api/v1/products/?search=django scoops")) == ["Two Scoops of Django"]  # every term must match


@pytest.mark.urls(PATH_URLS)
def test_search_takes_a_bounded_number_of_words(products):
    """Each word is one more `LIKE '%word%'` on every row: SearchFilter itself takes any number."""
    client = APIClient()
    assert names(client.get("/api/v1/products/?search=two scoops of django s")) == ["Two Scoops of Django"]  # five words
    for words in (["two", "scoops", "of", "django", "s", "o"], ["e"] * 1300):  # six, and 2.6 KB: within any request line
        response = client.get("/api/v1/products/?search=" + "+".join(words))
        assert response.status_code == 400, (len(words), response.status_code)  # not thousands of LIKEs per row
        assert json_of(response) == {"search": ["Use at most 5 words."]}


@pytest.mark.urls(PATH_URLS)
def test_an_ordering_from_the_query_string_ends_in_the_id(products):
    """?ordering= replaces the view's ordering; prices repeat, and with a pagination class page
    numbers over equal prices skip and repeat rows (see the MVT page). The id ends every order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for ordering, expected in (("price", '"price" ASC, "drf_viewsets_catalog_product"."id" ASC'),
                               ("-price", '"price" DESC, "drf_viewsets_catalog_product"."id" ASC'),
                               ("", '"id" ASC')):
        with CaptureQueriesContext(connection) as queries:
            assert APIClient().get(f"/api/v1/products/?ordering={ordering}").status_code == 200
        assert queries.captured_queries[-1]["sql"].endswith(expected), (ordering, queries.captured_queries[-1]["sql"])
        assert queries.captured_queries[-1]["sql"].count('"id" ASC') == 1


@pytest.mark.urls(PATH_URLS)
def test_unknown_ordering_field_is_ignored(products):
    by_id = names(APIClient().get("/api/v1/products/"))
    assert names(APIClient().get("/api/v1/products/?ordering=stock")) == by_id  # not in ordering_fields
    assert names(APIClient().get("/api/v1/products/?colour=red")) == by_id  # unknown parameters too


@pytest.mark.urls(PATH_URLS)
def test_invalid_filter_value_is_400(products):
    response = APIClient().get("/api/v1/products/?price__lte=cheap")
    assert response.status_code == 400
    assert json_of(response) == {"price__lte": ["Enter a number."]}


# --------------------------------------------------------------------------- URL path versioning


@pytest.mark.urls(PATH_URLS)
@pytest.mark.parametrize("name", ["price__lte", "price__gte"])
@pytest.mark.parametrize("value", ["1e-999999", "1e-20000", "123456789", "1000000", "0.001"])
def test_a_price_the_column_cannot_hold_is_400(products, name, value):
    """A filter generated from filterset_fields takes any Decimal: 1e-999999 passed validation, and
    PostgreSQL refused it (value overflows numeric format), a 500; SQLite answered 200 [].
    Both bounds of the range, and the column's own limits: 7 whole digits are one too many."""
    response = APIClient().get(f"/api/v1/products/?{name}={value}")
    assert response.status_code == 400, (name, value, response.status_code)
    assert list(json_of(response)) == [name]


@pytest.mark.urls(PATH_URLS)
@pytest.mark.parametrize("name", ["price__lte", "price__gte"])
def test_the_largest_price_the_column_holds_is_a_valid_filter(products, name):
    """The bound is the column's, not a tighter one: 999999.99 fits DecimalField(8, 2)."""
    assert APIClient().get(f"/api/v1/products/?{name}=999999.99").status_code == 200


def test_a_filter_generated_from_filterset_fields_takes_any_decimal(products):
    """Note 3's "without": the filters DjangoFilterBackend generates from `filterset_fields` carry no
    digit limits, so 1e-999999 passes their validation and reaches the database (on SQLite, `[]`)."""
    from django_filters.rest_framework import DjangoFilterBackend

    class Generated:
        filterset_fields = {"price": ["lte", "gte"]}

    queryset = Product.objects.all()
    generated = DjangoFilterBackend().get_filterset_class(Generated(), queryset)
    for name in ("price__lte", "price__gte"):
        assert generated(data={name: "1e-999999"}, queryset=queryset).is_valid(), name
    assert list(generated(data={"price__lte": "1e-999999"}, queryset=queryset).qs) == []


def test_saving_update_fields_over_a_deleted_row_is_a_database_error(products):
    """Note 8's "would": `save(update_fields=...)` over a row another request deleted raises
    DatabaseError (a 500 in the action), where `update()` reports 0 rows and the action answers 404."""
    from django.db import DatabaseError

    product = Product.objects.get(pk=products[1].id)
    Product.objects.filter(pk=product.pk).delete()
    product.stock += 5
    with pytest.raises(DatabaseError, match="did not affect any rows"):
        product.save(update_fields=["stock"])


@pytest.mark.urls(PATH_URLS)
def test_url_path_versions(products):
    pk = products[0].id
    v1 = APIClient().get(f"/api/v1/products/{pk}/")
    assert json_of(v1) == {"id": pk, "name": "Django for Beginners", "price": "30.00"}
    v2 = APIClient().get(f"/api/v2/products/{pk}/")
    assert json_of(v2)["url"] == f"http://testserver/api/v2/products/{pk}/"  # reverse() keeps the version
    assert json_of(v2)["in_stock"] is True


@pytest.mark.urls(PATH_URLS)
def test_unsupported_path_version_is_404(products):
    response = APIClient().get("/api/v3/products/")
    assert response.status_code == 404
    assert json_of(response) == {"detail": "Invalid version in URL path."}


# --------------------------------------------------------------------------- Accept header versioning


@pytest.mark.urls(ACCEPT_URLS)
def test_accept_header_versions(products):
    pk = products[0].id
    client = APIClient()
    default = client.get(f"/api/products/{pk}/")
    assert json_of(default) == {"id": pk, "name": "Django for Beginners", "price": "30.00"}  # default 1.0
    accept = "application/json; version=2.0"
    v2 = client.get(f"/api/products/{pk}/", HTTP_ACCEPT=accept)
    assert v2.headers["Content-Type"] == "application/json"  # the renderer's type, without the version
    assert json_of(v2)["url"] == f"http://testserver/api/products/{pk}/"  # the URL has no version
    # the transcript the page shows: drive.py's request, test_the_responses_the_page_shows


@pytest.mark.urls(ACCEPT_URLS)
def test_unsupported_accept_version_is_406(products):
    accept = "application/json; version=3.0"
    response = APIClient().get("/api/products/", HTTP_ACCEPT=accept)
    assert response.status_code == 406
    assert json_of(response) == {"detail": 'Invalid version in "Accept" header.'}
    # the transcript the page shows: drive.py's request, test_the_responses_the_page_shows


# --------------------------------------------------------------------------- counter-examples from older code


def test_member_actions_are_filtered_too(products):
    from rest_framework.test import APIRequestFactory

    from django_ecosystem.drf_viewsets.catalog.views import ProductViewSet

    view = ProductViewSet.as_view({"get": "retrieve"})
    book = products[0]
    assert view(APIRequestFactory().get("/", {"category": "books"}), pk=book.id, version="v1").status_code == 200
    assert view(APIRequestFactory().get("/", {"category": "merch"}), pk=book.id, version="v1").status_code == 404


@pytest.mark.urls(ACCEPT_URLS)
def test_no_default_version_means_a_version_is_required(products):
    from rest_framework.test import APIRequestFactory

    from django_ecosystem.drf_viewsets.catalog.views import HeaderVersionedProductViewSet, HeaderVersioning

    class NoDefault(HeaderVersioning):
        default_version = None

    view = HeaderVersionedProductViewSet.as_view({"get": "list"}, versioning_class=NoDefault)
    assert view(APIRequestFactory().get("/", HTTP_ACCEPT="application/json")).status_code == 406
    assert view(APIRequestFactory().get("/", HTTP_ACCEPT="application/json; version=2.0")).status_code == 200


def test_old_route_decorators_and_base_name_are_gone():
    from rest_framework import decorators
    from rest_framework.routers import DefaultRouter

    from django_ecosystem.drf_viewsets.catalog.views import ProductViewSet

    assert not hasattr(decorators, "detail_route") and not hasattr(decorators, "list_route")
    with pytest.raises(TypeError, match="base_name"):
        DefaultRouter().register("products", ProductViewSet, base_name="product")


def test_old_filter_fields_is_silently_ignored(products):
    """django-filter reads `filterset_fields`; the pre-2.0 name `filter_fields` now does nothing."""
    from rest_framework.test import APIRequestFactory

    from django_ecosystem.drf_viewsets.catalog.views import ProductViewSet

    class OldStyle(ProductViewSet):
        filterset_class = None
        filter_fields = ["category"]

    view = OldStyle.as_view({"get": "list"})
    response = view(APIRequestFactory().get("/", {"category": "books"}), version="v1")
    assert response.status_code == 200 and len(response.data) == len(PRODUCTS)  # no filtering at all


@pytest.mark.urls(ACCEPT_URLS)
def test_accept_versioning_sends_no_vary_with_one_renderer(products):
    """DRF adds `Vary: Accept` only when a view has several renderers; a shared cache in front of
    this API could hand a version-2 response to a version-1 client."""
    response = APIClient().get("/api/products/", HTTP_ACCEPT="application/json; version=2.0")
    assert response.headers["Vary"] == "Cookie"  # from the session middleware; no Accept


def test_versioning_class_is_bound_at_import(settings):
    from rest_framework.views import APIView

    settings.REST_FRAMEWORK = {"DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning"}
    assert APIView.versioning_class is None


def test_drf_has_five_versioning_schemes():
    from rest_framework import versioning

    schemes = {name for name, obj in vars(versioning).items()
               if isinstance(obj, type) and issubclass(obj, versioning.BaseVersioning) and obj is not versioning.BaseVersioning}
    assert schemes == {"AcceptHeaderVersioning", "URLPathVersioning", "NamespaceVersioning",
                       "HostNameVersioning", "QueryParameterVersioning"}


@pytest.mark.urls(PATH_URLS)
def test_list_is_unbounded_without_pagination(db, django_assert_num_queries):
    """pagination_class = None: one request serializes every row, however many there are."""
    Product.objects.bulk_create(Product(name=f"Item {i}", category="bulk", price=Decimal("1.00")) for i in range(500))
    with django_assert_num_queries(1):  # no COUNT, no LIMIT: the whole table
        response = APIClient().get("/api/v1/products/")
    assert isinstance(json_of(response), list) and len(json_of(response)) == 500


@pytest.mark.urls(PATH_URLS)
def test_a_restock_that_races_a_delete_is_404(products, staff, monkeypatch):
    """The product is deleted by another request after get_object() found it and before the restock writes:
    404, as if the DELETE had come first. save(update_fields=...) raised DatabaseError there ("did not affect
    any rows"), a 500."""
    from django_ecosystem.drf_viewsets.catalog import views

    found = views.ProductViewSet.get_object

    def found_then_deleted(self):
        product = found(self)
        Product.objects.filter(pk=product.pk).delete()  # another request's DELETE, at this moment
        return product

    monkeypatch.setattr(views.ProductViewSet, "get_object", found_then_deleted)
    client = APIClient(raise_request_exception=True)
    client.force_authenticate(staff)
    response = client.post(f"/api/v1/products/{products[1].id}/restock/", {"quantity": 5}, format="json")
    assert response.status_code == 404
    assert json_of(response) == {"detail": "Not found."}


@pytest.mark.parametrize("restock", ["as_shown", "read_add_save"])
def test_two_restocks_at_once_keep_both_only_with_f(products, staff, monkeypatch, restock):
    """Note 8 and the quiz: two restocks of one product at the same moment, forced to interleave: both
    read the product before either writes. The page's `F("stock") + n` keeps both (+5 and +7); the
    read-add-save action (`product.stock += n`, then `save()`) writes back the stock it read, and the
    other restock is lost."""
    from rest_framework.decorators import action
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory, force_authenticate

    from django_ecosystem.drf_viewsets.catalog import views

    class ReadAddSave(views.ProductViewSet):
        @action(detail=True, methods=["post"], permission_classes=[views.CanChangeProduct])
        def restock(self, request, *args, **kwargs):
            product = self.get_object()
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            product.stock += serializer.validated_data["quantity"]
            product.save(update_fields=["stock"])
            return Response({"id": product.id, "stock": product.stock})

    view = (views.ProductViewSet if restock == "as_shown" else ReadAddSave).as_view({"post": "restock"})
    product = products[1]
    before = Product.objects.get(pk=product.pk).stock

    def send(quantity: int):
        request = APIRequestFactory().post("/", {"quantity": quantity}, format="json")
        force_authenticate(request, staff)
        return view(request, version="v1", pk=str(product.pk))

    found = views.ProductViewSet.get_object
    other: list = []

    def the_other_restock_runs_now(self):
        loaded = found(self)  # this restock has read the product...
        if not other:  # ...and the other one reads it too, and writes, before this one writes
            other.append(None)
            other[0] = send(7)
        return loaded

    monkeypatch.setattr(views.ProductViewSet, "get_object", the_other_restock_runs_now)
    first = send(5)
    assert first.status_code == other[0].status_code == 200
    after = Product.objects.get(pk=product.pk).stock
    assert after == (before + 12 if restock == "as_shown" else before + 5)  # read-add-save: the +7 is lost



class EveryColumn:
    """ModelSerializer.update(), which the serializers' update() replaces: save() writes every column."""

    @staticmethod
    def of(serializer_class):
        from rest_framework import serializers

        return type(f"EveryColumn{serializer_class.__name__}", (serializer_class,), {"update": serializers.ModelSerializer.update})


@pytest.mark.urls(PATH_URLS)  # v2's url field reverses product-detail
@pytest.mark.parametrize("update", ["as_shown", "model_serializer_update"])
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_patch_of_the_price_keeps_a_restock_made_meanwhile(products, staff, monkeypatch, update, version):
    """The serializers' note: a PATCH of the price and a restock of one product at the same moment,
    forced to interleave: the PATCH has read the product when the restock adds 7. The serializers'
    update() writes the price alone and the +7 stays; ModelSerializer.update() saves every column,
    and puts back the stock the PATCH read: the restock is lost."""
    from django.db.models import F
    from rest_framework.test import APIRequestFactory, force_authenticate

    from django_ecosystem.drf_viewsets.catalog import serializers, views

    if update == "model_serializer_update":
        for name in ("ProductV1Serializer", "ProductV2Serializer"):
            monkeypatch.setattr(views, name, EveryColumn.of(getattr(serializers, name)))
    product = products[3]
    before = Product.objects.get(pk=product.pk).stock
    found = views.ProductViewSet.get_object

    def a_restock_runs_now(self):
        loaded = found(self)  # the PATCH has read the product; the restock's UPDATE runs now
        Product.objects.filter(pk=loaded.pk).update(stock=F("stock") + 7)
        return loaded

    monkeypatch.setattr(views.ProductViewSet, "get_object", a_restock_runs_now)
    request = APIRequestFactory().patch("/", {"price": "95.00"}, format="json")
    force_authenticate(request, staff)
    response = views.ProductViewSet.as_view({"patch": "partial_update"})(request, version=version, pk=str(product.pk))
    assert response.status_code == 200 and response.data["price"] == "95.00"
    after = Product.objects.get(pk=product.pk)
    assert after.price == Decimal("95.00")
    assert after.stock == (before + 7 if update == "as_shown" else before)  # ModelSerializer.update(): the +7 is lost


@pytest.mark.parametrize("update", ["as_shown", "model_serializer_update"])
@pytest.mark.parametrize("method, body", [("patch", {"price": "95.00"}), ("put", {"name": "Keyboard", "price": "95.00"})])
def test_an_update_that_races_a_delete_is_404(products, staff, monkeypatch, update, method, body):
    """The product is deleted by another request after get_object() found it and before the PATCH
    or PUT writes: 404, as if the DELETE had come first, and the product stays deleted.
    ModelSerializer.update()'s save() finds no row to update and inserts one: the deleted product
    is back, and the client is told 200."""
    from rest_framework.test import APIRequestFactory, force_authenticate

    from django_ecosystem.drf_viewsets.catalog import serializers, views

    if update == "model_serializer_update":
        monkeypatch.setattr(views, "ProductV1Serializer", EveryColumn.of(serializers.ProductV1Serializer))
    found = views.ProductViewSet.get_object

    def found_then_deleted(self):
        product = found(self)
        Product.objects.filter(pk=product.pk).delete()  # another request's DELETE, at this moment
        return product

    monkeypatch.setattr(views.ProductViewSet, "get_object", found_then_deleted)
    pk = products[3].id
    request = getattr(APIRequestFactory(), method)("/", body, format="json")
    force_authenticate(request, staff)
    action = {"patch": "partial_update", "put": "update"}[method]
    response = views.ProductViewSet.as_view({method: action})(request, version="v1", pk=str(pk))
    if update == "as_shown":
        assert response.status_code == 404 and response.data == {"detail": "Not found."}
        assert not Product.objects.filter(pk=pk).exists()
    else:
        assert response.status_code == 200 and Product.objects.filter(pk=pk).exists()  # re-inserted


@pytest.fixture
def on_postgresql(postgres_dsn):
    """Runs a function in a thread of its own whose `default` database is a fresh PostgreSQL database
    with the catalogue's table (Django's connections are per thread; the test's SQLite is untouched)."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    import psycopg
    from django.db import connection, connections
    from django.db.backends.postgresql.base import DatabaseWrapper

    name = "drf_viewsets_restock"
    with psycopg.connect(postgres_dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = urlsplit(postgres_dsn)
    settings_dict = {**connection.settings_dict, "ENGINE": "django.db.backends.postgresql", "NAME": name,
                     "USER": dsn.username or "", "PASSWORD": dsn.password or "", "HOST": dsn.hostname,
                     "PORT": str(dsn.port), "OPTIONS": {}}

    def in_this_thread(work):
        postgres = DatabaseWrapper(settings_dict, alias="default")
        connections["default"] = postgres  # this thread's only
        try:
            return work()
        finally:
            postgres.close()

    def run(work):
        with ThreadPoolExecutor(1) as thread:
            return thread.submit(in_this_thread, work).result()

    def create_table():
        from django.db import connection as postgres

        with postgres.schema_editor() as editor:
            editor.create_model(Product)

    run(create_table)
    run.dsn = postgres_dsn.rsplit("/", 1)[0] + f"/{name}"
    return run


@pytest.mark.slow
@pytest.mark.parametrize("restock", ["as_shown", "without_atomic", "refresh_after_atomic"])
def test_two_restocks_at_once_answer_each_its_own_stock_on_postgresql(on_postgresql, staff, monkeypatch, restock):
    """Note 8's lock, with two real requests on PostgreSQL: the second restock (+7) is sent once the
    first (+5) has run its UPDATE, and the first reads the stock back only when the second has
    answered or waits for the row's lock. As shown, the second waits until the first has read its
    own number: the answers are 5 and 12. Without the transaction, or with refresh_from_db() after
    it, nothing holds the row: the second's +7 lands in between, and the first answers 12 too."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import psycopg
    from django.db import transaction
    from django.db.models import F
    from rest_framework.decorators import action
    from rest_framework.exceptions import NotFound
    from rest_framework.permissions import AllowAny
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory, force_authenticate

    from django_ecosystem.drf_viewsets.catalog import views

    class WithoutAtomic(views.ProductViewSet):
        @action(detail=True, methods=["post"])
        def restock(self, request, *args, **kwargs):
            product = self.get_object()
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            if not Product.objects.filter(pk=product.pk).update(stock=F("stock") + serializer.validated_data["quantity"]):
                raise NotFound()
            product.refresh_from_db(fields=["stock"])
            return Response({"id": product.id, "stock": product.stock})

    class RefreshAfterAtomic(views.ProductViewSet):
        @action(detail=True, methods=["post"])
        def restock(self, request, *args, **kwargs):
            product = self.get_object()
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            with transaction.atomic():
                if not Product.objects.filter(pk=product.pk).update(stock=F("stock") + serializer.validated_data["quantity"]):
                    raise NotFound()
            product.refresh_from_db(fields=["stock"])
            return Response({"id": product.id, "stock": product.stock})

    chosen = {"as_shown": views.ProductViewSet, "without_atomic": WithoutAtomic, "refresh_after_atomic": RefreshAfterAtomic}[restock]
    view = chosen.as_view({"post": "restock"}, permission_classes=[AllowAny])  # no auth tables on PostgreSQL
    pk = on_postgresql(lambda: Product.objects.create(name="Mechanical keyboard", category="hardware", price="89.00").pk)

    first_updated, second_answered, calls = threading.Event(), threading.Event(), []
    refresh = Product.refresh_from_db

    def second_waits_or_has_answered() -> bool:
        with psycopg.connect(on_postgresql.dsn) as watcher:
            (waiting,) = watcher.execute("SELECT count(*) FROM pg_stat_activity "
                                         "WHERE datname = current_database() AND wait_event_type = 'Lock'").fetchone()
        return bool(waiting) or second_answered.is_set()

    def first_reads_last(self, *args, **kwargs):
        if not calls:  # the first restock, after its UPDATE: now the second runs
            calls.append("first")
            first_updated.set()
            for _ in range(200):
                if second_waits_or_has_answered():
                    break
                threading.Event().wait(0.05)
            else:
                raise AssertionError("the second restock neither answered nor waited")
        return refresh(self, *args, **kwargs)

    monkeypatch.setattr(Product, "refresh_from_db", first_reads_last)

    def send(quantity: int):
        request = APIRequestFactory().post("/", {"quantity": quantity}, format="json")
        force_authenticate(request, staff)
        return on_postgresql(lambda: view(request, version="v1", pk=str(pk)))

    def second():
        assert first_updated.wait(10)
        try:
            return send(7)
        finally:
            second_answered.set()

    with ThreadPoolExecutor(2) as clients:
        one, two = clients.submit(send, 5), clients.submit(second)
        answers = (one.result(timeout=30), two.result(timeout=30))
    assert [a.status_code for a in answers] == [200, 200]
    stocks = tuple(a.data["stock"] for a in answers)
    assert stocks == ((5, 12) if restock == "as_shown" else (12, 12)), stocks
    assert on_postgresql(lambda: Product.objects.get(pk=pk).stock) == 12


# --------------------------------------------------------------------------- the responses the page shows
# (last: a request through the router's views adds HEAD to their actions, which routes.txt lists before any)
@pytest.mark.parametrize("name", list(drive.OUTPUTS))
def test_the_responses_the_page_shows(db, settings, name, outputs):
    """drive.py's requests, after its SETUP (the products), on an empty database: what Run shows,
    through the URLconf the output's app names (the Accept-header outputs: urls_accept.py)."""
    from django.test import Client

    from guide_tools.runtime.drive import app_target

    assert drive.APPS["django"]["ROOT_URLCONF"] == PATH_URLS
    urlconf = app_target(drive, name)["ROOT_URLCONF"]
    assert urlconf == (ACCEPT_URLS if name.startswith("accept_") else PATH_URLS)
    settings.ROOT_URLCONF = urlconf
    settings.MIDDLEWARE = app_target(drive, name)["MIDDLEWARE"]  # the driver's, as in the browser
    outputs.check(f"{OUT}/{name}", converse(Client(), drive, name))  # Django's Client, as in the browser


@pytest.mark.urls(PATH_URLS)
def test_the_restock_the_page_sends_is_checked_as_a_browsers(db, settings):
    """restock.txt's session is checked as a browser's request is (CSRF_CHECKED): the same POST
    without the X-CSRFToken header is refused, as SessionAuthentication refuses a page's script."""
    from types import SimpleNamespace

    from django.test import Client

    settings.MIDDLEWARE = drive.APPS["django"]["MIDDLEWARE"]
    request = drive.RESTOCK.replace("X-CSRFToken: <csrftoken cookie>\n", "")
    assert request != drive.RESTOCK
    bare = SimpleNamespace(**{**vars(drive), "OUTPUTS": {**drive.OUTPUTS, "restock.txt": ("django", request)}})
    refused = converse(Client(), bare, "restock.txt")
    assert "HTTP/1.1 403 Forbidden" in refused and "CSRF Failed: CSRF token missing." in refused
