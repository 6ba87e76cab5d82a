"""Battery: the Django settings a chapter teaches stay in the reader's settings.py.

The auth chapter's settings carry `CsrfViewMiddleware`, which protects every view that does not
check CSRF itself: a settings.py without it leaves every form of the site open to a forged POST.
"""

CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "settings.py's MIDDLEWARE has no {}: every view that does not check CSRF itself takes a forged POST": {
        "ko": "settings.py의 MIDDLEWARE에 {0}이(가) 없습니다. CSRF를 직접 확인하지 않는 모든 뷰가 위조된 POST를 받아들입니다",
        "ru": "в MIDDLEWARE файла settings.py нет {0}: любое представление, которое само не проверяет CSRF, примет поддельный POST"},
}


def check_csrf_middleware(settings) -> None:
    assert CSRF_MIDDLEWARE in settings.MIDDLEWARE, (
        f"[csrf_middleware_removed] settings.py's MIDDLEWARE has no {CSRF_MIDDLEWARE}: "
        "every view that does not check CSRF itself takes a forged POST")
