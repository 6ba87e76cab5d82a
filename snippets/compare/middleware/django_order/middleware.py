class TraceMiddleware:
    name = "middleware"

    def __init__(self, get_response):  # (1)!
        self.get_response = get_response

    def __call__(self, request):
        print(f"{self.name}: before the view")
        response = self.get_response(request)  # (2)!
        print(f"{self.name}: after the view ({response.status_code})")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        print(f"{self.name}: process_view({view_func.__name__})")
        return None  # (3)!

    def process_exception(self, request, exception):
        print(f"{self.name}: process_exception({exception!r})")
        return None  # (4)!


class OuterMiddleware(TraceMiddleware):
    name = "outer"


class InnerMiddleware(TraceMiddleware):
    name = "inner"
