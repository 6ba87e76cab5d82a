"""Battery: the session cookie an app sets at login is HttpOnly and SameSite Lax or Strict (the auth
chapter's sessions): no script of the page reads the session, and no other site's request carries it.
The caller gives the Set-Cookie headers the app itself sends when a user logs in, so settings,
middleware and the framework's defaults all count as they would in production.
"""


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "the cookie {} set at login has no HttpOnly flag: any script on the page could read the session": {
        "ko": "로그인할 때 설정된 쿠키 {0}에 HttpOnly 플래그가 없습니다. 페이지의 어떤 스크립트든 세션을 읽을 수 있습니다",
        "ru": "у cookie {0}, установленной при входе, нет флага HttpOnly: любой скрипт на странице мог бы прочесть сессию"},
    "the cookie {} set at login has no SameSite, expected Lax or Strict: each browser would decide whether other sites' requests carry the session": {
        "ko": "로그인할 때 설정된 쿠키 {0}에 SameSite가 없습니다. 기대한 값: Lax 또는 Strict. 이대로면 다른 사이트의 요청에 세션 쿠키를 실을지 브라우저마다 따로 정합니다",
        "ru": "у cookie {0}, установленной при входе, нет SameSite, ожидалось Lax или Strict: уходит ли она с запросами других сайтов, решал бы каждый браузер сам"},
    "the cookie {} set at login has SameSite={}, expected Lax or Strict: other sites' requests would carry the session": {
        "ko": "로그인할 때 설정된 쿠키 {0}의 SameSite: {1}, 기대한 값: Lax 또는 Strict. 이대로면 다른 사이트의 요청에 세션이 실립니다",
        "ru": "у cookie {0}, установленной при входе, SameSite={1}, ожидалось Lax или Strict: такая cookie уходила бы и с запросами других сайтов"},
}


def check_login_cookies(set_cookies: list[str]) -> None:
    """The cookies the app sets when a user logs in (each a Set-Cookie header) are HttpOnly and
    SameSite Lax or Strict: no script of the page reads the session, and no other site's form or
    request carries it. A cookie without SameSite is refused too: how it travels is then each browser's
    own default (Chromium treats it as Lax, with a two-minute exception for top-level POSTs; Firefox and
    Safari send it with other sites' requests). Flask writes none unless SESSION_COOKIE_SAMESITE is set,
    Django none when it is None."""
    for header in set_cookies:
        name = header.split("=", 1)[0].strip()
        attributes = {}
        for part in header.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            attributes[key.strip().lower()] = value.strip()
        assert "httponly" in attributes, (
            f"[cookie_readable_by_scripts] the cookie {name} set at login has no HttpOnly flag: "
            "any script on the page could read the session")
        samesite = attributes.get("samesite")
        assert samesite is not None, (
            f"[samesite_not_set] the cookie {name} set at login has no SameSite, expected Lax or Strict: "
            "each browser would decide whether other sites' requests carry the session")
        assert samesite.lower() in ("lax", "strict"), (
            f"[cookie_sent_cross_site] the cookie {name} set at login has SameSite={samesite}, expected Lax or "
            "Strict: other sites' requests would carry the session")
