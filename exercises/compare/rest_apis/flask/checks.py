"""Checks of the REST APIs exercise, Flask: `python3 dev.py exercise rest_apis/flask`."""

import pytest
from exercises.batteries import debug
from exercises.compare.rest_apis import shared_checks as shared
from guide_tools.exercises.support import as_json
from app import BOOKS, app

# One module object for both: in the page's Python, `from ...shared_checks import Raw` could import the module
# afresh while `shared` is the package's attribute from an earlier Check, two Raw classes.
Raw = shared.Raw
BAD = 400


@pytest.fixture
def call(monkeypatch):
    app.config.update(TESTING=True)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # a crash is a 500, reported as a status
    client = app.test_client()

    def call(method, body=None, book_id=1):
        if isinstance(body, Raw):  # a body sent as its text, with its Content-Type (a JSON `null` too)
            response = client.open(f"/books/{book_id}", method=method, data=body.text, content_type=body.type)
        else:
            response = client.open(f"/books/{book_id}", method=method, json=body)
        # A body that is not JSON (Flask's HTML page for a 405) is shown as its media type, not as `null`.
        return response.status_code, response.get_json(silent=True) if response.is_json else response.mimetype

    return call


@pytest.fixture(autouse=True)
def fresh_books():
    BOOKS.clear()
    BOOKS[1] = {"title": "Dune", "year": 1965}
    BOOKS[2] = {"title": "Emma", "year": 1815}


def test_put_replaces_the_book(call, monkeypatch):
    status, body = call("PUT", {"title": "Dune Messiah", "year": 1969})
    assert status == 200 and body == {"title": "Dune Messiah", "year": 1969}, f"PUT /books/1 answered {status} {as_json(body)}"
    status, _ = call("PUT", {"year": 1969})
    assert status == BAD, (
        f"{'[put_became_partial] ' if status == 200 else ''}PUT /books/1 without a title answered {status}, "
        f"expected {BAD}: PUT sends the whole book")
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)


def test_patch_changes_only_what_is_sent(call):
    status, body = call("PATCH", {"year": 1966})
    tag = "[not_partial] " if status == BAD else ""
    assert status == 200, f"{tag}PATCH /books/1 with only the year answered {status}, expected 200"
    assert body == {"title": "Dune", "year": 1966}, (
        f'PATCH /books/1 with {{"year": 1966}} answered {as_json(body)}, expected {{"title": "Dune", "year": 1966}}')
    assert call("GET")[1] == {"title": "Dune", "year": 1966}, "GET /books/1 after the PATCH does not show it"
    status, body = call("PATCH", {"title": "Emma (annotated)"}, book_id=2)
    book_1 = call("GET")[1]
    assert book_1 == {"title": "Dune", "year": 1966}, f"[fits_book_id] PATCH /books/2 changed book 1 to {as_json(book_1)}"
    # Book 2 answered unchanged: the title sent was not merged (only some fields are), not a wrong book.
    tag = "[field_not_merged] " if status == 200 and body == {"title": "Emma", "year": 1815} else "[fits_book_id] "
    assert status == 200 and body == {"title": "Emma (annotated)", "year": 1815}, (
        f"{tag}PATCH /books/2 with a title answered {status} {as_json(body)}")
    status, body = call("PATCH", {"year": 2000}, book_id=99)
    assert status == 404, f"[unknown_book] PATCH /books/99 (no such book) answered {status} {as_json(body)}, expected 404"


@pytest.mark.parametrize(("patch", "cause"), [
    ({"year": "soon"}, None), ({"year": True}, "bool_as_year"), ({"title": 42}, "some_fields_unchecked"), ({"year": None}, "null_accepted"),
    ({"year": 1966, "price": 0}, "unknown_field"),
])
def test_patch_validates_what_is_sent(call, patch, cause):
    tag = f"[{cause}] " if cause else ""
    status, body = call("PATCH", patch)
    tag = tag or ("[patch_not_validated] " if status == 200 else "")
    assert status == BAD, f"{tag}PATCH /books/1 with {as_json(patch)} answered {status} {as_json(body)}, expected {BAD}"
    changed = call("GET")[1]
    assert changed == {"title": "Dune", "year": 1965}, (
        f"[changed_before_validation] a rejected PATCH with {as_json(patch)} changed the book to {as_json(changed)}")
    if cause is None:  # a body that is not JSON is refused, as PUT refuses it (400, 415), and changes nothing
        client = app.test_client()
        for text, content_type in (('{"year": 1966', "application/json"), ('{"year": 1966}', "text/plain")):
            response = client.patch("/books/1", data=text, content_type=content_type)
            changed = call("GET")[1]
            assert response.status_code in (400, 415) and changed == {"title": "Dune", "year": 1965}, (
                f"[not_json_accepted] PATCH /books/1 with {text!r} sent as {content_type} answered "
                f"{response.status_code} and left the book {as_json(changed)}, expected 400 or 415, as PUT answers")


def test_writes_refuse_a_body_that_is_not_an_object(call):
    shared.check_writes_refuse_what_is_not_an_object(call, BAD)


def test_fields_have_exact_types(call):
    shared.check_fields_have_exact_types(call, BAD)


def test_patches_add_up(call):
    shared.check_patches_add_up(call, BAD)
