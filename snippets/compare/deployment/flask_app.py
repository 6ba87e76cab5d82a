import os
import threading
import time

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["www.example.com"]  # (1)!
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # (2)!


def health_check(wsgi_app):
    def middleware(environ, start_response):
        if environ["PATH_INFO"] == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return wsgi_app(environ, start_response)

    return middleware


app.wsgi_app = health_check(app.wsgi_app)  # (3)!


@app.get("/")
def whoami():
    return {
        "framework": "flask",
        "pid": os.getpid(),  # (4)!
        "thread": threading.current_thread().name,
        "scheme": request.scheme,
        "client": request.remote_addr,
    }


@app.get("/slow")
def slow():
    time.sleep(0.5)  # (5)!
    return whoami()
