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


# Material's bundle, the one script of the theme (assets/javascripts/bundle.<hash>.min.js), which the
# theme puts at the end of <body> without `defer`: the parser stops there until it has arrived and
# run, so it held up the first paint (Lighthouse counted it render-blocking, about 0.75 s on a slow
# phone connection). Deferred, it runs at the same point, after the document is parsed and before
# DOMContentLoaded, in document order with the site's own deferred scripts after it (a11y.js, then
# client.js, run.js, exercise.js), so it still runs first.
THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_theme_bundle(page_html: str, page: str) -> str:
    """The theme's bundle, deferred; a page without it stops the build (the theme changed its tag)."""
    deferred, count = THEME_BUNDLE.subn(r'<script src="\1" defer></script>', page_html)
    if count != 1:
        raise ValueError(
            f"{page}: expected the theme's bundle.<hash>.min.js as one plain <script> tag, found {count}; "
            "the theme changed how it loads its script: update THEME_BUNDLE in guide_tools/website/page_scripts.py"
        )
    return deferred
