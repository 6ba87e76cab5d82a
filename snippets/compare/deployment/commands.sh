# Run the Flask and FastAPI lines from the guide's snippets/ folder, the Django lines from
# snippets/compare/deployment/django_project/ (the folder with manage.py); see the page.
# --8<-- [start:flask]
gunicorn --workers 2 --bind "127.0.0.1:${PORT:-8000}" compare.deployment.flask_app:app
# --8<-- [end:flask]
# --8<-- [start:flask-threads]
gunicorn --workers 1 --threads 4 --bind "127.0.0.1:${PORT:-8000}" compare.deployment.flask_app:app
# --8<-- [end:flask-threads]
# --8<-- [start:flask-config]
gunicorn --config compare/deployment/gunicorn.conf.py compare.deployment.flask_app:app
# --8<-- [end:flask-config]
# --8<-- [start:fastapi]
uvicorn compare.deployment.fastapi_app:app --host 127.0.0.1 --port "${PORT:-8000}" --workers 2
# --8<-- [end:fastapi]
# --8<-- [start:fastapi-gunicorn]
gunicorn --worker-class uvicorn_worker.UvicornWorker --workers 2 --bind "127.0.0.1:${PORT:-8000}" compare.deployment.fastapi_app:app
# --8<-- [end:fastapi-gunicorn]
# --8<-- [start:fastapi-other-proxy]
uvicorn compare.deployment.fastapi_app:app --host 127.0.0.1 --port "${PORT:-8000}" --forwarded-allow-ips 10.0.0.2
# --8<-- [end:fastapi-other-proxy]
# --8<-- [start:check-deploy]
python manage.py check --deploy --fail-level WARNING
# --8<-- [end:check-deploy]
# --8<-- [start:django]
gunicorn --workers 2 --bind "127.0.0.1:${PORT:-8000}" config.wsgi:application
# --8<-- [end:django]
# --8<-- [start:daphne]
daphne -b 127.0.0.1 -p "${PORT:-8000}" config.asgi:application
# --8<-- [end:daphne]
