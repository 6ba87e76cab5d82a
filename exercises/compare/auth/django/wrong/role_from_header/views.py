"""Exercise (auth): any logged-in user can open the editors' page. Let only editors in (403 for others)."""

from django.core.exceptions import PermissionDenied
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse


def login(request):
    return HttpResponse("The login form.")  # see the chapter: Logging in


@login_required  # first the identity: an anonymous visitor is sent to log in
def new_report(request):
    if not (request.user.groups.filter(name="editors").exists() or request.headers.get("X-Role") == "editor"):
        raise PermissionDenied  # then the right: 403
    return JsonResponse({"editor": request.user.username})
