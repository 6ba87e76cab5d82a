"""Development settings: the same project with the in-memory channel layer (one process only)."""

from django_ecosystem.channel_layers.settings import *  # noqa: F403

CHANNEL_LAYERS = {
    "default": {"BACKEND": "channels.layers.InMemoryChannelLayer"},  # (1)!
}
