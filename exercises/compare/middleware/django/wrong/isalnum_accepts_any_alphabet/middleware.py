"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        rid = sent if 0 < len(sent) <= 64 and sent.replace("-", "").replace(".", "").replace("_", "").isalnum() else str(uuid.uuid4())
        request.request_id = rid
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response
