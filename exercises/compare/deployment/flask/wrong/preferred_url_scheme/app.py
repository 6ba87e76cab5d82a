"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from flask import Flask, request

app = Flask(__name__)
app.config["PREFERRED_URL_SCHEME"] = "https"  # the site is served over HTTPS


@app.get("/where")
def where():
    return {"url": request.url}  # what url_for(..., _external=True) and redirects build on
