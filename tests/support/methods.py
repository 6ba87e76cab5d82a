"""Which methods each route takes: every other method gets 405, on every route of an app.

A chapter's test states, route by route, the methods its views take (`require_safe`: GET and HEAD),
and `assert_refused` sends every other method to each route. `django_routes` lists a URLconf's
routes (a parameter filled with 1) so the test can require its table to name each of them.
"""

from __future__ import annotations

from collections.abc import Callable

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def assert_refused(send: Callable[[str, str], int], takes: dict[str, set[str]]) -> None:
    """`send(method, path)` answers the status; each route's methods not in `takes[path]` get 405."""
    for path, allowed in takes.items():
        for method in METHODS:
            if method not in allowed:
                status = send(method, path)
                assert status == 405, f"{method} {path} answered {status}, expected 405 (the view takes {sorted(allowed)})"


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
