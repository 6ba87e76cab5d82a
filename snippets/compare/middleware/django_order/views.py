from django.http import JsonResponse


def hello(request):
    print("view")
    return JsonResponse({"message": "Hello"})


def boom(request):
    print("view raises")
    raise RuntimeError("boom")
