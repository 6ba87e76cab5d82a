# --8<-- [start:wsgi]
from flask import Flask

app = Flask(__name__)


class WSGIMiddleware:
    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        print("WSGI middleware: enter")

        def start_response_logged(status, headers, exc_info=None):
            print(f"WSGI middleware: response starts ({status})")  # (1)!
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, start_response_logged)
        finally:
            print("WSGI middleware: exit")


app.wsgi_app = WSGIMiddleware(app.wsgi_app)  # (2)!
# --8<-- [end:wsgi]


# --8<-- [start:hooks]
@app.before_request
def before_one():
    print("before_request 1")  # (1)!


@app.before_request
def before_two():
    print("before_request 2")


@app.after_request
def after_one(response):
    print(f"after_request 1 ({response.status_code})")  # (2)!
    return response


@app.after_request
def after_two(response):
    print(f"after_request 2 ({response.status_code})")
    return response


@app.teardown_request
def teardown(error):
    print(f"teardown_request (error: {error!r})")  # (3)!


@app.get("/hello")
def hello():
    print("view")
    return {"message": "Hello"}


@app.get("/boom")
def boom():
    print("view raises")
    raise RuntimeError("boom")
# --8<-- [end:hooks]
