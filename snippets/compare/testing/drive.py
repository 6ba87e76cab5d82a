"""Why compare/testing.md's outputs do not run in the browser (CONTRIBUTING.md, "Runnable
listings"): most are pytest's or Django's test runner's report, which tests/compare/test_testing.py
runs in a subprocess with the command run.sh shows; the others are what a test catches (an
exception, or a response from an app made in the test), not a request to the topic's app.
Nothing here runs on the page: no APPS, no OUTPUTS; only the reason the page gives under each output."""

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
    "flask_without_testing.txt": "an app the test makes with create_app() and its own configuration; the error is logged to the console",
}
