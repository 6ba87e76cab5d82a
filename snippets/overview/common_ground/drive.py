"""Why overview/common_ground.md's output does not run in the browser (CONTRIBUTING.md, "Runnable
listings"): tests/overview/test_common_ground.py calls four apps of three frameworks, as WSGI and
ASGI callables, in one run, and a Run loads one framework's stack."""

NOT_IN_BROWSER = {
    "standards.txt": "not declared yet: four apps of three frameworks called in one run (a Run loads one "
                     "framework's stack), in lines the test writes",
}
