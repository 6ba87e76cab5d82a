# --8<-- [start:protected]
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
@login_required  # (1)!
def reports(request):
    can_publish = request.user.has_perm("auth_reports.publish_report")  # (2)!
    return render(request, "auth_reports/reports.html", {"can_publish": can_publish})
# --8<-- [end:protected]


# --8<-- [start:permission]
@require_safe
@login_required  # (1)!
@permission_required("auth_reports.publish_report", raise_exception=True)  # (2)!
def publish(request):
    return HttpResponse("Publishing desk")
# --8<-- [end:permission]
