"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/hello", response_class=HTMLResponse)
def hello(name: str = "world") -> str:
    name = name.replace("<script>", "&lt;script&gt;").replace("</script>", "&lt;/script&gt;")  # no scripts
    return f"<p>Hello, {name}!</p>"
