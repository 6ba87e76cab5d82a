# --8<-- [start:fixtures]
import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from compare.testing.fastapi_notes import Base, Note, app, get_session


@pytest.fixture
def engine():
    engine = create_engine(
        "sqlite://",
        connect_args={"check_same_thread": False},
        poolclass=StaticPool,  # (1)!
    )
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def client(engine):
    def session_per_request():  # (2)!
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = session_per_request
    with TestClient(app) as client:  # (3)!
        yield client
    app.dependency_overrides.clear()  # (4)!
# --8<-- [end:fixtures]


# --8<-- [start:tests]
def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_list_notes(client, engine):
    with Session(engine) as session:
        session.add_all([Note(text="first"), Note(text="second"), Note(text="third")])
        session.commit()
    response = client.get("/notes", params={"limit": 2})
    assert response.json() == [{"id": 1, "text": "first"}, {"id": 2, "text": "second"}]


def test_add_note(client):
    response = client.post("/notes", json={"text": "first"})
    assert (response.status_code, response.json()) == (201, {"id": 1, "text": "first"})
    assert client.get("/notes").json() == [{"id": 1, "text": "first"}]  # (1)!


def test_limit_is_validated(client):  # (2)!
    for limit, error in [(500, "less_than_equal"), (0, "greater_than_equal")]:
        response = client.get("/notes", params={"limit": limit})
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == error
# --8<-- [end:tests]


# --8<-- [start:async]
@pytest.fixture
def anyio_backend():
    return "asyncio"  # (1)!


@pytest.mark.anyio
async def test_health_async():
    transport = httpx2.ASGITransport(app=app)  # (2)!
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/health")
    assert response.json() == {"status": "ok"}
# --8<-- [end:async]
