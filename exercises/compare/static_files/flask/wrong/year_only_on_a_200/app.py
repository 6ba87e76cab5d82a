"""Exercise (static files): a fingerprinted file is not cached. Cache it for a year, and only it."""

import re

from flask import Flask, Response, request

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.\w+$")  # app.3f2a1b9c.css: the name changes with the content
ONE_YEAR = 365 * 24 * 60 * 60


app = Flask(__name__)  # serves the folder static/ next to this file at /static/


@app.after_request
def cache_fingerprinted(response: Response) -> Response:
    # only a file that was found: a 404 must not be cached for a year
    if response.status_code == 200 and request.endpoint == "static" and FINGERPRINTED.search(request.path):
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
