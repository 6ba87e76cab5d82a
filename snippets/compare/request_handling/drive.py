"""The requests behind the responses compare/request_handling.md shows (out/*.txt).

tests/compare/test_request_handling.py checks these outputs with these requests, and the page's
Run button sends the same ones in the browser (guide_tools/runtime/drive.py; CONTRIBUTING.md,
"Runnable listings").
"""

APPS = {
    "flask": "compare.request_handling.flask_app:app",
    "fastapi": "compare.request_handling.fastapi_app:app",
    "django": "compare.request_handling.django_app.settings",
}
REQUESTS = {
    "query": "GET /search?q=orm&q=sql&tag=a&tag=b",
    "form_missing": "POST /subscribe\nContent-Type: application/x-www-form-urlencoded\n\ntopic=orm",
    "json_invalid": 'POST /items\nContent-Type: application/json\n\n{"name": "pen",',
    "json_wrong_type": 'POST /items\nContent-Type: text/plain\n\n{"name": "pen", "price": 1.5}',
}
# Each captured output: (framework, request). out/flask_query.txt is Flask's answer to the query.
OUTPUTS = {f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()}
NOT_IN_BROWSER = {
    **{f"{framework}_upload_traversal.txt": "not declared yet: a multipart upload written to a folder" for framework in APPS},
    **{f"{framework}_upload_too_large.txt": "not declared yet: a multipart upload written to a folder"
       for framework in ("flask", "fastapi")},
    **{f"django_upload_too_large.{stack}.txt": "not declared yet: a multipart upload, one output per stack"
       for stack in ("lts", "latest")},
    "whoami.txt": "not declared yet: three apps in one transcript",
    "webhook.txt": "not declared yet: three apps in one transcript",
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "flask": ["compare/request_handling/flask_app.py"],
    "fastapi": ["compare/request_handling/fastapi_app.py"],
    "django": ["compare/request_handling/django_app/views.py", "compare/request_handling/django_app/urls.py",
               "compare/request_handling/django_app/middleware.py", "compare/request_handling/django_app/settings.py"],
}
