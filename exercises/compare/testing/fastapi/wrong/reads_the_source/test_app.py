"""Your tests of app.py: `python3 dev.py exercise testing/fastapi` runs them against app.py and
against copies of it with a bug."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from app import Base, Note, app, get_session


@pytest.fixture
def session():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([Note(text="first"), Note(text="second"), Note(text="third")])
        session.commit()
        yield session
    engine.dispose()


@pytest.fixture
def client(session):
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def test_list_notes(client):
    response = client.get("/notes", params={"limit": 2})
    assert response.status_code == 200
    assert response.json() == [{"id": 1, "text": "first"}, {"id": 2, "text": "second"}]


def test_limit_is_validated():
    import inspect

    import app

    assert "Query(ge=1, le=100)" in inspect.getsource(app.list_notes)
