"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/where")
def where():
    url = request.url
    if request.headers.get("X-Forwarded-Proto", "").split(",")[-1].strip() == "https":  # the proxy's value
        url = "https://" + url.split("://", 1)[1]
    return {"url": url}  # what url_for(..., _external=True) and redirects build on
