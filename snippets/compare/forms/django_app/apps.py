from django.apps import AppConfig


class SignupConfig(AppConfig):
    name = "compare.forms.django_app"
    label = "forms_signup"
