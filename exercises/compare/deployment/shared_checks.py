"""What the deployment exercise's checks share, whatever the framework: the proxy the statement describes,
the methods every rule holds for, and the headers a client may write that this proxy passes on untouched.

The proxy, as nginx with `proxy_set_header X-Forwarded-Proto $scheme`, `X-Forwarded-For
$proxy_add_x_forwarded_for` and `Host $host`: it SETS X-Forwarded-Proto (a client's value is replaced), APPENDS
the browser's address to X-Forwarded-For (a client's values stay in front), and passes Host on as the browser
sent it."""

BROWSER = "203.0.113.5"  # the browser's address: the proxy appends it to X-Forwarded-For on every request it forwards
OWN_HOSTS = ["localhost", "127.0.0.1"]  # the site's own names, which the app must answer
FOREIGN_HOST = "evil.example"  # a Host the client chose (a crafted request): the app must refuse it (400)
# Names built from the site's own that a pattern (a leading dot, "*.", a prefix test) would let through: each is
# another host, and must be refused like evil.example.
NEAR_HOSTS = ["evil.localhost", "evil.localhost:8000", "localhost.evil.example", "localhostevil.com",
              "evil.127.0.0.1", "127.0.0.1.evil.example", "127.0.0.10"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# What a client writes that reaches the app: X-Forwarded-For's leading values, and headers this proxy neither sets
# nor removes, as written.
FORGED = [
    {"X-Forwarded-For": f"198.51.100.9, {BROWSER}"},  # the client wrote the first address, the proxy appended the last
    # A host the app answers (its own name, another port), so that believing it shows as a wrong URL, not as a 400.
    {"Forwarded": "proto=https;host=127.0.0.1:8443;for=198.51.100.9"},
    {"X-Forwarded-Host": "127.0.0.1:8443"},
    {"X-Forwarded-Port": "8443"},
    {"X-Forwarded-Prefix": "/evil"},
    {"X-Real-IP": "198.51.100.9"},
    {"X-Forwarded-Ssl": "on"},
    {"Front-End-Https": "on"},
    {"X-Url-Scheme": "https"},
    {"X-Forwarded-Scheme": "https"},
    {"X-Forwarded-Protocol": "https"},
]


# Requests that reach no route of the app, or not one of its own (a check written in a route, a dependency, even
# FastAPI(dependencies=[...]), or a view never runs for them): an unknown path, a wrong method, the path with an
# extra slash (FastAPI's redirect to /where builds its Location on the Host), the framework's docs.
UNROUTED = [("GET", "/no-such-page"), ("POST", "/no-such-page"), ("DELETE", "/where"), ("POST", "/where"),
            ("GET", "/where/"), ("GET", "/docs"), ("GET", "/docs/oauth2-redirect"), ("GET", "/redoc"),
            ("GET", "/openapi.json")]


def host_is_pinned(send, tag="", routes=()):
    """The site's own names are answered, and a foreign Host is refused with 400 on every request, whatever its path
    and method: the proxy passes the browser's Host on, and absolute URLs and redirects are built on it.
    `send(method, path, host)` sends a request through the proxy (X-Forwarded-Proto: https, X-Forwarded-For) and
    returns its status; `tag` is the cause of a foreign Host answered on GET /where; `routes` is every (path,
    methods) of the app (exercises/batteries/routes.py), each sent with every method, after the requests that reach
    no route of the reader's (`UNROUTED`)."""
    for host in OWN_HOSTS:
        status = send("GET", "/where", host)
        assert status != 400, f"[own_host_refused] GET /where with Host: {host} answered {status}, expected 200"
        assert status == 200, f"[redirects] GET /where with Host: {host} answered {status}, expected 200"
    for method, path in [("GET", "/where"), *((method, "/check/elsewhere") for method in METHODS)]:
        if path != "/where":  # GET /where refused it: a route or method that answers it was left out
            tag = "[host_checked_in_one_view] "
        status = send(method, path, FOREIGN_HOST)
        assert status == 400, (
            f"{tag}{method} {path} with Host: evil.example "
            f"answered {status}, expected 400: absolute URLs and redirects would point to that host")
    for method, path in UNROUTED:
        status = send(method, path, FOREIGN_HOST)
        assert status == 400, (
            f"[host_checked_in_routes] {method} {path} with Host: evil.example "
            f"answered {status}, expected 400: absolute URLs and redirects would point to that host")
    for path, methods in routes:
        for method in METHODS:
            cause = "[host_checked_in_one_view] " if method in methods else "[host_checked_in_routes] "
            status = send(method, path, FOREIGN_HOST)
            assert status == 400, (
                f"{cause}{method} {path} with Host: evil.example "
                f"answered {status}, expected 400: absolute URLs and redirects would point to that host")
    for host in NEAR_HOSTS:
        for method, path in [("GET", "/where"), ("POST", "/check/elsewhere")]:
            status = send(method, path, host)
            assert status == 400, (
                f"{method} {path} with Host: {host} answered {status}, expected 400: only the site's own names "
                "(localhost, 127.0.0.1) are answered, not names that begin or end like them")
    for host in OWN_HOSTS:
        status = send("GET", "/where", f"{host}:8000")
        assert status == 200, f"GET /where with Host: {host}:8000 answered {status}, expected 200"
