"""The requests behind the responses performance/dependency_injection.md shows (out/*.txt).

tests/performance/test_dependency_injection.py checks each output with these requests and this
token store, and the page's Run button sends the same ones in the browser
(guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings").
"""

APPS = {
    "fastapi": "performance.dependency_injection.fastapi_app:app",
    "django": {
        "ROOT_URLCONF": "performance.dependency_injection.drf_app.urls",
        # DRF's request.user of a request without credentials is Django's AnonymousUser (contrib.auth).
        "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    },
}
# The token store tokens.py reads: made-up tokens of the length secrets.token_urlsafe(32) gives.
ALICE = "not-a-secret-example-token-for-alice-000000"
ENVIRON = {"API_TOKENS": f"alice:{ALICE}, bob:not-a-secret-example-token-for-bob-00000000"}
PROFILE = [f"GET /profile\nAuthorization: Bearer {ALICE}", "GET /profile",
           "GET /profile\nAuthorization: Bearer not-a-token"]
# Each captured output: (framework, the requests it shows); DRF's is Django's.
OUTPUTS = {"fastapi_profile.txt": ("fastapi", PROFILE), "drf_profile.txt": ("django", PROFILE)}
# The page shows a token as <token>, whatever the store holds.
NORMALISE = [(r"Bearer [A-Za-z0-9_-]{43}", "Bearer <token>")]
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "fastapi": ["performance/dependency_injection/fastapi_app.py", "performance/dependency_injection/tokens.py"],
    "django": ["performance/dependency_injection/drf_app/authentication.py",
               "performance/dependency_injection/drf_app/views.py", "performance/dependency_injection/drf_app/urls.py",
               "performance/dependency_injection/tokens.py"],
}
