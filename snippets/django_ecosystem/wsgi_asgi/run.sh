# Run from snippets/django_ecosystem/wsgi_asgi/django_project/ (the folder with manage.py),
# with DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set.
# --8<-- [start:wsgi]
gunicorn --workers 1 --bind "127.0.0.1:${PORT:-8000}" config.wsgi:application
# --8<-- [end:wsgi]
# --8<-- [start:asgi]
uvicorn config.asgi:application --host 127.0.0.1 --port "${PORT:-8000}"
# --8<-- [end:asgi]
