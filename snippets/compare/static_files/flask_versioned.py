import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, render_template, request
from werkzeug.security import safe_join

ONE_YEAR = 365 * 24 * 60 * 60


@cache
def file_version(path: str, modified_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def current_version(path: str) -> str:
    stat = Path(path).stat()  # a file changed in place is a new key, so a new hash
    return file_version(path, stat.st_mtime_ns, stat.st_size)


class VersionedFlask(Flask):
    def get_send_file_max_age(self, filename: str | None) -> int | None:  # (1)!
        path = safe_join(self.static_folder, filename) if filename else None
        if path and Path(path).is_file() and request.args.get("v") == current_version(path):
            return ONE_YEAR  # this URL names this content
        return None  # no-cache: the browser revalidates with the ETag


app = VersionedFlask(__name__, static_url_path="/assets")  # (2)!


@app.url_defaults
def version_static_urls(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values:  # (3)!
        values.setdefault("v", current_version(safe_join(app.static_folder, values["filename"])))


@app.get("/")
def home():
    return render_template("flask_page.html")
