from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "django_ecosystem.wsgi_asgi.notes"
    label = "wsgi_asgi_notes"
