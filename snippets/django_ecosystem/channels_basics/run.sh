# Run from the snippets/ folder of the guide, inside its environment.
# --8<-- [start:daphne]
daphne --port "${PORT:-8000}" django_ecosystem.channels_basics.asgi:application
# --8<-- [end:daphne]
