"""Why compare/migrations.md's outputs do not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): none is a response to a request. They are flask db, alembic and manage.py commands,
which tests/compare/test_migrations.py runs in subprocesses on a copy of the project, and the
migration files those commands wrote. Nothing here runs on the page: no APPS, no OUTPUTS; only
the reason the page gives under each output."""

COMMAND = "a command for a terminal"
FILE = "a migration file a command generated: no request to send"
COMMANDS = {
    "flask": ("init", "first", "check", "downgrade"),
    "fastapi": ("init", "first", "check", "sql", "downgrade", "no_server_default", "not_up_to_date", "type_change",
                "create_all", "edited_applied", "rename"),
    "django": ("first", "status", "check", "no_default", "second", "rollback", "rename", "edited_applied", "no_package"),
}
TOOL = {"flask": "flask db", "fastapi": "alembic", "django": "manage.py"}
NOT_IN_BROWSER = {
    **{f"{framework}_{name}.txt": f"{TOOL[framework]}: {COMMAND}" for framework, names in COMMANDS.items() for name in names},
    **{f"{framework}_{name}_migration.txt": FILE for framework in ("flask", "fastapi") for name in ("first", "second")},
    "django_0001_initial.txt": FILE,
    "django_0002_post_published.txt": FILE,
}
