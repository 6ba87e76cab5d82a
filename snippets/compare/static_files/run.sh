# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:flask]
flask --app compare.static_files.flask_app run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi]
uvicorn compare.static_files.fastapi_app:app --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django]
DJANGO_DEBUG=1 python -m django runserver --settings compare.static_files.django_app.settings "${PORT:-8000}"
# --8<-- [end:django]
# --8<-- [start:collectstatic]
python -m django collectstatic --noinput --settings compare.static_files.django_app.settings
# --8<-- [end:collectstatic]
# --8<-- [start:production]
export DJANGO_SETTINGS_MODULE=compare.static_files.django_app.production
python -m django collectstatic --noinput
gunicorn compare.static_files.django_app.wsgi --bind "127.0.0.1:${PORT:-8000}"
# --8<-- [end:production]
