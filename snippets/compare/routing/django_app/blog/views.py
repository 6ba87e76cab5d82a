from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def post_list(request):
    return JsonResponse({"posts": [reverse("blog:post_detail", args=[n]) for n in (1, 2)]})  # (1)!


@require_safe
def post_detail(request, post_id: int):
    return JsonResponse({"post_id": post_id})
