# Run from snippets/django_ecosystem/servers/django_project/ (the folder with manage.py),
# with DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set.
# --8<-- [start:daphne]
daphne -b 127.0.0.1 -p "${PORT:-8000}" config.asgi:application
# --8<-- [end:daphne]
# --8<-- [start:runserver]
DJANGO_DEBUG=1 python manage.py runserver "127.0.0.1:${PORT:-8000}"
# --8<-- [end:runserver]
# --8<-- [start:uvicorn]
uvicorn config.asgi:application --host 127.0.0.1 --port "${PORT:-8000}" --workers 2
# --8<-- [end:uvicorn]
# --8<-- [start:gunicorn-uvicorn]
gunicorn config.asgi:application --worker-class uvicorn_worker.UvicornWorker --workers 2 --bind "127.0.0.1:${PORT:-8000}"
# --8<-- [end:gunicorn-uvicorn]
# --8<-- [start:gunicorn-wsgi]
gunicorn config.wsgi:application --workers 2 --bind "127.0.0.1:${PORT:-8000}"
# --8<-- [end:gunicorn-wsgi]
# --8<-- [start:gunicorn-asgi-wrong]
gunicorn config.asgi:application --workers 2 --bind "127.0.0.1:${PORT:-8000}"
# --8<-- [end:gunicorn-asgi-wrong]
