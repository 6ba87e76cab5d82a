# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:fastapi]
uvicorn performance.architecture.fastapi_app:app --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:drf]
gunicorn performance.architecture.drf_app.wsgi --bind "127.0.0.1:${PORT:-8000}"
# --8<-- [end:drf]
# --8<-- [start:drf-threads]
gunicorn performance.architecture.drf_app.wsgi --bind "127.0.0.1:${PORT:-8000}" --threads 8
# --8<-- [end:drf-threads]
# --8<-- [start:fastapi-gunicorn]
gunicorn performance.architecture.fastapi_app:app --bind "127.0.0.1:${PORT:-8000}" \
  --worker-class uvicorn_worker.UvicornWorker
# --8<-- [end:fastapi-gunicorn]
