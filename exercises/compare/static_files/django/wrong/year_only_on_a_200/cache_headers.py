"""Cache a fingerprinted static file for a year: its name changes with its content."""

import re

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.\w+$")  # app.3f2a1b9c.css


class CacheFingerprintedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200 and request.path.startswith("/static/") and FINGERPRINTED.search(request.path):
            response["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
