"""Every state-changing route refuses a request without the CSRF token: the protection is on for the
whole app, not one form. `refused_without_token(send, routes, data)`: `send(method, path, data)` makes
one request with CSRF protection as in production and no token, and returns the status; `routes` is
every (method, path) that changes state, from `flask_routes(app)` or `django_routes(get_resolver())`."""

from exercises.batteries import routes as app_routes

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")  # POST first: the one a form sends


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "{} {} without the CSRF token answered {}, expected it refused (4xx)": {
        "ko": "CSRF 토큰 없이 보낸 {0} {1} 요청의 응답: {2}, 기대한 응답: 거부(4xx)",
        "ru": "ответ на {0} {1} без CSRF-токена: {2}, ожидался отказ (4xx)"},
}


def flask_routes(app) -> list[tuple[str, str]]:
    return [(method, path) for path, methods, _ in app_routes.flask_routes(app) for method in UNSAFE if method in methods]


def django_routes(resolver) -> list[tuple[str, str]]:
    """Every URL of the URLconf (`django.urls.get_resolver()`) with every unsafe method: a Django view
    answers whichever it is sent."""
    return [(method, path) for path, _ in app_routes.django_routes(resolver) for method in UNSAFE]


def refused_without_token(send, routes: list[tuple[str, str]], data: dict) -> None:
    for method, path in routes:
        status = send(method, path, data)
        assert 400 <= status < 500, (
            f"[csrf_off] {method} {path} without the CSRF token answered {status}, expected it refused (4xx)")
