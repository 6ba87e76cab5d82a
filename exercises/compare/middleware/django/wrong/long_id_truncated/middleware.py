"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")[:64]
        rid = sent if re.fullmatch(r"[A-Za-z0-9._-]{1,64}", sent) else str(uuid.uuid4())
        request.request_id = rid
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response
