"""The requests behind the responses compare/rest_apis.md shows (out/*.txt).

tests/compare/test_rest_apis.py checks each output with these requests, each on a fresh app with
an empty database, and the page's Run button sends the same ones in the browser
(guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings"). BEFORE holds the requests
an output needs first, not shown: the tasks it lists, changes or deletes.
"""

APPS = {
    "flask": ("compare.rest_apis.flask_app:create_app", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}),
    "fastapi": "compare.rest_apis.fastapi_app:app",
    # The settings the page shows, with a page size of 2, so that three tasks make two pages
    # (DRF's clients cannot choose it; Flask's and FastAPI's ask for ?per_page=2).
    "django": ("compare.rest_apis.django_app.settings", {"REST_FRAMEWORK": {"PAGE_SIZE": 2}}),
}
SLASH = {"flask": "", "fastapi": "", "django": "/"}  # Django's URLs end with a slash
JSON = "\nContent-Type: application/json\n\n"
FIRST = '{"title": "Write the chapter", "priority": 2}'
MORE = ['{"title": "Review it"}', '{"title": "Publish it", "done": true}']
CREATE = {framework: [f"POST /tasks{slash}{JSON}{body}" for body in [FIRST, *MORE]] for framework, slash in SLASH.items()}
FIRST_PAGE = {"flask": "GET /tasks?per_page=2", "fastapi": "GET /tasks?per_page=2", "django": "GET /tasks/"}
# Each captured output: (framework, the requests it shows, the headers it shows).
OUTPUTS = {
    **{f"{framework}_create.txt": (framework, CREATE[framework][0], ["content-type"]) for framework in APPS},
    **{f"{framework}_list.txt": (framework, FIRST_PAGE[framework], ["content-type"]) for framework in APPS},
    **{f"{framework}_update.txt": (framework, [f"PATCH /tasks/1{slash}{JSON}" '{"done": true}',
                                               f"PUT /tasks/1{slash}{JSON}" '{"title": "Write the REST chapter"}'],
                                   ["content-type"]) for framework, slash in SLASH.items()},
    **{f"{framework}_delete.txt": (framework, [f"DELETE /tasks/1{slash}", f"GET /tasks/1{slash}"], ["content-type"])
       for framework, slash in SLASH.items()},
    **{f"{framework}_invalid.txt": (framework, f"POST /tasks{slash}{JSON}" '{"title": "   ", "priority": "high"}',
                                    ["content-type"]) for framework, slash in SLASH.items()},
    **{f"{framework}_patch_null.txt": (framework, f"PATCH /tasks/2{slash}{JSON}" '{"title": null}', ["content-type"])
       for framework, slash in SLASH.items()},
}
# What each output needs first: three tasks to list, the first task to change or delete, a second to PATCH.
BEFORE = {
    **{f"{framework}_list.txt": CREATE[framework] for framework in APPS},
    **{f"{framework}_{name}.txt": CREATE[framework][:1] for framework in APPS for name in ("update", "delete")},
    **{f"{framework}_patch_null.txt": CREATE[framework][:2] for framework in APPS},
}
NOT_IN_BROWSER = {
    "fastapi_openapi.txt": "an excerpt of the schema that the test cuts from /openapi.json, not a whole response",
}
EDITABLE = {
    "flask": ["compare/rest_apis/flask_app.py", "compare/rest_apis/task_schemas.py"],
    "fastapi": ["compare/rest_apis/fastapi_app.py", "compare/rest_apis/task_schemas.py"],
    "django": ["compare/rest_apis/django_app/views.py", "compare/rest_apis/django_app/serializers.py",
               "compare/rest_apis/django_app/models.py", "compare/rest_apis/django_app/urls.py",
               "compare/rest_apis/django_app/settings.py"],
}
