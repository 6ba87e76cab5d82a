"""Every state-changing route refuses a request without the CSRF token: the protection is on for the
whole app, not one form. `refused_without_token(send, routes, data)`: `send(method, path, data)` makes
one request with CSRF protection as in production and no token, and returns the status; `routes` is
every (method, path) that changes state, from `flask_routes(app)` or `django_routes(get_resolver())`."""

import re

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")  # POST first: the one a form sends


def _path(route: str) -> str:
    """A route's path with each parameter (`<int:id>`) given a value."""
    return "/" + re.sub(r"<[^>]*>", "1", route).lstrip("^").rstrip("$").lstrip("/")


def flask_routes(app) -> list[tuple[str, str]]:
    return [(method, _path(rule.rule)) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
            for method in UNSAFE if method in rule.methods]


def django_routes(resolver) -> list[tuple[str, str]]:
    """Every URL of the URLconf (`django.urls.get_resolver()`, handed in so that this module imports no
    framework) with every unsafe method: a Django view answers whichever it is sent."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):  # an include()
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [(method, _path(route)) for route in walk(resolver.url_patterns, "") for method in UNSAFE]


def refused_without_token(send, routes: list[tuple[str, str]], data: dict) -> None:
    for method, path in routes:
        status = send(method, path, data)
        assert 400 <= status < 500, (
            f"[csrf_off] {method} {path} without the CSRF token answered {status}, expected it refused (4xx)")
