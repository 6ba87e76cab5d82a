"""Exercise (static files): a fingerprinted file is not cached. Cache it for a year, and only it."""

from flask import Flask

app = Flask(__name__)  # serves the folder static/ next to this file at /static/
