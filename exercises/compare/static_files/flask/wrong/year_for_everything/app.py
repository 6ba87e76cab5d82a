"""Exercise (static files): a fingerprinted file is not cached. Cache it for a year, and only it."""

import re

from flask import Flask

ONE_YEAR = 365 * 24 * 60 * 60


app = Flask(__name__)  # serves the folder static/ next to this file at /static/
app.config["SEND_FILE_MAX_AGE_DEFAULT"] = ONE_YEAR  # static files are cached for a year
