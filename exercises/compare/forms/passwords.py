"""The forms exercise's rule, checked alike in the three frameworks: two passwords match exactly when
the strings are equal, a password is kept as typed, and no answer repeats it.

Each framework's checks.py hands in `send(data)`, which posts the sign-up and returns
`(status, location, body)`, and `kept(data)`, the two passwords its form (or model) keeps after
validation, or None when it refuses them. The pairs are drawn from a generator seeded by the answer's
own files (as the auth exercise's are): the same answer gets the same pairs, and an answer cannot be
fitted to them, since they change with every edit of it."""

import hashlib
import random
import string
from urllib.parse import unquote_plus

from guide_tools.exercises.support import readers_folder

LONG = 64  # the longest password case: NIST SP 800-63B asks that at least 64 characters be allowed


def _rng() -> random.Random:
    """A generator seeded by every .py file of the reader's folder."""
    folder = readers_folder().resolve()
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return random.Random(int.from_bytes(digest.digest()[:8], "big"))


def _words(count: int = 2) -> list[str]:
    """Random passwords of 16 letters and digits, each starting with a letter (a case to flip)."""
    rng = _rng()
    return [rng.choice(string.ascii_letters) + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(15))
            for _ in range(count)]


def shown(password: str) -> str:
    """A password as a message prints it: a long one as its first 20 characters and an ellipsis."""
    return repr(password) if len(password) <= 40 else f"{password[:20]!r}…"


def shown_pair(pair: tuple[str, str] | None) -> str:
    return "None" if pair is None else f"({shown(pair[0])}, {shown(pair[1])})"


def equal_passwords() -> list[str]:
    """Passwords a user may type twice, each of which must be accepted and kept exactly."""
    out = []
    for word in _words():
        out += [word[:12], word, word + " b\u00e4ttery \u00f1 \u0436 \ud55c", word + "e\u0301", word + "\uff11\uff12\uff13", f" {word}  ", (word * LONG)[:LONG]]
    return [*out, " " * 12]  # twelve spaces: twelve characters, typed (a blank password is not a missing one)


def different_pairs() -> dict[str, list[tuple[str, str]]]:
    """Pairs that differ, by how they differ, both ways round."""
    pairs: dict[str, list[tuple[str, str]]] = {"prefix": [], "spaces": [], "normalised": [], "case": [], "tail": []}
    for word in _words():
        pairs["prefix"] += [(word, word[:-4]), (word[:-4], word)]
        pairs["spaces"] += [(word, word + " "), (word + " ", word), (" " + word, word), (word, " " + word),
                            ("\t" + word, word), (word, word + "\n"), (word + "\r\n", word)]
        long = (word * 5)[:76]  # past bcrypt's 72 bytes: a comparison of truncated values misses the last one
        pairs["tail"] += [(long + "1", long + "2"), (long + "2", long + "1")]
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
            f"[comparison_crashes] password {shown(password)} with confirmation {shown(confirm)} raised {type(error).__name__}: {error}") from None


def equal_passwords_are_kept_as_typed(send, kept) -> None:
    for password in equal_passwords():
        status, _, _ = sent(send, password, password)
        if len(password) == 12 or len(password) >= LONG:
            tag = ("[blank_refused] " if password.isspace() else "[twelve_refused] " if len(password) == 12
                   else "[long_password_refused] ")
            assert status in (302, 303), (
                f"{tag}the same password of {len(password)} characters typed twice, {shown(password)}, "
                f"answered {status}, expected a redirect")
        assert status in (302, 303), (
            f"[equal_refused] the same password typed twice, {shown(password)}, answered {status}, expected a redirect")
        got = kept(signup(password, password))
        assert got == (password, password), (
            f"[not_kept_as_typed] the same password typed twice, {shown(password)}, is kept as {shown_pair(got)}")


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
    got = first_accepted(send, pairs["tail"])
    assert got is None, (
        f"[tail_ignored] two passwords of {len(got[0])} characters that differ only in the last one answered {got[2]}, "
        f"expected 422")


def no_answer_repeats_the_password(send) -> None:
    """Every submission, refused or not: neither password is in the body or the redirect's URL. The
    passwords sent all start with the same 8 letters and digits (in either case: the case pairs flip
    them), which JSON and HTML leave as they are, so finding those 8, whatever their case, finds any
    copy of either password, escaped or not."""
    word = _words()[0]
    core = word[:8].casefold()
    submissions = [(word[:8], word[:8]), (word[:8], word), *(pair for pairs in different_pairs().values() for pair in pairs)]
    for password, confirm in submissions:
        if not password.strip().casefold().startswith(core) or not confirm.strip().casefold().startswith(core):
            continue  # the other seed word's pairs: the same rule, once is enough
        status, location, body = sent(send, password, confirm)
        assert core not in unquote_plus(location).casefold(), (
            f"[password_in_the_answer] password {password!r} with confirmation {confirm!r} redirects to {location!r}, which repeats it")
        at = body.casefold().find(core)
        assert at < 0, (
            f"[password_in_the_answer] the {status} to password {password!r} with confirmation {confirm!r} repeats it: "
            f"{body[max(0, at - 80):at + 40]!r}")
