"""Checks the three responses exercises share: each framework's checks.py passes `fetch(path,
headers=None, method="GET")`, which answers its test client's response, and `parts(response)`,
which answers (status, headers with lower-case names, body bytes).

A download is the same for every client: a browser's navigation sends `Accept: text/html`, a
`Mozilla/5.0` User-Agent and `Sec-Fetch-Dest: document`, and an answer chosen by those headers (the
old inline page for a browser) is the bug the task fixes. A `Content-Length` counts bytes, not
characters. The report is read with GET and HEAD, nothing else.
"""

from guide_tools.exercises.support import content_disposition, media_type

BROWSER = {  # what Chrome sends when the reader clicks a link to the report
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin",
    "Sec-Fetch-User": "?1", "Upgrade-Insecure-Requests": "1",
}


def what_a_client_reads(parts, response) -> tuple:
    status, headers, body = parts(response)
    return (status, media_type(headers.get("content-type")), content_disposition(headers.get("content-disposition")),
            body)


def a_browser_gets_the_same_download(fetch, parts) -> None:
    plain = what_a_client_reads(parts, fetch("/report.csv"))
    browser = what_a_client_reads(parts, fetch("/report.csv", headers=BROWSER))
    assert browser == plain, (
        f"[depends_on_the_request] a browser's request for /report.csv (Accept: text/html, a Mozilla User-Agent, "
        f"Sec-Fetch-Dest: document) got {browser[:3]!r}, another client {plain[:3]!r}: the download must not depend "
        "on who asks")


def length_counts_bytes(parts, response) -> None:
    _, headers, body = parts(response)
    length = headers.get("content-length")
    assert length is None or int(length) == len(body), (
        f"[length_in_characters] Content-Length is {length}, but the body is {len(body)} bytes: a server cuts the "
        "body short or fails; count the bytes of the encoded text, or let the framework set it")


def only_get_and_head(fetch, parts, head: bool) -> None:
    for method in ("POST", "PUT", "DELETE"):
        status = parts(fetch("/report.csv", method=method))[0]
        assert status == 405, (
            f"[other_methods_allowed] {method} /report.csv answered {status}, expected 405: the report is read with "
            "GET (and HEAD) only")
    if head:
        status = parts(fetch("/report.csv", method="HEAD"))[0]
        assert status == 200, f"[head_refused] HEAD /report.csv answered {status}, expected 200, as GET does"
