# --8<-- [start:fixtures]
import pytest
from sqlalchemy import inspect

from compare.testing.flask_notes import Note, create_app, db, page_size


@pytest.fixture
def app():
    app = create_app({
        "TESTING": True,  # (1)!
        "SQLALCHEMY_DATABASE_URI": "sqlite://",  # (2)!
        "NOTES_PAGE_SIZE": 2,
    })
    with app.app_context():  # (3)!
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()  # (4)!


@pytest.fixture
def client(app):
    return app.test_client()
# --8<-- [end:fixtures]


# --8<-- [start:tests]
def test_health(client):  # (1)!
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_list_notes(app, client):
    with app.app_context():  # (2)!
        db.session.add_all([Note(text="first"), Note(text="second"), Note(text="third")])
        db.session.commit()
    response = client.get("/notes")
    assert response.get_json() == [{"id": 1, "text": "first"}, {"id": 2, "text": "second"}]


def test_add_note(client):
    response = client.post("/notes", json={"text": "first"})
    assert (response.status_code, response.get_json()) == (201, {"id": 1, "text": "first"})
    assert client.get("/notes").get_json() == [{"id": 1, "text": "first"}]  # (3)!


def test_page_size(app):
    with app.test_request_context("/notes?limit=500"):  # (4)!
        assert page_size() == 2
    with app.test_request_context("/notes?limit=0"):
        assert page_size() == 1


def test_init_db_command(app):
    with app.app_context():  # (5)!
        db.drop_all()
        result = app.test_cli_runner().invoke(args=["init-db"])
        assert inspect(db.engine).has_table("note")
    assert result.output == "Created the notes table.\n"
# --8<-- [end:tests]
