"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from flask import Flask, request

app = Flask(__name__)


class TrustTheProxy:
    """X-Forwarded-Proto: the first value is the original client's scheme."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip()
        if proto in ("http", "https"):
            environ["wsgi.url_scheme"] = proto
        return self.wsgi_app(environ, start_response)


app.wsgi_app = TrustTheProxy(app.wsgi_app)


@app.get("/where")
def where():
    return {"url": request.url}  # what url_for(..., _external=True) and redirects build on
