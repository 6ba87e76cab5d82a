"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from fastapi import FastAPI, Request
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1"])  # the proxy passes Host on
# What `uvicorn --proxy-headers --forwarded-allow-ips 127.0.0.1` does, as part of the app:
app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=["127.0.0.1"])


@app.get("/where")
def where(request: Request) -> dict[str, str]:
    return {"url": str(request.url)}  # what request.url_for() and redirects build on
