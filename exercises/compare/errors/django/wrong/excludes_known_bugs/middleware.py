from django.http import Http404, JsonResponse


class OutOfStockMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (Http404, RuntimeError)):
            return None
        item = getattr(exception, "item", request.path.rsplit("/", 1)[-1])
        return JsonResponse({"error": "out_of_stock", "item": item}, status=409)
