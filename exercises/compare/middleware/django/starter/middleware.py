"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
