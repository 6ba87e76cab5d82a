"""Battery: the Django settings a chapter teaches stay in the reader's settings.py.

The auth chapter's settings carry `CsrfViewMiddleware`, which protects every view that does not
check CSRF itself: a settings.py without it leaves every form of the site open to a forged POST.
"""

CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"


def check_csrf_middleware(settings) -> None:
    assert CSRF_MIDDLEWARE in settings.MIDDLEWARE, (
        f"[csrf_middleware_removed] settings.py's MIDDLEWARE has no {CSRF_MIDDLEWARE}: "
        "every view that does not check CSRF itself takes a forged POST")
