# Run from the snippets/ folder of the guide, inside its environment, with REDIS_URL set.
# --8<-- [start:daphne]
daphne --port "${PORT:-8000}" django_ecosystem.channel_layers.asgi:application
# --8<-- [end:daphne]
