"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

FORBIDDEN = re.compile(r"[ ;]")  # spaces and semicolons would break the log line


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        request.request_id = sent if sent and len(sent) <= 64 and not FORBIDDEN.search(sent) else str(uuid.uuid4())
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response
