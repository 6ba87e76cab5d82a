"""The REST APIs exercise's rules over the whole app, the same in the three frameworks: each framework's
checks.py makes `call(method, body=None, book_id=1) -> (status, body)` on its test client (a `Raw` body
is sent as its text, with its Content-Type) and calls these with its status for invalid input, `bad`.

The rules, stated by the chapter's task: every write (PUT, PATCH, and any other method on the book's URL)
refuses a body that is not a JSON object with a 4xx, never a 500; a title is a JSON string (`""`
included) and a year a JSON integer (`0` included; no float, numeric string, boolean or null), on PUT
and PATCH alike; a refused write changes nothing and every later GET still answers the book; each PATCH
applies to the book as it is now (after the PATCHes and PUTs before it); `{}` changes nothing and
answers the book. Deterministic, so the terminal and the browser's Check run the same requests.
"""

import json
from typing import NamedTuple

DUNE = {"title": "Dune", "year": 1965}
WRITES = ("PUT", "PATCH", "POST")  # POST: any other write the app grows on /books/1 must refuse them too
NOT_OBJECTS = ([], ["Dune", 1966], "Dune", 1966, 1966.5, None, True, False)
# Values that are not of the field's type, each with the cause a PATCH that accepts it is told.
NOT_A_YEAR = ((1966.0, "year_not_integer"), (1966.5, "year_not_integer"), (1e300, "year_not_integer"),
              ("1966", "year_not_integer"), ("١٩٦٦", "year_not_integer"), ([1966], "year_not_integer"),
              (True, "bool_as_year"), (False, "bool_as_year"), (None, "null_accepted"))
NOT_A_TITLE = ((42, "some_fields_unchecked"), (0, "some_fields_unchecked"), (True, "some_fields_unchecked"),
               (["Dune"], "some_fields_unchecked"), ({"en": "Dune"}, "some_fields_unchecked"), (None, "null_accepted"))


class Raw(NamedTuple):
    text: str
    type: str

    def __str__(self) -> str:
        return f"{self.text!r} (Content-Type: {self.type})"  # no English words: it is a value in ko and ru messages


def sent_as_json(value: object) -> Raw:
    return Raw(json.dumps(value), "application/json")  # a JSON `null` too, which a client's json=None leaves out


def check_writes_refuse_what_is_not_an_object(call, bad) -> None:
    for method in WRITES:
        for value in NOT_OBJECTS:
            shown = json.dumps(value)
            status, body = call(method, sent_as_json(value))
            tag = "[body_not_object] " if status >= 500 or status < 400 else ""
            assert 400 <= status < 500, f"{tag}{method} /books/1 with {shown} answered {status} {json.dumps(body)}, expected 4xx"
            status, book = call("GET")
            assert (status, book) == (200, DUNE), (
                f"[changed_before_validation] after a rejected {method} with {shown}, GET /books/1 answered "
                f"{status} {json.dumps(book, ensure_ascii=False)}, expected 200 {json.dumps(DUNE)}")


def check_fields_have_exact_types(call, bad) -> None:
    for method in ("PUT", "PATCH"):
        for field, values in (("year", NOT_A_YEAR), ("title", NOT_A_TITLE)):
            for value, cause in values:
                sent = {**DUNE, field: value} if method == "PUT" else {field: value}
                shown = json.dumps(sent, ensure_ascii=False)
                status, body = call(method, sent_as_json(sent))
                if method == "PUT":
                    tag = "[put_types_loose] " if status == 200 else ""
                else:  # the starter has no PATCH (405): its hint says to add it
                    tag = f"[{cause}] " if status != 405 else ""
                assert status == bad, f"{tag}{method} /books/1 with {shown} answered {status} {json.dumps(body, ensure_ascii=False)}, expected {bad}"
                status, book = call("GET")
                tag = "null_accepted" if value is None else "changed_before_validation"
                assert (status, book) == (200, DUNE), (
                    f"[{tag}] after a rejected {method} with {shown}, GET /books/1 answered "
                    f"{status} {json.dumps(book, ensure_ascii=False)}, expected 200 {json.dumps(DUNE)}")


# Each step: a write and the book it leaves. The book as it is now is what a PATCH changes: not the book
# as it was first, nor a copy kept from an earlier request. 0 and "" are a year and a title like any other.
STEPS = (
    ("PATCH", {"title": "Dune Messiah"}, {"title": "Dune Messiah", "year": 1965}),
    ("PATCH", {"year": 1969}, {"title": "Dune Messiah", "year": 1969}),
    ("PATCH", {}, {"title": "Dune Messiah", "year": 1969}),
    ("PUT", {"title": "Children of Dune", "year": 1976}, {"title": "Children of Dune", "year": 1976}),
    ("PATCH", {"year": 1977}, {"title": "Children of Dune", "year": 1977}),
    ("PATCH", {"year": 0}, {"title": "Children of Dune", "year": 0}),
    ("PATCH", {"title": ""}, {"title": "", "year": 0}),
    ("PATCH", {"title": "Dune", "year": -1}, {"title": "Dune", "year": -1}),
    # a title is stored as sent: spaces around it are part of it (str.strip(), str_strip_whitespace, DRF's trim)
    ("PATCH", {"title": "  Dune  "}, {"title": "  Dune  ", "year": -1}),
    ("PUT", {"title": "\tGod Emperor of Dune ", "year": 1981}, {"title": "\tGod Emperor of Dune ", "year": 1981}),
)


def _step_tag(status, body, sent, before, bad) -> str:
    """The cause of a step's wrong answer (of the write, or of the GET after it)."""
    if status == 405:  # the starter has no PATCH: its hint says to add it
        return ""
    if not sent:
        return "[empty_patch_refused] "
    if any(not value for value in sent.values()) and (status == bad or body == before):
        return "[falsy_value_ignored] "
    if status == 200 and isinstance(body, dict) and all(body.get(name) == value for name, value in sent.items()):
        return "[stale_copy_merged] "  # the fields sent are there, the others are not the book's current ones
    return ""


def check_patches_add_up(call, bad) -> None:
    before = DUNE
    for method, sent, after in STEPS:
        shown = json.dumps(sent, ensure_ascii=False)
        status, body = call(method, sent)
        tag = _step_tag(status, body, sent, before, bad) if (status, body) != (200, after) else ""
        assert status == 200 and body == after, (
            f"{tag}{method} /books/1 with {shown} on the book {json.dumps(before, ensure_ascii=False)} answered {status} "
            f"{json.dumps(body, ensure_ascii=False)}, expected 200 {json.dumps(after, ensure_ascii=False)}")
        status, book = call("GET")
        tag = _step_tag(status, book, sent, before, bad) if (status, book) != (200, after) else ""
        assert (status, book) == (200, after), (
            f"{tag}after {method} /books/1 with {shown}, GET /books/1 answered {status} {json.dumps(book, ensure_ascii=False)}, "
            f"expected 200 {json.dumps(after, ensure_ascii=False)}")
        before = after
