"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=2)  # two, to be safe


@app.get("/where")
def where():
    return {"url": request.url}  # what url_for(..., _external=True) and redirects build on
