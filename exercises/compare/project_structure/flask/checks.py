"""Checks of the project structure exercise, Flask: `python3 dev.py exercise project_structure/flask`."""

from app import create_app


def greeting(app) -> object:
    app.config.update(TESTING=True)
    response = app.test_client().get("/hello")
    assert response.status_code == 200, f"GET /hello answered {response.status_code}, expected 200"
    return response.get_json()


def test_default_greeting(monkeypatch):
    monkeypatch.delenv("GREETING", raising=False)
    body = greeting(create_app())
    assert body == {"message": "Hello"}, f"GET /hello answered {body!r}, expected {{'message': 'Hello'}}"


def test_test_config_wins():
    body = greeting(create_app({"GREETING": "Hi"}))
    assert body == {"message": "Hi"}, f"create_app({{'GREETING': 'Hi'}}): GET /hello answered {body!r}, expected 'Hi'"


def test_environment_is_read_when_the_app_is_created(monkeypatch):
    monkeypatch.setenv("GREETING", "Ahoy")
    body = greeting(create_app())
    assert body == {"message": "Ahoy"}, f"with GREETING=Ahoy set before create_app(), GET /hello answered {body!r}"
