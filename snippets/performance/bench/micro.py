"""Micro-benchmarks: Pydantic v2, DRF serializers and plain `json` on the same orders.

    cd snippets && python -m performance.bench.micro --output micro.json

"validate" turns JSON bytes into checked Python objects; "dump" turns objects into JSON bytes.
Plain `json` only parses and encodes (no checks): it is the floor the other two build on.
Each case runs once to warm up, then `--repeats` times; the median and the spread are recorded.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import django
from django.conf import settings
from pydantic import TypeAdapter

from performance.bench.catalog import order_dict, orders
from performance.bench.fastapi_app import Order
from performance.bench.harness import same_json

HERE = Path(__file__).resolve().parent


def setup_django() -> None:
    """DRF serializers need configured settings; no project, no database."""
    if not settings.configured:
        settings.configure(USE_I18N=False)
        django.setup()


# --8<-- [start:cases]
def cases(count: int) -> dict[tuple[str, str], Callable[[], bytes | object]]:
    """(library, operation) -> a function doing that work on `count` orders."""
    setup_django()
    from rest_framework.renderers import JSONRenderer

    from performance.bench.django_project.serializers import OrderSerializer

    objects = orders(count)
    dicts = [order_dict(order) for order in objects]
    raw = json.dumps(dicts).encode()
    adapter = TypeAdapter(list[Order])
    models = adapter.validate_json(raw)

    def drf_validate() -> list:
        serializer = OrderSerializer(data=json.loads(raw), many=True)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    return {
        ("pydantic", "validate"): lambda: adapter.validate_json(raw),
        ("drf", "validate"): drf_validate,
        ("json", "validate"): lambda: json.loads(raw),
        ("pydantic", "dump"): lambda: adapter.dump_json(models),
        ("drf", "dump"): lambda: JSONRenderer().render(OrderSerializer(objects, many=True).data),
        ("json", "dump"): lambda: json.dumps(dicts).encode(),
    }
# --8<-- [end:cases]


def plain(data: object) -> object:
    """Validated data as JSON would carry it: Pydantic models and DRF's dicts become dicts and lists,
    and each value keeps its type (a Decimal or a date has no JSON type, and stops the check)."""
    if hasattr(data, "model_dump"):
        data = data.model_dump()
    if isinstance(data, dict):
        return {key: plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    raise AssertionError(f"the libraries disagree about the data: {type(data).__name__} is no JSON type")


def check(work: dict[tuple[str, str], Callable[[], bytes | object]]) -> None:
    """Every library produces the same data, of the same JSON types, before anything is timed:
    `==` alone takes 1.0 for 1 and 1 for True (harness.same_json)."""
    expected = work[("json", "validate")]()
    for library in ("pydantic", "drf"):
        dumped = json.loads(work[(library, "dump")]())
        validated = plain(work[(library, "validate")]())
        if not (same_json(dumped, expected) and same_json(validated, expected)):
            raise AssertionError(f"the libraries disagree about the data: {library}")


def measure(fn: Callable[[], object], repeats: int) -> dict:
    fn()  # warm-up: caches, lazy imports
    times = timeit.repeat(fn, number=1, repeat=repeats)
    return {"seconds": times, "median": statistics.median(times), "min": min(times), "max": max(times)}


def run(count: int, repeats: int) -> dict:
    work = cases(count)
    check(work)
    return {
        "kind": "micro",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "objects": count,
        "repeats": repeats,
        "results": [{"library": library, "operation": operation, **measure(fn, repeats)}
                    for (library, operation), fn in work.items()],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m performance.bench.micro", description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--output", type=Path, default=HERE / "micro.json")
    options = parser.parse_args(argv)
    results = run(options.objects, options.repeats)
    options.output.write_text(json.dumps(results, indent=2) + "\n")
    for row in results["results"]:
        print(f"{row['library']:>8} {row['operation']:<8} {row['median'] * 1000:9.2f} ms "
              f"({row['min'] * 1000:.2f}-{row['max'] * 1000:.2f})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
