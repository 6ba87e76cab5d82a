"""Exercise (auth): any logged-in user can open the editors' page. Let only editors in (403 for others)."""

from django.contrib.auth.decorators import user_passes_test
from django.http import HttpResponse, JsonResponse


def login(request):
    return HttpResponse("The login form.")  # see the chapter: Logging in


@user_passes_test(lambda user: user.groups.filter(name="editors").exists())
def new_report(request):
    return JsonResponse({"editor": request.user.username})
