"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines


class SignupForm(forms.Form):
    username = forms.CharField(max_length=30)
    # strip=False: a space is part of a password, kept as typed
    password = forms.CharField(min_length=12, strip=False, widget=forms.PasswordInput)
    password_confirm = forms.CharField(strip=False, widget=forms.PasswordInput)


# {% csrf_token %} puts the token in the form and sets its cookie: CsrfViewMiddleware refuses a POST without them
PAGE = engines["django"].from_string("""<form method="post">{% csrf_token %}
{{ form }}
<button>Sign up</button>
</form>""")


def signup(request):
    form = SignupForm(request.POST) if request.method == "POST" else SignupForm()
    if request.method == "POST" and form.is_valid():
        return redirect("done")  # 302 to /signup/done
    return HttpResponse(PAGE.render({"form": form}, request), status=422 if request.method == "POST" else 200)


def done(request):
    return HttpResponse("Account created.")
