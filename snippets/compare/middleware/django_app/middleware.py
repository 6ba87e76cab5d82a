import re
import time
import uuid

VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # (1)!


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if VALID_ID.fullmatch(incoming) else str(uuid.uuid4())
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["X-Request-ID"] = request.request_id
        response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        return response
