"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect


class SignupForm(forms.Form):
    username = forms.CharField(max_length=30)
    password = forms.CharField(min_length=12, widget=forms.PasswordInput)
    password_confirm = forms.CharField(widget=forms.PasswordInput)

    def clean_password_confirm(self):
        confirm = self.cleaned_data["password_confirm"]
        if self.cleaned_data.get("password") != confirm:  # None when the password failed its own rule
            raise forms.ValidationError("Passwords do not match.")
        return confirm


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("done")  # 302 to /signup/done
    return HttpResponse(form.errors.as_ul(), status=422 if request.method == "POST" else 200)


def done(request):
    return HttpResponse("Account created.")
