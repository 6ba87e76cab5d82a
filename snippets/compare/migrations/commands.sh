# The migration commands of the Migrations chapter, in the order the page runs them.
# Run each section in its project folder (flask_project/, fastapi_project/, django_project/),
# inside the guide's environment.

# --8<-- [start:flask-init]
flask db init
# --8<-- [end:flask-init]
# --8<-- [start:flask-first]
flask db migrate -m "create posts table"
flask db upgrade
# --8<-- [end:flask-first]
# --8<-- [start:flask-check]
flask db check
# --8<-- [end:flask-check]
# --8<-- [start:flask-second]
flask db migrate -m "add published to posts"
flask db upgrade
# --8<-- [end:flask-second]
# --8<-- [start:flask-lock-timeout]
PGOPTIONS="-c lock_timeout=2s" flask db upgrade
# --8<-- [end:flask-lock-timeout]
# --8<-- [start:flask-downgrade]
flask db downgrade
flask db current
# --8<-- [end:flask-downgrade]

# --8<-- [start:fastapi-init]
alembic init migrations
# --8<-- [end:fastapi-init]
# --8<-- [start:fastapi-first]
alembic revision --autogenerate -m "create posts table"
alembic upgrade head
# --8<-- [end:fastapi-first]
# --8<-- [start:fastapi-check]
alembic check
# --8<-- [end:fastapi-check]
# --8<-- [start:fastapi-second]
alembic revision --autogenerate -m "add published to posts"
alembic upgrade head
# --8<-- [end:fastapi-second]
# --8<-- [start:fastapi-sql]
alembic upgrade head --sql
# --8<-- [end:fastapi-sql]
# --8<-- [start:fastapi-lock-timeout]
PGOPTIONS="-c lock_timeout=2s" alembic upgrade head
# --8<-- [end:fastapi-lock-timeout]
# --8<-- [start:fastapi-downgrade]
alembic downgrade -1
alembic current
# --8<-- [end:fastapi-downgrade]

# --8<-- [start:django-first]
python manage.py makemigrations blog
python manage.py migrate
# --8<-- [end:django-first]
# --8<-- [start:django-status]
python manage.py showmigrations blog
python manage.py sqlmigrate blog 0001
# --8<-- [end:django-status]
# --8<-- [start:django-check]
python manage.py makemigrations --check
# --8<-- [end:django-check]
# --8<-- [start:django-second]
python manage.py makemigrations blog
python manage.py sqlmigrate blog 0002
python manage.py migrate
# --8<-- [end:django-second]
# --8<-- [start:django-lock-timeout]
PGOPTIONS="-c lock_timeout=2s" python manage.py migrate
# --8<-- [end:django-lock-timeout]
# --8<-- [start:django-rollback]
python manage.py migrate blog 0001
python manage.py showmigrations blog
# --8<-- [end:django-rollback]
