from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .forms import SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.method == "POST":
        form = SignupForm(request.POST)  # (1)!
        if form.is_valid():
            # form.cleaned_data holds the converted values: age is an int or None.
            return redirect("signup-done")  # (2)!
        status = 422  # (3)!
    else:
        form = SignupForm()
        status = 200
    return render(request, "forms_signup/signup.html", {"form": form}, status=status)


@require_safe
def done(request):
    return HttpResponse("Account created.")
