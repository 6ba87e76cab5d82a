# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:flask]
export FLASK_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex(32))')"
flask --app compare.forms.flask_app run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi]
uvicorn compare.forms.fastapi_app:app --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django]
python -m django runserver --settings compare.forms.django_app.settings "${PORT:-8000}"
# --8<-- [end:django]
