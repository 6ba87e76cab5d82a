"""The token store both apps check against: API_TOKENS="alice:<token>,bob:<token>" in the environment."""

import hmac
import os


def find_user(token: str) -> str | None:
    """The user a bearer token belongs to, or None."""
    found = None
    for entry in os.environ.get("API_TOKENS", "").split(","):
        user, _, known = entry.strip().partition(":")
        if known and hmac.compare_digest(known.encode(), token.encode()):  # (1)!
            found = user
    return found
