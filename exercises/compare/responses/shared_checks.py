"""Checks the three responses exercises share: each framework's checks.py passes `fetch(path,
headers=None, method="GET")`, which answers its test client's response, and `parts(response)`,
which answers (status, headers with lower-case names, body bytes).

A download is the same for every client: a browser's navigation sends `Accept: text/html`, a
`Mozilla/5.0` User-Agent and `Sec-Fetch-Dest: document`, and an answer chosen by those headers (the
old inline page for a browser) is the bug the task fixes. A `Content-Length` counts bytes, not
characters. The report is read with GET and HEAD, nothing else. It is built in memory: on a
read-only disk (every opening of a file for writing refused) it is answered all the same.
"""

from guide_tools.exercises.support import content_disposition, media_type, read_only_disk

BROWSER = {  # what Chrome sends when the reader clicks a link to the report
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin",
    "Sec-Fetch-User": "?1", "Upgrade-Insecure-Requests": "1",
}


# What real clients send as User-Agent: browsers, command-line tools, HTTP libraries, an empty one.
# The download must not depend on any of them, nor on Accept (SF7: "inline" for curl and wget).
USER_AGENTS = (
    BROWSER["User-Agent"],
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "curl/8.5.0",
    "Wget/1.21.4",
    "HTTPie/3.2.2",
    "python-requests/2.32.3",
    "python-httpx/0.28.1",
    "Go-http-client/1.1",
    "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.19045; en-US) PowerShell/7.4.6",
    "",
)
ACCEPTS = (None, "*/*", BROWSER["Accept"], "text/csv", "application/json, */*;q=0.5", "text/plain")


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


def every_client_gets_the_same_download(fetch, parts) -> None:
    """The property behind "for every client that asks": the answer is the same whatever the
    User-Agent (a browser, curl, wget, HTTPie, a library, an empty one) and the Accept."""
    plain = what_a_client_reads(parts, fetch("/report.csv"))
    for agent in USER_AGENTS:
        for accept in ACCEPTS:
            headers = {"User-Agent": agent} | ({"Accept": accept} if accept is not None else {})
            got = what_a_client_reads(parts, fetch("/report.csv", headers=headers))
            assert got == plain, (
                f"[depends_on_the_request] a request for /report.csv with {headers!r} got {got[:3]!r}, one without "
                f"them {plain[:3]!r}: the download must not depend on who asks")


def built_in_memory(fetch) -> None:
    """GET /report.csv on a read-only disk: opening a file for writing fails, and no write is tried."""
    with read_only_disk() as writes:
        try:
            fetch("/report.csv")
        except Exception:  # the refused write, or a failure another check names
            if not writes:
                raise
    assert not writes, (
        f"[written_to_disk] on a read-only disk GET /report.csv tried to write {writes[0]!r}: expected the report "
        "built in memory, nothing written to disk")


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
