"""Battery: the session cookie an app sets at login is HttpOnly and SameSite Lax or Strict (the auth
chapter's sessions): no script of the page reads the session, and no other site's request carries it.
The caller gives the Set-Cookie headers the app itself sends when a user logs in, so settings,
middleware and the framework's defaults all count as they would in production.
"""


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
