# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:flask]
flask --app compare.errors.flask_app run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi]
uvicorn compare.errors.fastapi_app:app --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django]
python -m django runserver --settings compare.errors.django_app.settings "${PORT:-8000}"
# --8<-- [end:django]
