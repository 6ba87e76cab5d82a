"""The requests behind compare/project_structure.md's two outputs that are responses (the one-file
apps' GET /), and why the others do not run in the browser (contributing/runnable-listings.md, "Runnable listings"):
they are file trees, manage.py and flask commands, and the errors an app stops on while it is
imported or started, which tests/compare/test_project_structure.py produces, mostly in a
subprocess. The test sends these requests, and the page's Run sends the same ones in the browser."""

APPS = {"flask": "compare.project_structure.flask_single:app", "fastapi": "compare.project_structure.fastapi_single:app"}
OUTPUTS = {"flask_single.txt": ("flask", "GET /"), "fastapi_single.txt": ("fastapi", "GET /")}
EDITABLE = {"flask": ["compare/project_structure/flask_single.py"], "fastapi": ["compare/project_structure/fastapi_single.py"]}
TREE = "a file tree: no Python to run"
COMMAND = "a command for a terminal"
IMPORT = "an error in a fresh interpreter's imports (its test runs it in a subprocess): a command for a terminal"
NOT_IN_BROWSER = {
    **{f"{name}_tree.txt": TREE for name in ("django_project", "django_startproject", "django_startproject_here",
                                             "flask_layout", "fastapi_layout")},
    "django_check_deploy.lts.txt": f"manage.py check --deploy: {COMMAND}",
    "django_check_deploy.latest.txt": f"manage.py check --deploy: {COMMAND}",
    "django_project_test.txt": f"manage.py check and manage.py test: {COMMAND}",
    "flask_routes.txt": f"flask routes: {COMMAND}",
    "django_app_not_installed.txt": IMPORT,
    "flask_import_cycle.txt": IMPORT,
    "fastapi_missing_secret.txt": "an error the app stops on at start-up (its lifespan), not a response: no request to send",
}
