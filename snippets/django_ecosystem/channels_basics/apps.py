from django.apps import AppConfig


class ChannelsBasicsConfig(AppConfig):
    name = "django_ecosystem.channels_basics"
    label = "channels_basics"
