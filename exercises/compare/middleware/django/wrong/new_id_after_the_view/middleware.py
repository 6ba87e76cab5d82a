"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood the logs


def sent_or_new_id(request) -> str:
    sent = request.headers.get("X-Request-ID", "")
    return sent if CLIENT_ID.fullmatch(sent) else str(uuid.uuid4())


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = sent_or_new_id(request)
        response = self.get_response(request)
        response["X-Request-ID"] = sent_or_new_id(request)
        return response
