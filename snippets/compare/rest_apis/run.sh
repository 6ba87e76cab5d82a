# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:flask]
flask --app compare.rest_apis.flask_app run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi]
uvicorn compare.rest_apis.fastapi_app:app --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django]
python -m django migrate --run-syncdb --settings compare.rest_apis.django_app.settings
python -m django runserver --settings compare.rest_apis.django_app.settings "${PORT:-8000}"
# --8<-- [end:django]
