# Shell lines shown on the Project structure page; tests/compare/test_project_structure.py runs them.
# --8<-- [start:startproject]
django-admin startproject mysite
cd mysite
python manage.py startapp blog
# --8<-- [end:startproject]
# --8<-- [start:startproject-here]
mkdir mysite && cd mysite
django-admin startproject config .
# --8<-- [end:startproject-here]
# --8<-- [start:check-deploy]
python manage.py check --deploy
# --8<-- [end:check-deploy]
# --8<-- [start:flask-routes]
export FLASK_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex())')"
flask --app compare.project_structure.flask_layout routes
# --8<-- [end:flask-routes]
# --8<-- [start:flask]
export FLASK_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex())')"
flask --app compare.project_structure.flask_layout run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi]
export APP_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex())')"
uvicorn compare.project_structure.fastapi_layout.main:app --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django]
cd compare/project_structure/django_project
export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
python manage.py check
python manage.py test
# --8<-- [end:django]
