"""Battery: debug mode stays off however the app is started (the errors chapter's "Debug mode").

With debug on, a crash sends its traceback to the client (Flask's debugger page, FastAPI's
`debug=True` text page, Django's technical 500 with the settings). The reader's module is run
afresh as each usual command would start it (`__name__ == "__main__"` and that command's
`sys.argv`), with the servers' run functions made no-ops, and `read_debug(module)` must be false
every time: `app.config["DEBUG"] = True`, `app.run(debug=True)`, `FastAPI(debug=True)`,
`DEBUG = True` and `DEBUG = "runserver" in sys.argv` all show, and so does a setting read from the
environment as a raw string (`DEBUG=0` or `DEBUG=False` set: a non-empty string is true).
Behaviour, not source text; no subprocess, so it runs in the browser's Check.
"""

import importlib
import importlib.util
import sys

# How the chapters start an app, without a debug flag of the command's own.
COMMANDS = (
    ["app.py"],
    ["flask", "run"],
    ["uvicorn", "app:app"],
    ["fastapi", "run", "app.py"],
    ["manage.py", "runserver"],
    ["django/__main__.py", "runserver"],
)
# Debug read from the environment as a raw string (`os.environ.get("DEBUG", False)`): "0" and "False"
# are non-empty strings, so true. Each command runs again with these set to each value that means off.
ENVIRONMENT = ("DEBUG", "FLASK_DEBUG", "DJANGO_DEBUG", "FASTAPI_DEBUG", "APP_DEBUG")
OFF = ("0", "False")
SERVERS = (("werkzeug.serving", "run_simple"), ("uvicorn", "run"))  # what app.run() / uvicorn.run() would serve with


def _started(monkeypatch, module_name: str, argv: list[str]):
    """The module run afresh as `python <argv>` would run it (None when it refuses to start)."""
    spec = importlib.util.find_spec(module_name)
    module = importlib.util.module_from_spec(spec)
    code = spec.loader.get_code(module_name)
    module.__name__ = "__main__"  # after module_from_spec: `if __name__ == "__main__":` runs
    with monkeypatch.context() as patch:
        patch.setattr(sys, "argv", list(argv))
        patch.setitem(sys.modules, "__main__", module)  # Flask("__main__") finds its folder by the module
        for server, function in SERVERS:
            try:
                patch.setattr(importlib.import_module(server), function, lambda *args, **kwargs: None)
            except Exception:  # noqa: BLE001 - not installed, or no sockets (the browser): nothing to serve with
                pass
        try:
            exec(code, module.__dict__)  # noqa: S102 - the reader's own module, as `python <file>` runs it
        except Exception:  # a module that refuses to start is not running in debug mode
            return None
    return module


def _debug_on(monkeypatch, module_name: str, read_debug, argv: list[str], environ: dict[str, str]) -> bool:
    with monkeypatch.context() as patch:
        for name, value in environ.items():
            patch.setenv(name, value)
        module = _started(patch, module_name, argv)
        return module is not None and bool(read_debug(module))


def check_debug_off(monkeypatch, module_name: str, read_debug) -> None:
    """`read_debug(module)` is whether the started module runs in debug mode."""
    # Django's settings.py is read by manage.py, never started as a script of its own
    commands = [argv for argv in COMMANDS if "runserver" in argv] if module_name == "settings" else COMMANDS
    for argv in commands:
        if _debug_on(monkeypatch, module_name, read_debug, argv, {}):
            _refuse(module_name, " ".join(argv))
    for value in OFF:
        if not _debug_on(monkeypatch, module_name, read_debug, commands[0], dict.fromkeys(ENVIRONMENT, value)):
            continue
        # Name the variable that did it (one of them, alone), as a shell would start the app with it.
        name = next((name for name in ENVIRONMENT
                     if _debug_on(monkeypatch, module_name, read_debug, commands[0], {name: value})), ENVIRONMENT[0])
        _refuse(module_name, f"{name}={value} {' '.join(commands[0])}")


def _refuse(module_name: str, command: str) -> None:
    raise AssertionError(f"[debug_on] {module_name}.py, started as `{command}`, runs in debug mode: every crash "
                         "would send its traceback to the client")
