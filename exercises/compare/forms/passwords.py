"""The forms exercise's rule, checked alike in the three frameworks: two passwords match exactly when
the strings are equal, a password is kept as typed, and no answer repeats it.

Each framework's checks.py hands in `send(data)`, which posts the sign-up and returns
`(status, location, body)`, and `kept(data)`, the two passwords its form (or model) keeps after
validation, or None when it refuses them. The pairs are generated from a seed, so every run sends the
same ones and an answer cannot be fitted to a single pair."""

import random
import string
from urllib.parse import unquote_plus

SEED = 45


def _words(count: int = 2) -> list[str]:
    """Random passwords of 16 letters and digits, each starting with a letter (a case to flip)."""
    rng = random.Random(SEED)
    return [rng.choice(string.ascii_letters) + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(15))
            for _ in range(count)]


def equal_passwords() -> list[str]:
    """Passwords a user may type twice, each of which must be accepted and kept exactly."""
    out = []
    for word in _words():
        out += [word, word + " b\u00e4ttery \u00f1 \u0436 \ud55c", word + "e\u0301", word + "\uff11\uff12\uff13", f" {word}  ", word * 40]
    return out


def different_pairs() -> dict[str, list[tuple[str, str]]]:
    """Pairs that differ, by how they differ, both ways round."""
    pairs: dict[str, list[tuple[str, str]]] = {"prefix": [], "spaces": [], "normalised": [], "case": []}
    for word in _words():
        pairs["prefix"] += [(word, word[:-4]), (word[:-4], word)]
        pairs["spaces"] += [(word, word + " "), (word + " ", word), (" " + word, word), (word, " " + word)]
        pairs["normalised"] += [(word + "\uff11\uff12", word + "12"), (word + "12", word + "\uff11\uff12"),
                                (word + "e\u0301", word + "\u00e9"), (word + "\u00e9", word + "e\u0301")]
        pairs["case"] += [(word, word[0].swapcase() + word[1:]), (word.swapcase(), word)]
    return pairs


def signup(password: str, confirm: str) -> dict[str, str]:
    return {"username": "ada", "password": password, "password_confirm": confirm}


def sent(send, password: str, confirm: str) -> tuple[int, str, str]:
    """send() of this pair; what the app raised (the test clients raise it) as the check's failure."""
    try:
        return send(signup(password, confirm))
    except Exception as error:
        raise AssertionError(
            f"[comparison_crashes] password {password!r} with confirmation {confirm!r} raised {type(error).__name__}: {error}") from None


def equal_passwords_are_kept_as_typed(send, kept) -> None:
    for password in equal_passwords():
        status, _, _ = sent(send, password, password)
        assert status in (302, 303), (
            f"[equal_refused] the same password typed twice, {password!r}, answered {status}, expected a redirect")
        got = kept(signup(password, password))
        assert got == (password, password), (
            f"[not_kept_as_typed] the same password typed twice, {password!r}, is kept as {got!r}")


def first_accepted(send, pairs: list[tuple[str, str]]) -> tuple[str, str, int] | None:
    """The first pair the app does not answer with 422, with the status it answered."""
    for password, confirm in pairs:
        status, _, _ = sent(send, password, confirm)
        if status != 422:
            return password, confirm, status
    return None


def different_passwords_are_refused(send) -> None:
    pairs = different_pairs()
    got = first_accepted(send, pairs["prefix"])
    assert got is None, f"[prefix_accepted] password {got[0]!r} with confirmation {got[1]!r} answered {got[2]}, expected 422"
    got = first_accepted(send, pairs["spaces"])
    assert got is None, f"[spaces_ignored] password {got[0]!r} with confirmation {got[1]!r} answered {got[2]}, expected 422"
    got = first_accepted(send, pairs["normalised"])
    assert got is None, f"[normalised] password {got[0]!r} with confirmation {got[1]!r} answered {got[2]}, expected 422"
    got = first_accepted(send, pairs["case"])
    assert got is None, f"[case_ignored] password {got[0]!r} with confirmation {got[1]!r} answered {got[2]}, expected 422"


def no_answer_repeats_the_password(send) -> None:
    """Every submission, refused or not: neither password is in the body or the redirect's URL. The
    passwords sent all start with the same 8 letters and digits, which JSON and HTML leave as they are,
    so finding those 8 finds any copy of either password, escaped or not."""
    word = _words()[0]
    submissions = [(word[:8], word[:8]), (word[:8], word), *(pair for pairs in different_pairs().values() for pair in pairs)]
    for password, confirm in submissions:
        if not password.strip().startswith(word[:8]) or not confirm.strip().startswith(word[:8]):
            continue  # the other seed word's pairs: the same rule, once is enough
        status, location, body = sent(send, password, confirm)
        core = word[:8]
        assert core not in unquote_plus(location), (
            f"[password_in_the_answer] password {password!r} with confirmation {confirm!r} redirects to {location!r}, which repeats it")
        assert core not in body, (
            f"[password_in_the_answer] the {status} to password {password!r} with confirmation {confirm!r} repeats it: "
            f"{body[max(0, body.find(core) - 80):body.find(core) + 40]!r}")
