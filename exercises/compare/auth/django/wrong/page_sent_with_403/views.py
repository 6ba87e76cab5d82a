"""Exercise (auth): any logged-in user can open the editors' page. Let only editors in (403 for others)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse


def login(request):
    return HttpResponse("The login form.")  # see the chapter: Logging in


@login_required
def new_report(request):
    is_editor = request.user.groups.filter(name="editors").exists()
    return JsonResponse({"editor": request.user.username}, status=200 if is_editor else 403)
