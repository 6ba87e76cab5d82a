"""The project's error views: JSON problem details under /api/, Django's own pages elsewhere."""

# --8<-- [start:setup]
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults


def problem(status: int, detail: str) -> JsonResponse:
    """An RFC 9457 problem details response: JSON with its own media type."""
    body = {"detail": detail, "status": status}
    return JsonResponse(body, status=status, content_type="application/problem+json")


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def message(exception, default: str) -> str:
    """Http404("No product 99.") carries a message for the client; a routing 404 carries a dict."""
    text = exception.args[0] if exception.args else None
    return text if isinstance(text, str) else default
# --8<-- [end:setup]


# --8<-- [start:handlers]
def bad_request(request, exception):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):  # (1)!
        return problem(413, "The body is too large.")
    return problem(400, "The request could not be understood.")  # (2)!


def permission_denied(request, exception):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return problem(403, message(exception, "You may not do this."))


def page_not_found(request, exception):  # (3)!
    if not is_api(request):
        return defaults.page_not_found(request, exception)  # (4)!
    return problem(404, message(exception, "Not Found"))


def server_error(request):  # (5)!
    if not is_api(request):
        return defaults.server_error(request)
    return problem(500, "Something went wrong on our side.")
# --8<-- [end:handlers]
