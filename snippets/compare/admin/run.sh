# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:flask-setup]
export FLASK_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex(32))')"
flask --app compare.admin.flask_app create-admin ada
# --8<-- [end:flask-setup]
# --8<-- [start:flask]
flask --app compare.admin.flask_app run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi-setup]
export ADMIN_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex(32))')"
python -m compare.admin.fastapi_create_admin ada
# --8<-- [end:fastapi-setup]
# --8<-- [start:fastapi]
uvicorn compare.admin.fastapi_app:create_app --factory --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django-setup]
export DJANGO_SETTINGS_MODULE=compare.admin.django_site.settings
export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
python -m django migrate
python -m django createsuperuser
# --8<-- [end:django-setup]
# --8<-- [start:django]
export DJANGO_DEBUG=1
python -m django runserver "${PORT:-8000}"
# --8<-- [end:django]
