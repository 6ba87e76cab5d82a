# --8<-- [start:setup]
import hashlib
import hmac
import math
import os
from pathlib import Path
from uuid import uuid4

from flask import Flask, abort, current_app, jsonify, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config.from_mapping(
    MAX_CONTENT_LENGTH=1024 * 1024,  # (1)!
    UPLOAD_FOLDER=Path(app.instance_path) / "uploads",  # (2)!
)
# --8<-- [end:setup]


# --8<-- [start:query]
@app.get("/search")
def search():
    q = request.args.get("q", "")  # (1)!
    tags = request.args.getlist("tag")  # (2)!
    return {"q": q, "tags": tags}
# --8<-- [end:query]


# --8<-- [start:form]
@app.post("/subscribe")
def subscribe():
    email = request.form["email"]  # (1)!
    topics = request.form.getlist("topic")
    return {"email": email, "topics": topics}
# --8<-- [end:form]


# --8<-- [start:json]
def not_json(constant):
    raise ValueError(f"{constant} is not JSON")


def finite(number):
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"{number} is too large for a float")
    return value


class JSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            return super().loads(s, parse_constant=not_json, parse_float=finite, **kwargs)  # (1)!
        except RecursionError:  # (2)!
            raise ValueError("JSON nested too deeply") from None


app.json = JSONProvider(app)


@app.post("/items")
def create_item():
    item = request.get_json()  # (3)!
    try:
        return jsonify(received=item), 201
    except RecursionError:  # (4)!
        abort(400, "JSON nested too deeply")
# --8<-- [end:json]


# --8<-- [start:headers]
@app.get("/whoami")
def whoami():
    return {
        "user_agent": request.headers.get("User-Agent"),  # (1)!
        "request_id": request.headers.get("X-Request-ID"),
        "theme": request.cookies.get("theme", "light"),  # (2)!
    }
# --8<-- [end:headers]


# --8<-- [start:raw]
def signed(body: bytes, signature: str) -> bool:
    secret = os.environ.get("WEBHOOK_SECRET")  # (1)!
    if not secret:
        raise RuntimeError("Set WEBHOOK_SECRET: the sender signs each delivery with it.")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())  # (2)!


@app.post("/webhook")
def webhook():
    body = request.get_data()  # (3)!
    if not signed(body, request.headers.get("X-Signature", "")):
        return {"error": "bad signature"}, 403
    return {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
# --8<-- [end:raw]


# --8<-- [start:upload]
@app.post("/upload")
def upload():
    file = request.files.get("file")  # (1)!
    if file is None:
        abort(400, "a file field named 'file' is required")
    safe_name = secure_filename(file.filename or "")  # (2)!
    if not safe_name:
        abort(400, "the file name has no usable characters")
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    stored_as = f"{uuid4().hex}_{safe_name[-100:]}"  # (3)!
    file.save(folder / stored_as)  # (4)!
    size = (folder / stored_as).stat().st_size
    return {"filename": file.filename, "stored_as": stored_as, "size": size}, 201
# --8<-- [end:upload]
