"""Serve an app under another prefix and follow every link its pages write.

A path written by hand (`/books/...` in a template, an f-string in a model) looks the same as a
reversed one until the app is mounted elsewhere; there it no longer names the prefix. `crawl`
follows every `href`, `action` and `src` of every page reached, and every `Location`, and checks
each names the prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from urllib.parse import urlsplit

LINK = re.compile(r"""\b(?:href|action|src)\s*=\s*["']([^"']*)["']""")


def prefixed_urlconf(prefix: str, urlconf: str) -> ModuleType:
    """A ROOT_URLCONF that serves the dotted `urlconf` under `prefix` ("library/")."""
    from django.urls import include, path

    module = ModuleType(f"prefixed_{prefix.strip('/')}")
    module.urlpatterns = [path(prefix, include(urlconf))]
    return module


def crawl(get: Callable, starts: list[str], prefix: str) -> dict[str, str]:
    """GET each start path, then every path its pages link to; each must answer 200 or a redirect
    and every link must start with `prefix`. Returns {path: body} of the pages reached."""
    seen: dict[str, str] = {}
    todo = list(starts)
    while todo:
        target = todo.pop()
        if target in seen:
            continue
        response = get(target)
        assert response.status_code in (200, 301, 302, 303, 307, 308), (target, response.status_code)
        body = response.get_data(as_text=True) if hasattr(response, "get_data") else response.content.decode()
        seen[target] = body
        links = LINK.findall(body)
        if "Location" in response.headers:
            links.append(response.headers["Location"])
        for link in links:
            parts = urlsplit(link)
            if not parts.path:  # "?page=2", "#top": the same path
                if parts.query:
                    todo.append(urlsplit(target).path + "?" + parts.query)
                continue
            assert parts.path.startswith(prefix), f"{target} links to {link!r}, outside {prefix}"
            todo.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen
