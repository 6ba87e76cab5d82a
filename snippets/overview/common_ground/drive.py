"""Why overview/common_ground.md's output does not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): tests/overview/test_common_ground.py calls four apps of three frameworks, as WSGI and
ASGI callables, in one run, and writes the lines itself. A Run loads one framework's stack (of the
wheels, Flask's 0.6 MB, FastAPI's 3 MB, Django's 2 MB: `python3 -m guide_tools.runtime.assemble`);
one output is not worth loading all three, and the lines are the test's, not a function's."""

NOT_IN_BROWSER = {
    "standards.txt": "four apps of three frameworks called in one run, in lines the test writes: a Run loads "
                     "one framework's stack, and one output is not worth all three: no request to send",
}
