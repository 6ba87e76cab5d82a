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


def test_test_config_wins(monkeypatch):
    monkeypatch.delenv("GREETING", raising=False)
    body = greeting(create_app({"GREETING": "Hi"}))
    assert body == {"message": "Hi"}, f"create_app({{'GREETING': 'Hi'}}): GET /hello answered {body!r}, expected 'Hi'"

    monkeypatch.setenv("GREETING", "Ahoy")  # a developer's shell may have it set
    body = greeting(create_app({"GREETING": "Hi"}))
    assert body == {"message": "Hi"}, (
        f"[env_beats_test_config] with GREETING=Ahoy in the environment, create_app({{'GREETING': 'Hi'}}): "
        f"GET /hello answered {body!r}, expected 'Hi'")

    monkeypatch.delenv("GREETING")
    try:
        body = greeting(create_app({"TESTING": True}))
    except Exception as error:  # a KeyError in create_app() is the mistake to report
        body = f"{type(error).__name__}: {error}"
    assert body == {"message": "Hello"}, (
        f"[test_config_without_greeting] create_app({{'TESTING': True}}): GET /hello answered {body!r}, expected 'Hello'")

    first, second = create_app({"GREETING": "Hi"}), create_app({"GREETING": "Salut"})
    bodies = greeting(first), greeting(second)
    assert bodies == ({"message": "Hi"}, {"message": "Salut"}), (
        f"[shared_between_apps] two apps in one process, created with 'Hi' and 'Salut', answered {bodies!r}")


def test_environment_is_read_when_the_app_is_created(monkeypatch):
    monkeypatch.setenv("GREETING", "Ahoy")
    app = create_app()
    body = greeting(app)
    assert body == {"message": "Ahoy"}, f"with GREETING=Ahoy set before create_app(), GET /hello answered {body!r}"
    monkeypatch.setenv("GREETING", "Later")  # the app was created: its settings no longer follow the environment
    body = greeting(app)
    assert body == {"message": "Ahoy"}, (
        f"[read_per_request] GREETING changed to 'Later' after create_app(): GET /hello answered {body!r}, expected 'Ahoy'")
