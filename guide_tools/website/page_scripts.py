"""Scripts and stylesheets that only some pages load, added to a built page: run.js where an
output runs in the browser, exercise.js where an exercise can be checked on the page (each after
client.js, the runtime's client both use, added once), overview.js where the overview of exercises
shows what the reader solved, the chooser's module and stylesheet on the chooser's page. Scripts go
before `</body>`, a stylesheet before `</head>` (render-blocking only where it is used). Each is
found by the same relative path as the site's other scripts, taken from the a11y.js tag every page
has."""

from __future__ import annotations

import re

A11Y = re.compile(r'<script src="(?P<base>[^"]*)assets/javascripts/a11y\.js"')


def _base(page_html: str, asset: str) -> str:
    found = A11Y.search(page_html)
    if found is None:
        raise ValueError(f"no a11y.js script tag to find the assets' path by, for {asset}: guide_tools/website/page_scripts.py")
    return found["base"]


def add(page_html: str, marker: str, script: str, unwrap: re.Pattern[str] | None = None, module: bool = False) -> str:
    """`script` (a path under the site's root, `assets/runtime/run.js`) on a page whose HTML holds
    `marker`, deferred (or as an ES module, deferred too); `unwrap` takes the placeholders out of the
    paragraph Markdown wraps them in."""
    if marker not in page_html:
        return page_html
    if unwrap is not None:
        page_html = unwrap.sub(r"\1", page_html)
    kind = 'type="module"' if module else "defer"
    tag = f'<script src="{_base(page_html, script)}{script}" {kind}></script>'
    if tag in page_html:  # client.js, wanted by both run.js and exercise.js
        return page_html
    return page_html.replace("</body>", tag + "</body>", 1)


def add_stylesheet(page_html: str, marker: str, stylesheet: str) -> str:
    """`stylesheet` (a path under the site's root) at the end of the head of a page whose HTML holds `marker`."""
    if marker not in page_html:
        return page_html
    tag = f'<link rel="stylesheet" href="{_base(page_html, stylesheet)}{stylesheet}">'
    return page_html.replace("</head>", tag + "</head>", 1)


CLIENT = "assets/runtime/client.js"  # SbsRuntime: what run.js and exercise.js run their jobs through
