# Commands of the "How to use this guide" page. The dev.py lines run in the guide's root folder;
# the server lines run in its snippets/ folder, inside the environment (`python3 dev.py shell`).
# --8<-- [start:serve]
python3 dev.py serve
# --8<-- [end:serve]
# --8<-- [start:shell]
python3 dev.py shell
# --8<-- [end:shell]
# --8<-- [start:flask]
flask --app compare.routing.flask_app run --debug --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:fastapi]
uvicorn compare.routing.fastapi_app:app --reload --port "${PORT:-8000}"
# --8<-- [end:fastapi]
# --8<-- [start:django]
DJANGO_DEBUG=1 python -m django runserver --settings compare.routing.django_app.settings "${PORT:-8000}"
# --8<-- [end:django]
# --8<-- [start:test]
python3 dev.py test
# --8<-- [end:test]
# --8<-- [start:fast]
python3 dev.py fast
# --8<-- [end:fast]
# --8<-- [start:one-file]
python3 dev.py test tests/compare/test_routing.py
# --8<-- [end:one-file]
# --8<-- [start:one-test]
python3 dev.py test tests/compare/test_routing.py -k trailing_slash
# --8<-- [end:one-test]
# --8<-- [start:one-stack]
python3 dev.py test --stack latest tests/compare/test_routing.py
# --8<-- [end:one-stack]
# --8<-- [start:update]
python3 dev.py test --update-outputs
# --8<-- [end:update]
# --8<-- [start:exercise-list]
python3 dev.py exercise
# --8<-- [end:exercise-list]
# --8<-- [start:exercise-run]
python3 dev.py exercise routing/flask
# --8<-- [end:exercise-run]
# --8<-- [start:exercise-watch]
python3 dev.py exercise routing/flask --watch
# --8<-- [end:exercise-watch]
# --8<-- [start:exercise-solution]
python3 dev.py exercise routing/flask --solution
# --8<-- [end:exercise-solution]
# --8<-- [start:exercise-reset]
python3 dev.py exercise routing/flask --reset
# --8<-- [end:exercise-reset]
# --8<-- [start:exercise-lang]
python3 dev.py exercise routing --lang ko
# --8<-- [end:exercise-lang]
# --8<-- [start:exercise-latest]
python3 dev.py exercise routing/flask --stack latest
# --8<-- [end:exercise-latest]
# --8<-- [start:exercise-check-all]
python3 dev.py exercise --check-all
# --8<-- [end:exercise-check-all]
