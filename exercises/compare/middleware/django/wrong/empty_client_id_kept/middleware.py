"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{0,64}")  # anything else could forge or flood the logs


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID")
        request.request_id = sent if sent is not None and CLIENT_ID.fullmatch(sent) else str(uuid.uuid4())
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response
