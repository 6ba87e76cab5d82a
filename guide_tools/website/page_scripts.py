"""Scripts that only some pages load, added to a built page before `</body>`: run.js where an
output runs in the browser, exercise.js where an exercise can be checked on the page (each after
client.js, the runtime's client both use, added once), overview.js where the overview of exercises
shows what the reader solved. Each is found by the same relative path as the site's other scripts,
taken from the a11y.js tag every page has."""

from __future__ import annotations

import re

A11Y = re.compile(r'<script src="(?P<base>[^"]*)assets/javascripts/a11y\.js"')


def add(page_html: str, marker: str, script: str, unwrap: re.Pattern[str] | None = None) -> str:
    """`script` (a path under the site's root, `assets/runtime/run.js`) on a page whose HTML holds
    `marker`; `unwrap` takes the placeholders out of the paragraph Markdown wraps them in."""
    if marker not in page_html:
        return page_html
    if unwrap is not None:
        page_html = unwrap.sub(r"\1", page_html)
    found = A11Y.search(page_html)
    if found is None:
        raise ValueError(f"no a11y.js script tag to find the assets' path by, for {script}: guide_tools/website/page_scripts.py")
    tag = f'<script src="{found["base"]}{script}" defer></script>'
    if tag in page_html:  # client.js, wanted by both run.js and exercise.js
        return page_html
    return page_html.replace("</body>", tag + "</body>", 1)


CLIENT = "assets/runtime/client.js"  # SbsRuntime: what run.js and exercise.js run their jobs through
