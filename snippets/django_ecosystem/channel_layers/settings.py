"""Settings to run the chat with Daphne, as many processes as you like, all sharing one Redis."""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]  # also the allowed WebSocket origins
ROOT_URLCONF = "django_ecosystem.channel_layers.urls"
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}  # this chat keeps nothing
ASGI_APPLICATION = "django_ecosystem.channel_layers.asgi.application"

# --8<-- [start:layers]
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",  # (1)!
        "CONFIG": {
            "hosts": [{  # (2)!
                "address": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
                "socket_timeout": 10,  # seconds, longer than the layer's 5-second blocking read
            }],
            "capacity": 100,  # (3)!
            "expiry": 60,  # (4)!
            "group_expiry": 86400,  # (5)!
        },
    },
}
# --8<-- [end:layers]
