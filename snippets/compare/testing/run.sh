# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:flask]
python -m pytest compare/testing/test_flask_notes.py -q
# --8<-- [end:flask]
# --8<-- [start:fastapi]
python -m pytest compare/testing/test_fastapi_notes.py -q
# --8<-- [end:fastapi]
# --8<-- [start:django]
python -m pytest compare/testing/django_notes -q
# --8<-- [end:django]
# --8<-- [start:django-runner]
python -W error -m django test compare.testing.django_notes --settings compare.testing.django_notes.settings
# --8<-- [end:django-runner]
