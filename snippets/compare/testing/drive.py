"""What compare/testing.md's outputs need (contributing/runnable-listings.md, "Runnable listings"): most are pytest's
or Django's test runner's report, which tests/compare/test_testing.py runs in a subprocess with the
command run.sh shows; others are what a test catches (an exception, not a response). One runs on
the page: the generic 500 of a Flask app made without TESTING, whose tables were never created
(the exception goes to the log, which the page does not show)."""

OUTPUTS = {"flask_without_testing.txt": ("flask", "GET /notes")}
# the app the test makes: create_app() with its own configuration (no TESTING), tables never created
OUTPUT_APPS = {"flask_without_testing.txt": ("compare.testing.flask_notes:create_app", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})}
EDITABLE = {"flask_without_testing.txt": ["compare/testing/flask_notes.py"]}

PYTEST = "a pytest run: a command for a terminal"
RUNNER = "Django's test runner (manage.py test): a command for a terminal"
CAUGHT = "an exception the test catches, not a response: no request to send"
NOT_IN_BROWSER = {
    **{f"{framework}_{name}.txt": PYTEST for framework in ("flask", "fastapi", "django") for name in ("run", "broken")},
    "django_broken.txt": RUNNER,
    "django_runner_run.txt": RUNNER,
    "fastapi_without_with.txt": CAUGHT,
    "django_without_db_mark.txt": CAUGHT,
    "flask_with_testing.txt": CAUGHT,
}
