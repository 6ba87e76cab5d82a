from django.http import JsonResponse

from shop import OutOfStock


class OutOfStockMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except OutOfStock as exception:
            return JsonResponse({"error": "out_of_stock", "item": exception.item}, status=409)
