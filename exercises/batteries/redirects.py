"""A redirect stays on the site: no parameter of the request picks where it goes (an open redirect).

`stays_on_site(send, host)`: `send(method, path, data, headers)` makes one request with the app's test
client (without following redirects; `headers` is a dict, empty or `{"Host": ...}`) and returns
`(status, location)`; `host` is the client's own host. The battery sends each route the usual parameter
names (`next`, `return_to`, ...) in the query string and in the form, each set to a known bypass,
follows every redirect the app answers within the site and requires each `Location` to be a path or the
app's own host, as a browser reads it. The `Host` header is the client's to write too: sent with a
forged one, a route that redirects must still name a path or the site's own host (not a `Location`
built from the header: `url_for(..., _external=True)`, `request.url_for()`, a `next` checked against
`request.get_host()`). Refusing the forged host (Django's `ALLOWED_HOSTS`, a 400) passes."""

import re
from urllib.parse import urlencode

TARGETS = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example",
           "%2F%2Fevil.example/", "/%2F/evil.example/", "\t//evil.example/", "/\t/evil.example/", " //evil.example/",
           "http://testserver@evil.example/", "javascript:alert(1)"]
NAMES = ["next", "next_url", "return_to", "returnTo", "redirect", "redirect_to", "redirect_uri", "url",
         "continue", "dest", "destination", "goto", "target", "came_from", "success_url", "back"]
SPECIAL = {"http", "https", "ws", "wss", "ftp"}
FORGED_HOST = "evil.example"  # the Host header an attacker's client sends (named in the messages)


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "{} {} sent with Host: evil.example redirects to {}: an address built from the request's Host header sends the user to another site": {
        "ko": "Host: evil.example 헤더를 붙인 {0} {1} 요청이 {2}(으)로 리다이렉트됩니다. 요청의 Host 헤더로 만든 주소가 사용자를 다른 사이트로 보냅니다",
        "ru": "{0} {1} с заголовком Host: evil.example перенаправляет на {2}: адрес, построенный из заголовка Host запроса, уводит пользователя на другой сайт"},
    "{} {} sent with Host: evil.example and next='//evil.example/' redirects to {}: a next checked against the request's Host header sends the user to another site": {
        "ko": "Host: evil.example 헤더와 next='//evil.example/'를 붙인 {0} {1} 요청이 {2}(으)로 리다이렉트됩니다. 요청의 Host 헤더와 비교해 검사한 next가 사용자를 다른 사이트로 보냅니다",
        "ru": "{0} {1} с заголовком Host: evil.example и next='//evil.example/' перенаправляет на {2}: next, проверенный по заголовку Host запроса, уводит пользователя на другой сайт"},
    "{} {} with next={} redirects to {}: an address from the request sends the user to another site": {
        "ko": "next={2}를 붙인 {0} {1} 요청이 {3}(으)로 리다이렉트됩니다. 요청에 담긴 주소가 사용자를 다른 사이트로 보냅니다",
        "ru": "{0} {1} с next={2} перенаправляет на {3}: адрес из запроса уводит пользователя на другой сайт"},
}


def host_of(location: str, base_scheme: str = "http") -> str | None:
    """The host a browser goes to for this Location (WHATWG URL parsing, for what matters here):
    "" for a path on the same site, None for a scheme a redirect should never name."""
    url = re.sub(r"[\t\n\r]", "", location).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    rest = url
    if scheme:
        name, rest = scheme.group(1).lower(), url[scheme.end():]
        if name not in SPECIAL:
            return None
        if name != base_scheme:  # another special scheme: the slashes do not matter
            rest = "//" + rest.lstrip("/\\")
    rest = rest.replace("\\", "/")  # a special URL reads \ as /
    if not rest.startswith("//"):
        return ""
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    return authority.rsplit("@", 1)[-1].split(":")[0].lower()


def stays_on_site(send, host: str, routes: list[tuple[str, str, dict]]) -> None:
    """Every route (method, path, form data) with every target: each redirect stays on `host`."""
    for method, path, data in routes:
        for target in TARGETS:
            params = dict.fromkeys(NAMES, target)
            url = f"{path}{'&' if '?' in path else '?'}{urlencode(params)}"
            status, location = send(method, url, {**data, **params} if method != "GET" else None, {})
            seen = 0
            while 300 <= status < 400 and location and seen < 5:
                where = host_of(location)
                assert where in ("", host.lower()), (
                    f"[open_redirect] {method} {path} with next={target!r} redirects to {location!r}: "
                    f"an address from the request sends the user to another site")
                status, location = send("GET", location, None, {})
                seen += 1
        forged = {"Host": FORGED_HOST}
        status, location = send(method, path, data if method != "GET" else None, forged)
        assert not (300 <= status < 400 and location and host_of(location) not in ("", host.lower())), (
            f"[host_header_redirect] {method} {path} sent with Host: evil.example redirects to {location!r}: "
            f"an address built from the request's Host header sends the user to another site")
        params = dict.fromkeys(NAMES, f"//{FORGED_HOST}/")
        url = f"{path}{'&' if '?' in path else '?'}{urlencode(params)}"
        status, location = send(method, url, {**data, **params} if method != "GET" else None, forged)
        assert not (300 <= status < 400 and location and host_of(location) not in ("", host.lower())), (
            f"[host_header_redirect] {method} {path} sent with Host: evil.example and next='//evil.example/' "
            f"redirects to {location!r}: a next checked against the request's Host header sends the user to another site")
