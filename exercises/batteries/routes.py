"""Every route of the reader's app, each with a concrete path that the app itself resolves to that route:
the one route walker and path builder of the checks that sweep an app's routes (CSRF, "every route is
for editors").

A parameter's value is built from its converter's own regex (`<int:id>`, `<uuid:id>`, `(?P<id>[0-9]+)`,
a custom converter), not guessed, and every built path is resolved by the framework before anything is
sent: a route the builder cannot reach fails the check as an error of the checks, never as a pass or as
a refusal. No framework is imported, so that the page's Check of a Flask exercise never needs Django.
"""

import re
from re import _parser as sre_parse  # the regex parser (Python 3.11+), to build a string a regex matches

_CATEGORY = {"CATEGORY_DIGIT": "1", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " ", "CATEGORY_NOT_DIGIT": "a",
             "CATEGORY_NOT_WORD": "-", "CATEGORY_NOT_SPACE": "a"}


def _char_in(items) -> str:
    """A character of a class `[...]`: the first that the class allows, preferring 1 and a."""
    if items and str(items[0][0]) == "NEGATE":
        banned = {chr(v) for op, v in items[1:] if str(op) == "LITERAL"}
        return next(c for c in "a1-_x" if c not in banned)
    for op, value in items:
        op = str(op)
        if op == "LITERAL":
            return chr(value)
        if op == "RANGE":
            low, high = value
            return "1" if low <= ord("1") <= high else "a" if low <= ord("a") <= high else chr(low)
        if op == "CATEGORY":
            return _CATEGORY.get(str(value), "a")
    return "a"


def _sample(parsed) -> str:
    out = []
    for op, value in parsed:
        op = str(op)
        if op == "LITERAL":
            out.append(chr(value))
        elif op == "NOT_LITERAL":
            out.append("a" if chr(value) != "a" else "b")
        elif op == "ANY":
            out.append("a")
        elif op == "IN":
            out.append(_char_in(value))
        elif op == "CATEGORY":
            out.append(_CATEGORY.get(str(value), "a"))
        elif op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, item = value
            out.append(_sample(item) * max(low, 1 if _high else 0))
        elif op == "SUBPATTERN":
            out.append(_sample(value[-1]))
        elif op in ("BRANCH",):
            out.append(_sample(value[1][0]))
        elif op in ("ATOMIC_GROUP",):
            out.append(_sample(value))
        # AT (^, $, \b), ASSERT, ASSERT_NOT, GROUPREF: nothing of their own
    return "".join(out)


def sample(regex: str) -> str:
    """One string the regex matches whole (a route's pattern, or a converter's)."""
    return _sample(sre_parse.parse(regex))


class RouteNotBuilt(AssertionError):
    pass


def _not_built(route: str, path: str, got: str) -> RouteNotBuilt:
    return RouteNotBuilt(f"the checks could not build a path for the route {route}: {path} resolves to {got}; "
                         "this is an error of the checks, please report it")


def flask_routes(app, static: bool = False) -> list[tuple[str, set[str], object]]:
    """(path, methods, rule) for every rule of the app's URL map but `static` (with `static`, that one too)."""
    adapter = app.url_map.bind("localhost")
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" and not static:
            continue
        path = re.sub(r"<(?:[^<>:]+:)?([^<>:]+)>",
                      lambda m: _converted(rule._converters[m.group(1)]), rule.rule)
        method = next(iter(sorted(rule.methods or {"GET"})))
        try:
            matched, _ = adapter.match(path, method=method, return_rule=True)
        except Exception as error:  # NotFound, MethodNotAllowed, RequestRedirect
            raise _not_built(rule.rule, path, type(error).__name__) from None
        if matched is not rule:
            raise _not_built(rule.rule, path, matched.rule)
        routes.append((path, set(rule.methods or ()), rule))
    return routes


def _converted(converter) -> str:
    """A URL piece the converter accepts: sampled from its regex, then checked by its own to_python."""
    convert = getattr(converter, "to_python", None) or converter.convert  # Starlette's convertors: convert
    candidates = [sample(converter.regex), *sorted(getattr(converter, "items", ())), "1", "a1"]
    for candidate in candidates:
        if re.fullmatch(converter.regex, candidate):
            try:
                convert(candidate)
            except Exception:
                continue
            return candidate
    return candidates[0]


def starlette_routes(app) -> list[tuple[str, set[str], object]]:
    """(path, methods, route) for every route of a Starlette or FastAPI app that has methods, its path
    built from each parameter's convertor (`{id}`, `{id:int}`, `{file:path}`); the first route that
    matches it with one of its methods is that route, as the router would find it."""
    routes = []
    for route in app.routes:
        if getattr(route, "methods", None) is None or not hasattr(route, "param_convertors"):
            continue
        path = re.sub(r"{([^{}:]+)(?::[^{}]*)?}", lambda m: _converted(route.param_convertors[m.group(1)]), route.path)
        first = next((other for other in app.routes if getattr(other, "path_regex", None) is not None
                      and other.path_regex.match(path)
                      and (getattr(other, "methods", None) is None or other.methods & route.methods)), None)
        if first is not route:
            raise _not_built(route.path, path, getattr(first, "path", "404"))
        routes.append((path, set(route.methods), route))
    return routes


def django_routes(resolver) -> list[tuple[str, object]]:
    """(path, view) for every URL pattern of the URLconf (`django.urls.get_resolver()`, includes
    walked), its path built from each piece's regex and converters and resolved back to that view."""
    def piece(pattern) -> str:  # no import of Django here: a Flask exercise's page must not need it
        if hasattr(pattern, "_route"):  # path("reports/<int:id>"): its converters
            converters = pattern.converters
            return re.sub(r"<(?:[^<>:]+:)?([^<>:]+)>", lambda m: _converted(converters[m.group(1)]), str(pattern))
        return sample(pattern.regex.pattern)  # re_path(): its regex

    def walk(patterns, prefix: str, route: str):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):  # an include()
                yield from walk(pattern.url_patterns, prefix + piece(pattern.pattern), route + str(pattern.pattern))
            else:
                yield prefix + piece(pattern.pattern), route + str(pattern.pattern), pattern.callback

    routes = []
    for path, route, view in walk(resolver.url_patterns, "", ""):
        path = "/" + path.lstrip("/")
        try:
            found = resolver.resolve(path).func
        except Exception as error:  # Resolver404
            raise _not_built(route, path, type(error).__name__) from None
        if found is not view:
            raise _not_built(route, path, getattr(found, "__name__", repr(found)))
        routes.append((path, view))
    return routes


def starlette_served(app, fill: str | None = None) -> list[tuple[str, set[str] | None, object]]:
    """(path, methods, route) for every route a Starlette or FastAPI app serves, HTTP and WebSocket
    (methods None), walking mounted apps and routers (`app.mount`) and included routers (FastAPI 0.165
    keeps `include_router`'s routers as a branch of their own, which `app.routes` does not list; older
    and other releases copy the routes into `app.routes`). Each path is built from the parameters'
    convertors and matched back by the route's own pattern under its prefix. With `fill`, every
    parameter is that value instead (`"1"` for an id that FastAPI converts from the endpoint's
    annotation, where the path's `{id}` has the string convertor)."""
    found = []

    def build(route, prefix: str) -> str:
        convertors = getattr(route, "param_convertors", {})
        return prefix + re.sub(r"{([^{}:]+)(?::[^{}]*)?}",
                               lambda m: fill if fill is not None else
                               _converted(convertors[m.group(1)]) if m.group(1) in convertors else "a1",
                               route.path)

    def walk(routes, prefix: str, depth: int) -> None:
        if depth > 10:
            return
        for route in routes:
            original = getattr(route, "original_router", None)  # FastAPI's included router
            if original is not None:
                context = getattr(route, "include_context", None)
                walk(original.routes, prefix + (getattr(context, "prefix", "") or ""), depth + 1)
            elif hasattr(route, "path") and getattr(route, "routes", None) is not None and hasattr(route, "app"):
                walk(route.routes, build(route, prefix).rstrip("/"), depth + 1)  # a Mount (a Host has no path)
            elif hasattr(route, "param_convertors") and hasattr(route, "path"):
                methods = getattr(route, "methods", None)
                if methods is None and "websocket" not in type(route).__name__.lower():
                    continue  # neither HTTP with methods nor a WebSocket
                found.append((build(route, prefix) or "/", set(methods) if methods else None, route))

    walk(getattr(app, "routes", ()), "", 0)
    return found
