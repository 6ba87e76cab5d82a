from django.http import JsonResponse


class OutOfStockMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if "out of stock" in str(exception):
            item = str(exception).split(" ")[0]
            return JsonResponse({"error": "out_of_stock", "item": item}, status=409)
        return None
