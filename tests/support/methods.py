"""Which methods each route takes: every other method gets 405, on every route of an app.

A chapter's test states, route by route, the methods its views take (`require_safe`: GET and HEAD),
and `assert_takes_only` sends every other method to each route, and the safe methods it takes. `django_routes` lists a URLconf's
routes (a parameter filled with 1) so the test can require its table to name each of them.
"""

from __future__ import annotations

from collections.abc import Callable

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


SAFE = {"GET", "HEAD"}


def assert_takes_only(send: Callable[[str, str], int], takes: dict[str, set[str]]) -> None:
    """`send(method, path)` answers the status. Each route's methods not in `takes[path]` get 405,
    and the safe ones in it (GET, HEAD) are answered, neither 405 nor a server error: `require_GET`
    where the table says `require_safe` fails, as a missing decorator does. The unsafe methods a
    route takes are not sent, so nothing is written; the chapter's own tests send those."""
    for path, allowed in takes.items():
        for method in METHODS:
            if method in allowed - SAFE:
                continue
            status = send(method, path)
            if method not in allowed:
                assert status == 405, f"{method} {path} answered {status}, expected 405 (the view takes {sorted(allowed)})"
            else:
                assert status != 405 and status < 500, f"{method} {path} answered {status}, but the view takes {method}"


def django_routes(urlconf: str) -> list[str]:
    """The paths of a URLconf's patterns (`<int:pk>` as 1), includes walked."""
    import re

    from django.urls import get_resolver

    def walk(patterns, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, route)
            else:
                yield "/" + re.sub(r"<(?:int:)?[^<>]+>", "1", route).lstrip("^").rstrip("$")

    return list(walk(get_resolver(urlconf).url_patterns, ""))
