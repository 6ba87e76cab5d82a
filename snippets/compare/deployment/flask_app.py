import os
import threading
import time

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # (1)!


@app.get("/")
def whoami():
    return {
        "framework": "flask",
        "pid": os.getpid(),  # (2)!
        "thread": threading.current_thread().name,
        "scheme": request.scheme,
        "client": request.remote_addr,
    }


@app.get("/slow")
def slow():
    time.sleep(0.5)  # (3)!
    return whoami()
