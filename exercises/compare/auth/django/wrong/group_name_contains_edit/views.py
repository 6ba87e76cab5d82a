"""Exercise (auth): any logged-in user can open the editors' page. Let only editors in (403 for others)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse


def login(request):
    return HttpResponse("The login form.")  # see the chapter: Logging in


@login_required
def new_report(request):
    if not request.user.groups.filter(name__icontains="edit").exists():
        raise PermissionDenied
    return JsonResponse({"editor": request.user.username})
