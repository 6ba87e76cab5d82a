from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Post


@require_safe
def post_list(request):
    posts = Post.objects.order_by("id").values("id", "title")
    return JsonResponse({"posts": list(posts)})


@require_safe
def post_detail(request, post_id: int):
    post = get_object_or_404(Post, pk=post_id)
    return JsonResponse({"id": post.pk, "title": post.title})
