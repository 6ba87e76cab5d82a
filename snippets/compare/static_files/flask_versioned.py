import hashlib
from datetime import timedelta
from functools import cache
from pathlib import Path

from flask import Flask, render_template

app = Flask(__name__, static_url_path="/assets")  # (1)!
app.config["SEND_FILE_MAX_AGE_DEFAULT"] = timedelta(days=365)  # (2)!


@cache
def file_version(filename: str) -> str:
    content = (Path(app.static_folder) / filename).read_bytes()
    return hashlib.sha256(content).hexdigest()[:12]


@app.url_defaults
def version_static_urls(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values:  # (3)!
        values.setdefault("v", file_version(values["filename"]))


@app.get("/")
def home():
    return render_template("flask_page.html")
