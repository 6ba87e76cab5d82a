import json

from django.http import HttpResponse

from shop import OutOfStock


class OutOfStockMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OutOfStock):
            return HttpResponse(json.dumps({"error": "out_of_stock", "item": exception.item}), status=409)
        return None  # anything else: Django's own handling (404, 403, 500)
