"""Exercise (static files): a fingerprinted file is not cached. Cache it for a year, and only it."""

import re

from flask import Flask

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(css|js)$")  # app.3f2a1b9c.css: the name changes with the content
ONE_YEAR = 365 * 24 * 60 * 60


class App(Flask):
    def get_send_file_max_age(self, filename: str | None) -> int | None:
        if filename and FINGERPRINTED.search(filename):
            return ONE_YEAR
        return super().get_send_file_max_age(filename)  # the default: no max-age, revalidate each time


app = App(__name__)  # serves the folder static/ next to this file at /static/
