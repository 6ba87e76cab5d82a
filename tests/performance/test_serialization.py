"""Serialization and validation: one nested order (a customer and ten line items) as Pydantic
models behind FastAPI and as DRF serializers behind an APIView.

What is built when the classes are defined, which JSON path FastAPI takes with and without a
declared return type (proved by spying on the functions each path calls), strict and lax input,
and the status of ORJSONResponse. No timing is asserted here: the measured comparison lives on
the benchmarks page.
"""

from __future__ import annotations

import asyncio
import copy
import importlib.metadata
import json
import logging
import warnings
from decimal import Decimal

import pytest
from fastapi.exceptions import FastAPIDeprecationWarning, ResponseValidationError
from fastapi.testclient import TestClient
from pydantic import ValidationError
from rest_framework.test import APIClient

import fastapi.routing
import starlette.responses
from guide_tools.runtime.drive import called, send
from performance.serialization import drive, fastapi_app
from performance.serialization.at_import import report
from performance.serialization.drf_app.serializers import CustomerSerializer, LineItemSerializer, OrderSerializer
from performance.serialization.orders import ORDER
from performance.serialization.schemas import Customer, LineItem, Order, StrictLineItem

OUT = "performance/serialization/out"
DRF_URLS = drive.APPS["django"]["ROOT_URLCONF"]

# The lax payload: a number where a name is expected, strings where numbers are.
LAX = json.loads(drive.LAX)  # the body drive.py declares, which the page's Run sends too


@pytest.fixture(scope="module")
def fastapi_client():
    with TestClient(fastapi_app.app) as client:
        yield client


@pytest.fixture
def drf_client(settings):
    settings.ROOT_URLCONF = DRF_URLS
    return APIClient()


# --------------------------------------------------------------------------- at import time


def test_what_exists_at_import(outputs):
    lines = report()
    assert lines[0].endswith("True")  # the validator was built when the class was created
    assert "SchemaValidator" in lines[1] and "SchemaSerializer" in lines[2]
    assert lines[4].endswith("False")  # DRF builds `fields` on first use, per instance
    assert all(line.endswith("True") for line in lines[5:])
    assert called(drive, "at_import.txt") == "\n".join(lines) + "\n"  # what the page's Run calls
    outputs.check(f"{OUT}/at_import.txt", called(drive, "at_import.txt"))


def test_drf_fields_are_deep_copied_per_instance(monkeypatch):
    """`Serializer.get_fields()` deep-copies `_declared_fields` for every serializer instance."""
    import rest_framework.serializers as drf_serializers

    calls = []
    real = drf_serializers.copy.deepcopy
    monkeypatch.setattr(drf_serializers.copy, "deepcopy", lambda obj, *a: calls.append(obj) or real(obj, *a))
    serializer = OrderSerializer(ORDER)
    assert calls == []  # nothing yet
    serializer.data
    assert OrderSerializer._declared_fields in calls  # the declared fields, copied for this instance
    count = len(calls)
    OrderSerializer(ORDER).data
    assert len(calls) == 2 * count  # the same work again for the next instance (the next request)


def test_pydantic_builds_nothing_per_instance(monkeypatch):
    """Validating another order reuses the class's validator: no schema is built per call."""
    validator = Order.__pydantic_validator__
    Order.model_validate(ORDER)
    Order.model_validate(ORDER)
    assert Order.__pydantic_validator__ is validator


# --------------------------------------------------------------------------- same data, both ways


def test_same_order_both_ways(fastapi_client, drf_client):
    fastapi_body = fastapi_client.get("/orders/42").json()
    drf_body = drf_client.get("/orders/42").json()
    assert fastapi_body["items"] == drf_body["items"]  # decimals as strings in both: "1.50"
    assert fastapi_body["items"][0]["unit_price"] == "1.50"
    assert len(fastapi_body["items"]) == 10
    assert fastapi_body["customer"] == drf_body["customer"]
    assert fastapi_body["placed_at"] == "2025-01-31T09:30:00Z"
    # DRF renders datetimes in the TIME_ZONE setting (here Django's default, America/Chicago).
    assert drf_body["placed_at"] == "2025-01-31T03:30:00-06:00"


def test_valid_order_round_trips(fastapi_client, drf_client):
    payload = fastapi_client.get("/orders/42").json()
    assert fastapi_client.post("/orders", json=payload).json() == payload
    created = drf_client.post("/orders", payload, format="json")
    assert created.status_code == 201
    assert created.json()["items"] == payload["items"]


def valid_order(fastapi_client) -> dict:
    return fastapi_client.get("/orders/42").json()


def _changed(order: dict, path: tuple, value) -> dict:
    changed = copy.deepcopy(order)
    *parents, last = path
    target = changed
    for key in parents:
        target = target[key]
    target[last] = value(target[last]) if callable(value) else value
    return changed


BOUNDS = [  # (path in the order, new value or a function of the old one, valid?)
    (("customer", "name"), "", False), (("customer", "name"), "x", True),
    (("customer", "name"), "é" * 100, True), (("customer", "name"), "x" * 101, False),
    (("items",), [], False), (("items",), lambda items: items[:1], True),
    (("items",), lambda items: (items * 10)[:100], True), (("items",), lambda items: (items * 11)[:101], False),
    (("items", 0, "quantity"), 0, False), (("items", 0, "quantity"), 1, True), (("items", 0, "quantity"), -1, False),
    (("items", 0, "sku"), "ABC-123", True), (("items", 0, "sku"), "abc-123", False),
    (("items", 0, "sku"), "ABC-1234", False), (("items", 0, "sku"), "AB-123", False),
    (("items", 0, "unit_price"), "12345678.90", True), (("items", 0, "unit_price"), "123456789.00", False),
    (("items", 0, "unit_price"), "1.234", False), (("items", 0, "unit_price"), "0.01", True),
]


@pytest.mark.parametrize(("path", "value", "valid"), BOUNDS,
                         ids=[f"{'.'.join(map(str, p))}-{'valid' if v else 'invalid'}-{n}" for n, (p, _, v) in enumerate(BOUNDS)])
def test_both_schemas_hold_the_same_bounds(fastapi_client, drf_client, path, value, valid):
    """Each bound the two schemas declare, at its edge and one past it: the Pydantic model behind
    FastAPI and the DRF serializer give the same verdict (201 or 422, 201 or 400)."""
    payload = _changed(valid_order(fastapi_client), path, value)
    assert fastapi_client.post("/orders", json=payload).status_code == (201 if valid else 422)
    assert drf_client.post("/orders", payload, format="json").status_code == (201 if valid else 400)


def test_a_trailing_newline_is_refused_or_trimmed_never_kept(fastapi_client, drf_client):
    """Python's `$` matches before a final newline. Pydantic's regex engine does not, and DRF's
    RegexField trims whitespace before matching: "ABC-123\\n" is refused or stored as "ABC-123"."""
    payload = _changed(valid_order(fastapi_client), ("items", 0, "sku"), "ABC-123\n")
    assert fastapi_client.post("/orders", json=payload).status_code == 422
    created = drf_client.post("/orders", payload, format="json")
    assert created.status_code == 201 and created.json()["items"][0]["sku"] == "ABC-123"


def test_naive_timestamp(fastapi_client, drf_client):
    """A timestamp without an offset: AwareDatetime refuses it; DRF (USE_TZ) reads it as local time in
    TIME_ZONE, which may not be the client's."""
    payload = {**valid_order(fastapi_client), "placed_at": "2025-01-31T09:30:00"}
    refused = fastapi_client.post("/orders", json=payload)
    assert refused.status_code == 422
    assert [error["type"] for error in refused.json()["detail"]] == ["timezone_aware"]
    created = drf_client.post("/orders", payload, format="json")
    assert created.status_code == 201
    assert created.json()["placed_at"] == "2025-01-31T09:30:00-06:00"  # America/Chicago, by assumption


def test_fastapi_422_echoes_the_input(fastapi_client):
    """FastAPI's default 422 repeats each invalid value ("input"): whatever the client sent, a
    password or a token included, goes back in the response (and into any log of it)."""
    sent = "s3cret-" * 20  # 140 characters, too long for a name
    payload = {**valid_order(fastapi_client), "customer": {"id": 7, "name": sent}}
    detail = fastapi_client.post("/orders", json=payload).json()["detail"]
    assert [error["input"] for error in detail] == [sent]


def test_sku_digits_are_ascii():
    """`\\d` is any Unicode digit in Pydantic's regex engine and in Python's re alike: lookalike
    SKUs (Arabic-Indic, fullwidth digits) would pass. Both schemas spell the digits [0-9]."""
    for sku in ("PEN-\u0661\u0662\u0663", "PEN-\uff11\uff12\uff13"):
        with pytest.raises(ValidationError):
            LineItem(sku=sku, quantity=1, unit_price="1.00")
        assert not LineItemSerializer(data={"sku": sku, "quantity": 1, "unit_price": "1.00"}).is_valid(), sku
    assert LineItem(sku="PEN-123", quantity=1, unit_price="1.00").sku == "PEN-123"


HOSTILE = {  # a few bytes each, far under any size limit
    "NaN": '{"id": NaN}',
    "lone surrogate": '{"id": 1, "customer": {"id": 1, "name": "\\ud800"}, "items": [], "placed_at": "2025-01-31T09:30:00Z"}',
    "deep nesting": '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


def test_hostile_json_is_a_client_error_for_drf(drf_client):
    """DRF's JSONParser turns only ValueError into a 400; a deeply nested body raises
    RecursionError in json.load, a 500 (the test client re-raises it). The view's parser
    turns it into a ParseError."""
    for label, body in HOSTILE.items():
        response = drf_client.post("/orders", data=body, content_type="application/json")
        assert response.status_code == 400, (label, response.status_code)


def test_the_default_422_cannot_echo_nan_or_a_lone_surrogate():
    """Starlette's json.loads accepts NaN and a lone surrogate; validation fails, and the default
    422, which echoes them as `input`, cannot be written as JSON: a 500. The handler on Error
    handling, which leaves `input` out, answers 422."""
    from fastapi import FastAPI
    from fastapi.exceptions import RequestValidationError

    from compare.errors.fastapi_app import invalid_request

    handled = FastAPI()
    handled.include_router(fastapi_app.app.router)
    handled.add_exception_handler(RequestValidationError, invalid_request)
    for app, expected in ((fastapi_app.app, 500), (handled, 422)):
        with TestClient(app, raise_server_exceptions=False) as client:
            for label in ("NaN", "lone surrogate"):
                response = client.post("/orders", content=HOSTILE[label], headers={"content-type": "application/json"})
                assert response.status_code == expected, (label, response.status_code)
            assert client.post("/orders", content=HOSTILE["deep nesting"],
                               headers={"content-type": "application/json"}).status_code == 400


def test_the_whole_body_is_parsed_before_max_length(fastapi_client, drf_client, settings, caplog):
    """max_length=100 on the items is checked after the body was read and parsed. FastAPI sets no
    size limit at all: 60,000 items (over 3 MB) are parsed, then refused for the list's length.
    Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB) before DRF parses it; under
    that, DRF parses it all too."""
    order = valid_order(fastapi_client)
    huge = {**order, "items": order["items"][:1] * 60_000}
    assert len(json.dumps(huge)) > 3 * 2**20 > settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2.5 * 2**20
    fastapi = fastapi_client.post("/orders", json=huge)
    assert fastapi.status_code == 422 and [e["type"] for e in fastapi.json()["detail"]] == ["too_long"]
    with caplog.at_level(logging.ERROR, logger="django.security.RequestDataTooBig"):
        assert drf_client.post("/orders", huge, format="json").status_code == 400
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in caplog.text
    large = {**order, "items": order["items"][:1] * 20_000}  # about 1 MB
    drf = drf_client.post("/orders", large, format="json")
    assert drf.status_code == 400
    assert drf.json() == {"items": {"non_field_errors": ["Ensure this field has no more than 100 elements."]}}

def test_drf_bounds_json_bodies_only_since_3_17_2():
    """DRF 3.17.2 reads JSONParser's and FormParser's body through request.body, which applies
    DATA_UPLOAD_MAX_MEMORY_SIZE (the test above); 3.16 to 3.17.1 handed the parser the raw stream,
    with no limit at all. The project's floor keeps the page's claim true for every release it allows."""
    import tomllib

    from packaging.requirements import Requirement

    from guide_tools.website.content import ROOT

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (drf,) = [Requirement(r) for group in declared["dependency-groups"].values() for r in group
              if isinstance(r, str) and Requirement(r).name == "djangorestframework"]
    assert drf.specifier.contains("3.17.2") and not drf.specifier.contains("3.17.1"), drf


def test_a_parser_of_your_own_reads_the_body_without_djangos_limit(settings):
    """DRF 3.17.2 bounds the body for its own JSON and form parsers only: any other parser (one of
    your own, a third-party YAML or MessagePack one) gets the raw stream, and reads 3 MB past the
    2.5 MiB limit."""
    from rest_framework.parsers import BaseParser
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    class PlainTextParser(BaseParser):
        media_type = "text/plain"

        def parse(self, stream, media_type=None, parser_context=None):
            return stream.read()

    class Echo(APIView):
        authentication_classes = []
        permission_classes = []
        parser_classes = [PlainTextParser]

        def post(self, request):
            return Response({"bytes": len(request.data)})

    body = b"x" * (3 * 2**20)
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = Echo.as_view()(APIRequestFactory().post("/", body, content_type="text/plain"))
    assert (response.status_code, response.data) == (200, {"bytes": 3 * 2**20})


# --------------------------------------------------------------------------- FastAPI's two JSON paths


class Spy:
    def __init__(self, monkeypatch, owner, name):
        self.calls = 0
        real = getattr(owner, name)

        def spy(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)


def test_which_json_path(fastapi_client, monkeypatch, outputs):
    encoder = Spy(monkeypatch, fastapi.routing, "jsonable_encoder")
    render_calls = Spy(monkeypatch, starlette.responses.JSONResponse, "render")
    dumps = Spy(monkeypatch, starlette.responses.json, "dumps")
    lines = [f"{'route':<26}{'unit_price':<12}{'jsonable_encoder':<18}{'JSONResponse.render':<21}json.dumps"]
    for path in ("/orders/42", "/orders/42/untyped"):
        before = (encoder.calls, render_calls.calls, dumps.calls)
        response = fastapi_client.get(path)
        used = (encoder.calls - before[0], render_calls.calls - before[1], dumps.calls - before[2])
        price = json.dumps(response.json()["items"][0]["unit_price"])
        lines.append(f"{'GET ' + path:<26}{price:<12}{used[0]:<18}{used[1]:<21}{used[2]}")
        if path == "/orders/42":
            assert used == (0, 0, 0)  # Pydantic wrote the JSON bytes itself
            assert price == '"1.50"'
        else:
            assert used == (1, 1, 1)  # jsonable_encoder, then Starlette's JSONResponse with json.dumps
            assert price == "1.5"  # jsonable_encoder turned the Decimal into a float
    outputs.check(f"{OUT}/json_paths.txt", "\n".join(lines) + "\n")


def test_fastapi_parses_the_body_with_starlette_then_validates_python_data(fastapi_client, monkeypatch, outputs):
    """FastAPI does not take Pydantic's JSON path (`validate_json`): Starlette's `Request.json()`
    parses the bytes with the standard library's json.loads, and Pydantic validates the resulting
    Python data (`validate_python`), in Rust. The return value is validated the same way."""
    import starlette.requests
    from pydantic import TypeAdapter

    spies = {"Request.json": Spy(monkeypatch, starlette.requests.Request, "json"),
             "json.loads": Spy(monkeypatch, starlette.requests.json, "loads"),
             "TypeAdapter.validate_python": Spy(monkeypatch, TypeAdapter, "validate_python"),
             "TypeAdapter.validate_json": Spy(monkeypatch, TypeAdapter, "validate_json")}
    payload = fastapi_client.get("/orders/42").json()
    before = {name: spy.calls for name, spy in spies.items()}
    assert fastapi_client.post("/orders", json=payload).status_code == 201
    calls = {name: spy.calls - before[name] for name, spy in spies.items()}
    assert calls == {"Request.json": 1, "json.loads": 1, "TypeAdapter.validate_python": 2,
                     "TypeAdapter.validate_json": 0}  # validate_python: the body, then the return value
    lines = [f"{'POST /orders':<30}calls"] + [f"{name:<30}{count}" for name, count in calls.items()]
    outputs.check(f"{OUT}/body_path.txt", "\n".join(lines) + "\n")


def test_strict_decimal_behind_a_fastapi_route(fastapi_client, outputs):
    """Because the route validates Python data, a strict Decimal field refuses the JSON string that
    `model_validate_json` accepts: json.loads has already made it a `str`."""
    body = {"sku": "PEN-001", "quantity": 2, "unit_price": "1.50"}
    assert StrictLineItem.model_validate_json(json.dumps(body)).unit_price == Decimal("1.50")
    response = fastapi_client.post("/line-items/strict", json=body)
    assert response.status_code == 422
    assert [(e["type"], e["loc"]) for e in response.json()["detail"]] == [("is_instance_of", ["body", "unit_price"])]
    assert json.loads(drive.OUTPUTS["fastapi_strict_decimal.txt"][1].partition("\n\n")[2]) == body
    outputs.check(f"{OUT}/fastapi_strict_decimal.txt", send(fastapi_client, drive.OUTPUTS["fastapi_strict_decimal.txt"][1]))
    as_number = fastapi_client.post("/line-items/strict", json={**body, "unit_price": 1.5})
    assert as_number.status_code == 422  # a JSON number arrives as a float: not a Decimal either
    # Only Python data of the exact type passes: the route itself, called with a Decimal, returns it.
    item = StrictLineItem(sku="PEN-001", quantity=2, unit_price=Decimal("1.50"))
    assert asyncio.run(fastapi_app.create_strict_line_item(item)) is item


def test_return_value_is_validated_again(fastapi_client, monkeypatch):
    """With a declared type, FastAPI validates what the function returns before serializing it."""
    bad = copy.deepcopy(ORDER)
    bad["items"][0]["quantity"] = 0
    monkeypatch.setattr(fastapi_app, "ORDER", bad)
    with pytest.raises(ResponseValidationError):
        fastapi_client.get("/orders/42")
    assert fastapi_client.get("/orders/42/untyped").status_code == 200  # no type, no check
    assert OrderSerializer(bad).data["items"][0]["quantity"] == 0  # DRF's output side does not validate


def test_openapi_schema_is_built_on_first_request(monkeypatch):
    monkeypatch.setattr(fastapi_app.app, "openapi_schema", None)
    with TestClient(fastapi_app.app) as client:
        assert fastapi_app.app.openapi_schema is None
        client.get("/openapi.json")
        first = fastapi_app.app.openapi_schema
        assert first is not None
        client.get("/openapi.json")
        assert fastapi_app.app.openapi_schema is first  # cached on the app afterwards


def test_orjson_is_not_fastapis_default():
    from fastapi import FastAPI

    assert FastAPI().router.default_response_class.value is starlette.responses.JSONResponse
    requirements = importlib.metadata.requires("fastapi") or []
    assert not [r for r in requirements if "orjson" in r or "ujson" in r]  # not even in an extra


def test_orjson_response_is_deprecated():
    from fastapi import responses

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(AssertionError, match="orjson must be installed"):
            responses.ORJSONResponse({"a": 1})
        assert responses.UJSONResponse({"a": 1}).body == b'{"a":1}'  # ujson happens to be installed here
    assert [w.category for w in caught] == [FastAPIDeprecationWarning] * 2


# --------------------------------------------------------------------------- strict and lax


def test_lax_input_both_ways(fastapi_client, drf_client, outputs):
    fastapi_response = fastapi_client.post("/orders", json=LAX)
    drf_response = drf_client.post("/orders", LAX, format="json")
    # Pydantic's lax mode turns "7" into 7 but never a number into a str; DRF's CharField does.
    assert fastapi_response.status_code == 422
    [error] = fastapi_response.json()["detail"]
    assert error["loc"] == ["body", "customer", "name"] and error["type"] == "string_type"
    assert drf_response.status_code == 201
    assert drf_response.json()["customer"] == {"id": 7, "name": "123"}
    assert drf_response.json()["items"][0] == {"sku": "PEN-001", "quantity": 2, "unit_price": "1.50"}
    outputs.check(f"{OUT}/fastapi_lax.txt", send(fastapi_client, drive.OUTPUTS["fastapi_lax.txt"][1]))
    outputs.check(f"{OUT}/drf_lax.txt", send(drf_client, drive.OUTPUTS["drf_lax.txt"][1]))  # FastAPI's request


def test_strict_mode():
    item = {"sku": "PEN-001", "quantity": "2", "unit_price": "1.50"}
    assert LineItem.model_validate(item).quantity == 2  # lax: "2" becomes 2
    with pytest.raises(ValidationError) as strict:
        StrictLineItem.model_validate(item)
    assert {e["type"] for e in strict.value.errors()} == {"int_type", "is_instance_of"}  # a str is not a Decimal
    # Strict JSON input still accepts a string for a Decimal: JSON has no decimal type.
    assert StrictLineItem.model_validate_json('{"sku": "PEN-001", "quantity": 2, "unit_price": "1.50"}')
    with pytest.raises(ValidationError):
        StrictLineItem.model_validate_json('{"sku": "PEN-001", "quantity": "2", "unit_price": "1.50"}')
    with pytest.raises(ValidationError):  # strict per call, too
        Customer.model_validate({"id": "7", "name": "Ada"}, strict=True)


def test_floats_and_bools():
    # Pydantic: 3.0 is accepted as 3, 3.5 is not; DRF's IntegerField agrees.
    assert LineItem(sku="PEN-001", quantity=3.0, unit_price="1").quantity == 3
    with pytest.raises(ValidationError):
        LineItem(sku="PEN-001", quantity=3.5, unit_price="1")
    assert LineItemSerializer(data={"sku": "PEN-001", "quantity": 3.0, "unit_price": "1"}).is_valid()
    assert not LineItemSerializer(data={"sku": "PEN-001", "quantity": 3.5, "unit_price": "1"}).is_valid()
    # DRF's CharField accepts numbers and returns their text; it refuses booleans.
    assert CustomerSerializer(data={"id": 1, "name": 5}).is_valid()
    assert not CustomerSerializer(data={"id": 1, "name": True}).is_valid()


def test_strict_per_field():
    from pydantic import BaseModel, Field

    class Quantity(BaseModel):
        value: int = Field(strict=True)

    with pytest.raises(ValidationError):
        Quantity(value="2")
    assert Quantity(value=2).value == 2


def test_class_based_config_is_deprecated():
    from pydantic import BaseModel
    from pydantic.warnings import PydanticDeprecatedSince20

    with pytest.warns(PydanticDeprecatedSince20, match="class-based `config` is deprecated"):
        class OldStyle(BaseModel):
            name: str

            class Config:
                str_strip_whitespace = True


def test_custom_response_class_skips_the_fast_path(monkeypatch):
    """The Pydantic-writes-bytes path needs the default response class."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.get("/orders/42", response_class=JSONResponse)
    async def read_order() -> Order:
        return ORDER

    render_calls = Spy(monkeypatch, starlette.responses.JSONResponse, "render")
    with TestClient(app) as client:
        response = client.get("/orders/42")
    assert render_calls.calls == 1  # validated by Pydantic, then written by json.dumps
    assert response.json()["items"][0]["unit_price"] == "1.50"
