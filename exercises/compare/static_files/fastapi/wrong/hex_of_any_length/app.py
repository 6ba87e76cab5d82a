"""Exercise (static files): a fingerprinted file is not cached. Cache it for a year, and only it."""

import os
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

FINGERPRINTED = re.compile(r"\.[0-9a-f]+\.\w+$")  # app.3f2a1b9c.css: the name changes with the content


class CachedStaticFiles(StaticFiles):
    def file_response(self, full_path: os.PathLike | str, stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        if FINGERPRINTED.search(str(full_path)):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


app = FastAPI()
app.mount("/static", CachedStaticFiles(directory=Path(__file__).parent / "static"), name="static")
