"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["localhost", "127.0.0.1"]  # the proxy passes the browser's Host on: answer only ours
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # exactly one proxy in front


@app.get("/where")
def where():
    return {"url": request.url}  # what url_for(..., _external=True) and redirects build on
