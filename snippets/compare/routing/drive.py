"""The requests behind the responses compare/routing.md shows (out/*.txt).

tests/compare/test_routing.py checks each output with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable
listings").
"""

APPS = {
    "flask": "compare.routing.flask_app:app",
    "fastapi": "compare.routing.fastapi_app:app",
    "django": "compare.routing.django_app.settings",
}
REQUESTS = {
    "static": "GET /",
    "int_param": "GET /blog/7",
    "bad_query": "GET /search?page=two",
    "trailing_slash": "GET /guide",
    "reverse": "GET /blog/",
    "wrong_type": "GET /blog/abc",
    "unknown_path": "GET /nowhere",
    "wrong_method": "DELETE /items",
}
# Each captured output: (framework, request). out/flask_static.txt is Flask's answer to GET /.
OUTPUTS = {f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "flask": ["compare/routing/flask_app.py", "compare/routing/flask_blog.py"],
    "fastapi": ["compare/routing/fastapi_app.py", "compare/routing/fastapi_blog.py"],
    "django": ["compare/routing/django_app/urls.py", "compare/routing/django_app/views.py",
               "compare/routing/django_app/blog/urls.py", "compare/routing/django_app/blog/views.py",
               "compare/routing/django_app/settings.py"],
}
