# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:django]
python -m django migrate --run-syncdb --settings compare.orm.django_app.settings
python -m django runserver --settings compare.orm.django_app.settings "${PORT:-8000}"
# --8<-- [end:django]
# --8<-- [start:django-write]
curl -s -c cookies.txt "http://127.0.0.1:${PORT:-8000}/books" -o /dev/null
token=$(awk '$6 == "csrftoken" { print $7 }' cookies.txt)
curl -s -b cookies.txt -H "X-CSRFToken: $token" -H "Content-Type: application/json" \
  -d '{"name": "Mary Shelley"}' "http://127.0.0.1:${PORT:-8000}/authors"
# --8<-- [end:django-write]
# --8<-- [start:postgres]
export DATABASE_URL="postgresql+psycopg://app@db.internal:5432/library?connect_timeout=5"
# --8<-- [end:postgres]
