"""The requests behind the responses compare/forms.md shows (out/*.txt).

tests/compare/test_forms.py checks each output with these requests; the page's Run button will
send the same ones in the browser once it has email_validator (guide_tools/runtime/drive.py;
CONTRIBUTING.md, "Runnable listings"). A form is posted as a browser posts it: URL-encoded, its
Content-Type said.
"""

APPS = {
    "fastapi": "compare.forms.fastapi_app:app",
}
FORM = "POST /signup\nContent-Type: application/x-www-form-urlencoded\n"
# The test's GOOD, BAD and MISMATCH (tests/compare/test_forms.py), URL-encoded as a browser sends them.
GOOD = "username=ada&email=ada%40example.com&age=&password=correct+horse&password_confirm=correct+horse"
BAD = "username=Al&email=not-an-email&age=12&password=secret12&password_confirm=secret21"
MISMATCH = "username=ada&email=ada%40example.com&age=&password=correct+horse&password_confirm=correct+horsf"
REQUESTS = {
    "json_created": 'POST /api/signup\nContent-Type: application/json\n\n{\n  "username": "ada",\n  "email": "ada@example.com",\n'
                    '  "age": 36,\n  "password": "correct horse",\n  "password_confirm": "correct horse"\n}',
    "form_success": FORM + "\n" + GOOD,
    "invalid": FORM + "\n" + BAD,
    "mismatch": FORM + "\n" + MISMATCH,
    "cross_site": FORM + "Origin: https://evil.example\n\n" + GOOD,
}
# out/fastapi_invalid.txt is FastAPI's answer to REQUESTS["invalid"]. They wait for email_validator in the
# browser: Pydantic's EmailStr (fastapi_models.py) imports it when the model is defined, and the Run
# stopped with ImportError (pins.EXTRAS loads a package only when a file imports it by name).
EMAIL = "not declared yet: Pydantic's EmailStr needs email_validator, which the browser's runtime lacks"
TOKEN = "not declared yet: the POST carries the CSRF token of the form a GET returned (the driver sends fixed requests)"
NOT_IN_BROWSER = {
    **{f"fastapi_{name}.txt": EMAIL for name in REQUESTS},
    "flask_mismatch_errors.txt": "the form's errors, printed by the test: no request to send",
    "django_mismatch_errors.txt": "the form's errors, printed by the test: no request to send",
    **{name: TOKEN for name in ("flask_success.txt", "flask_invalid.txt", "django_success.txt",
                                "django_invalid.lts.txt", "django_invalid.latest.txt")},
    # It runs as a conversation (BEFORE: the GET), but answers 500 in the browser: WTForms' Email() imports
    # email_validator only when it validates, and a Run loads the extras its files import (pins.EXTRAS).
    "flask_no_token.txt": "not declared yet: WTForms' Email() needs email_validator, which the browser's runtime lacks",
    **{f"django_no_token.{stack}.txt": "not declared yet: Django's test client checks CSRF only when made with "
                                       "enforce_csrf_checks=True, and the driver's is not" for stack in ("lts", "latest")},
}
EDITABLE = {
    "fastapi": ["compare/forms/fastapi_app.py", "compare/forms/fastapi_models.py"],
}
