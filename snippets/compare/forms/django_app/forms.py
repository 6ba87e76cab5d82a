from django import forms
from django.core.validators import RegexValidator

RESERVED = {"admin", "root"}


class SignupForm(forms.Form):
    username = forms.CharField(min_length=3, max_length=30, validators=[
        RegexValidator(r"^[a-z0-9_]+\Z", "Use lowercase letters, digits and _ only."),
    ])
    email = forms.EmailField()
    age = forms.IntegerField(required=False, min_value=13, max_value=150)  # (1)!
    password = forms.CharField(min_length=8, strip=False, widget=forms.PasswordInput)  # (2)!
    password_confirm = forms.CharField(label="Repeat password", strip=False, widget=forms.PasswordInput)

    def clean_username(self):  # (3)!
        username = self.cleaned_data["username"]
        if username in RESERVED:
            raise forms.ValidationError("This username is reserved.", code="reserved")
        return username

    def clean(self):  # (4)!
        cleaned = super().clean()
        username, password = cleaned.get("username"), cleaned.get("password")  # (5)!
        if password and password != cleaned.get("password_confirm"):
            self.add_error("password_confirm", forms.ValidationError(
                "Passwords do not match.", code="password_mismatch"))
        if username and password and username in password:
            self.add_error("password", forms.ValidationError(
                "The password must not contain the username.", code="password_contains_username"))
        return cleaned
