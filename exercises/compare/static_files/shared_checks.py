"""The static files exercise's checks, the same in the three frameworks: each framework's checks.py
knows where its app's static folder is, makes the `get` fixture (`get(url, headers=None)` answers
the response of its test client) and calls these.

The one difference: the plain file whose middle part is made of hex letters (`index.de.html` for
Flask and FastAPI, `icon.add.svg` for Django), passed with its cause to
`a_plain_file_is_not_cached_for_long`.
"""

import re
from pathlib import Path

# Files the checks add next to the starter's, for the length of a check: a second fingerprinted file, and two
# plain ones that a rule by extension or by "two dots" would take for fingerprinted.
EXTRA_FILES = {"chart.0a1b2c3d4e.js": "/* a fingerprinted script */\n", "site.css": "/* a plain stylesheet */\n",
               "vendor.min.js": "/* minified, not fingerprinted */\n",
               "logo.5e6f7a8b90.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n'}  # fingerprinted, neither CSS nor JS
# Plain files whose names hold what a loose pattern takes for a fingerprint: hex digits without the dots
# around them, a long word between dots, a fingerprint-like folder. Each keeps its name when it changes.
LOOSE = {"report-20241231.txt": "a date, not a fingerprint\n", "app.settings.json": "{}\n",
         "build.20241231.d/notes.txt": "a folder's name, not the file's\n"}
EXTRA_FILES |= LOOSE


def extra_files(static: Path, files: dict[str, str]):
    """The body of each checks.py's `extra_files` fixture: writes `files` into `static` for one check,
    then removes them (never the reader's own files)."""
    made = [name for name in files if not (static / name).exists()]
    folders = [static / name.split("/")[0] for name in made if "/" in name and not (static / name.split("/")[0]).exists()]
    for name in made:
        (static / name).parent.mkdir(exist_ok=True)
        (static / name).write_text(files[name])
    yield
    for name in made:
        (static / name).unlink(missing_ok=True)
    for folder in folders:
        folder.rmdir()


def max_age(response) -> int | None:
    found = re.search(r"max-age=(\d+)", response.headers.get("cache-control", ""))
    return int(found.group(1)) if found else None


def the_stylesheet_is_served(get):
    response = get("/static/app.3f2a1b9c.css")
    assert response.status_code == 200, f"GET /static/app.3f2a1b9c.css answered {response.status_code}, expected 200"
    assert response.headers["content-type"].startswith("text/css"), f"Content-Type {response.headers['content-type']!r}"


def a_fingerprinted_file_is_cached_for_a_year(get):
    response = get("/static/app.3f2a1b9c.css")
    age = max_age(response)
    assert age is not None and age >= 31536000, (
        f"Cache-Control: {response.headers.get('cache-control')!r}; a fingerprinted file can be cached for a year or more")
    response = get("/static/chart.0a1b2c3d4e.js")
    age = max_age(response)
    assert response.status_code == 200 and age is not None and age >= 31536000, (
        f"[one_name_only] chart.0a1b2c3d4e.js, fingerprinted too, answered {response.status_code} with Cache-Control: "
        f"{response.headers.get('cache-control')!r}")
    response = get("/static/logo.5e6f7a8b90.svg")  # a rule for .css and .js only leaves images and fonts out
    age = max_age(response)
    assert response.status_code == 200 and age is not None and age >= 31536000, (
        f"[one_name_only] logo.5e6f7a8b90.svg, a fingerprinted image, answered {response.status_code} with Cache-Control: "
        f"{response.headers.get('cache-control')!r}")
    # A browser revalidates (a reload, a CDN) with the validators it kept; the 304 answer's headers replace the
    # stored ones (RFC 9111 4.3.4), so the 304 must keep the year too.
    first = get("/static/app.3f2a1b9c.css")
    validators = {asked: first.headers[sent] for asked, sent in (("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified"))
                  if sent in first.headers}
    if validators:
        again = get("/static/app.3f2a1b9c.css", validators)
        age = max_age(again)
        assert age is not None and age >= 31536000, (
            f"[revalidation_not_cached] a revalidation of app.3f2a1b9c.css ({', '.join(validators)}) answered "
            f"{again.status_code} with Cache-Control: {again.headers.get('cache-control')!r}")


def a_plain_file_is_not_cached_for_long(get, short_hex: str, cause: str):
    """`short_hex`: the framework's plain file whose middle part is hex letters; `cause`: its failure's tag."""
    response = get("/static/notes.txt")
    assert response.status_code == 200, f"GET /static/notes.txt answered {response.status_code}, expected 200"
    age = max_age(response)
    assert age is None or age <= 3600, (
        f"Cache-Control: {response.headers.get('cache-control')!r}; notes.txt keeps its name when it changes")
    response = get("/static/site.css")
    age = max_age(response)
    assert age is None or age <= 3600, (
        f"[by_extension] site.css is not fingerprinted and got Cache-Control: {response.headers.get('cache-control')!r}")
    response = get("/static/vendor.min.js")
    age = max_age(response)
    assert age is None or age <= 3600, (
        f"[two_dots_are_not_a_hash] vendor.min.js is not fingerprinted and got Cache-Control: "
        f"{response.headers.get('cache-control')!r}")
    for name in LOOSE:
        response = get(f"/static/{name}")
        age = max_age(response)
        assert response.status_code == 200 and (age is None or age <= 3600), (
            f"[loose_pattern] {name} is not fingerprinted and answered {response.status_code} with Cache-Control: "
            f"{response.headers.get('cache-control')!r}")
    response = get(f"/static/{short_hex}")
    age = max_age(response)
    tag = f"[{cause}] "
    assert response.status_code == 200 and (age is None or age <= 3600), (
        f"{tag}{short_hex} is not fingerprinted and answered {response.status_code} with Cache-Control: "
        f"{response.headers.get('cache-control')!r}")


def a_missing_file_is_not_cached(get):
    response = get("/static/app.0123abcd.css")
    assert response.status_code == 404, f"GET /static/app.0123abcd.css (no such file) answered {response.status_code}"
    age = max_age(response)
    assert age is None or age <= 3600, (
        f"[missing_file_cached] the 404 for a missing fingerprinted file got Cache-Control: "
        f"{response.headers.get('cache-control')!r}")
