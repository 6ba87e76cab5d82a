"""A Content Security Policy in Flask: a nonce per request in `g`, the header in `after_request`."""

import secrets

from flask import Flask, g, render_template_string

app = Flask(__name__)

POLICY = "default-src 'self'; script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'"
PAGE = '<script nonce="{{ g.csp_nonce }}">console.log("allowed")</script>'


@app.before_request
def make_nonce():
    g.csp_nonce = secrets.token_urlsafe(16)  # (1)!


@app.after_request
def set_policy(response):
    nonce = g.get("csp_nonce") or secrets.token_urlsafe(16)  # (2)!
    response.headers["Content-Security-Policy"] = POLICY.format(nonce=nonce)  # (3)!
    response.headers["Cache-Control"] = "no-store"  # (4)!
    return response


@app.get("/")
def page():
    return render_template_string(PAGE)
