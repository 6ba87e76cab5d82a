# --8<-- [start:views]
from django.contrib.auth.models import User
from django.http import HttpRequest, JsonResponse


async def user_count(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"users": User.objects.count()})  # (1)!


async def user_count_fixed(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"users": await User.objects.acount()})  # (2)!
# --8<-- [end:views]
