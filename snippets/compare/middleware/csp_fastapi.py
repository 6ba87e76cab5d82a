"""A Content Security Policy in FastAPI: a middleware makes the nonce and sets the header."""

import secrets

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

app = FastAPI()

POLICY = "default-src 'self'; script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'"


@app.middleware("http")
async def content_security_policy(request: Request, call_next):
    request.state.csp_nonce = secrets.token_urlsafe(16)  # (1)!
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = POLICY.format(nonce=request.state.csp_nonce)
    response.headers["Cache-Control"] = "no-store"  # (3)!
    return response


@app.get("/", response_class=HTMLResponse)
def page(request: Request) -> str:
    return f'<script nonce="{request.state.csp_nonce}">console.log("allowed")</script>'  # (2)!
