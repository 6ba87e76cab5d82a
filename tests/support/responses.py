"""Reading a response the same way whichever test client produced it (Werkzeug, httpx, Django)."""

from __future__ import annotations

import json
from typing import Any


def body(response) -> str:
    """The body as text. A Django streaming response is consumed by this call."""
    if hasattr(response, "get_data"):  # Werkzeug (Flask test client)
        return response.get_data(as_text=True)
    if getattr(response, "streaming", False):  # Django streaming response
        return b"".join(response.streaming_content).decode()
    if hasattr(response, "streaming"):  # Django
        return response.content.decode()
    return response.text  # httpx


def json_of(response) -> Any:
    """The body parsed as JSON, whatever the JSON media type (`application/problem+json` too)."""
    return json.loads(body(response))
