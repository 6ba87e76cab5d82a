"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from fastapi import FastAPI, Request
from fastapi.middleware.httpsredirect import HTTPSRedirectMiddleware

app = FastAPI()
app.add_middleware(HTTPSRedirectMiddleware)  # HTTPS only


@app.get("/where")
def where(request: Request) -> dict[str, str]:
    return {"url": str(request.url)}  # what request.url_for() and redirects build on
