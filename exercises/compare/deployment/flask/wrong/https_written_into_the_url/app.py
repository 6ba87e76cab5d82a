"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/where")
def where():
    return {"url": request.url.replace("http://", "https://", 1)}  # what url_for(..., _external=True) and redirects build on
