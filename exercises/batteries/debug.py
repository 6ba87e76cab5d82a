"""Battery: debug mode stays off however the app is started (the errors chapter's "Debug mode").

With debug on, a crash sends its traceback to the client (Flask's debugger page, FastAPI's
`debug=True` text page, Django's technical 500 with the settings). The reader's module is run
afresh as each usual command would start it (`__name__ == "__main__"` and that command's
`sys.argv`), with the servers' run functions made no-ops, and `read_debug(module)` must be false
every time: `app.config["DEBUG"] = True`, `app.run(debug=True)`, `FastAPI(debug=True)`,
`DEBUG = True`, `DEBUG = "runserver" in sys.argv` and `FastAPI(debug="--reload" in sys.argv)` all show, and so does a setting read from the
environment as a raw string (`DEBUG=0` or `DEBUG=False` set: a non-empty string is true).
And "whatever the environment says" holds for a name of the reader's own too: every variable the
reader's files read (`os.environ.get("APP_DEBUG")`, `getenv`, `environ[...]`, `in os.environ`,
Flask's `from_prefixed_env`, a pydantic `BaseSettings` field) is set, one at a time, to each value
that means on, and debug must stay off (a secret the app needs keeps a valid value). The names are
read from the files' syntax tree; what decides is still the started module's debug.
Behaviour, not source text; no subprocess, so it runs in the browser's Check.
"""

import ast
import importlib
import importlib.util
import os
import pathlib
import sys

# How the chapters start an app, without a debug flag of the command's own.
COMMANDS = (
    ["app.py"],
    ["flask", "run"],
    ["uvicorn", "app:app"],
    ["uvicorn", "app:app", "--reload"],  # the reloader's child imports the app with this argv (a debug = "--reload" in sys.argv)
    ["fastapi", "run", "app.py"],
    ["fastapi", "dev", "app.py"],
    ["manage.py", "runserver"],
    ["django/__main__.py", "runserver"],
)
# Debug read from the environment as a raw string (`os.environ.get("DEBUG", False)`): "0" and "False"
# are non-empty strings, so true. Each command runs again with these set to each value that means off.
ENVIRONMENT = ("DEBUG", "FLASK_DEBUG", "DJANGO_DEBUG", "FASTAPI_DEBUG", "APP_DEBUG")
OFF = ("0", "False")
# What a reader's own variable says to turn debug on: each value, for each name the reader's files read.
ON = ("1", "true", "True", "on", "yes", "debug", "development")
SECRET_WORDS = ("SECRET", "KEY", "TOKEN", "PASSWORD", "SALT")  # a name the app needs valid: it keeps a valid value
SERVERS = (("werkzeug.serving", "run_simple"), ("uvicorn", "run"))  # what app.run() / uvicorn.run() would serve with


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "{}.py, started as `{}`, runs in debug mode: every crash would send its traceback to the client": {
        "ko": "{0}.py를 `{1}` 명령으로 시작하면 디버그 모드로 실행됩니다. 이대로면 오류가 날 때마다 트레이스백이 클라이언트에 전송됩니다",
        "ru": "{0}.py, запущенный как `{1}`, работает в режиме отладки: при каждом сбое трассировка уходила бы клиенту"},
}


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
        except (Exception, SystemExit):  # a module that refuses to start (sys.exit too) is not running in debug mode
            return None
    return module


def _debug_on(monkeypatch, module_name: str, read_debug, argv: list[str], environ: dict[str, str]) -> bool:
    with monkeypatch.context() as patch:
        for name, value in environ.items():
            patch.setenv(name, value)
        module = _started(patch, module_name, argv)
        return module is not None and bool(read_debug(module))


def check_debug_off(monkeypatch, module_name: str, read_debug, *, any_variable: bool = False) -> None:
    """`read_debug(module)` is whether the started module runs in debug mode. Debug is off however
    the app is started, and the usual variables set to an off value (`DEBUG=0`) keep it off.
    `any_variable`: also with each variable the reader's files read set alone to an on value, for
    an exercise whose statement says "whatever the environment says". Without it a variable set on
    purpose may turn debug on, as the chapters' settings do (`DJANGO_DEBUG=1`)."""
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
    if not any_variable:
        return
    secret_values = {}  # a secret the app reads, unset here: a valid one, so that it starts and is judged
    names = environment_names(module_name)
    # Besides the usual words, each text the reader's files compare an environment read with (`ENV == "dev"`)
    values = list(ON) + [value for value in environment_values(module_name) if value not in ON]
    for name in names:
        if any(word in name.upper() for word in SECRET_WORDS) and name not in os.environ:
            secret_values[name] = os.urandom(32).hex()
    for name in names:
        if any(word in name.upper() for word in SECRET_WORDS):
            continue
        for value in values:
            if _debug_on(monkeypatch, module_name, read_debug, commands[0], {**secret_values, name: value}):
                _refuse(module_name, f"{name}={value} {' '.join(commands[0])}")


def _dotted(node) -> str:
    """`os.environ` for the node of `os.environ`, "" for what is not a plain dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _names_in(tree) -> set[str]:
    """The environment variables a module's syntax tree reads, by name (a string, or a module constant)."""
    constants = {target.id: node.value.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}

    def text(node) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return constants.get(node.id)
        return None  # a name built at run time: not read here

    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = _dotted(node.func)
            last = function.rsplit(".", 1)[-1]
            owner = function.rsplit(".", 1)[0] if "." in function else ""
            first = text(node.args[0]) if node.args else None
            if last == "getenv" or (owner.endswith("environ") and last in ("get", "pop", "setdefault")):
                names.add(first)
            elif owner.split(".")[-1].lower() in ("env", "environ", "environs") or function.lower() in ("env", "config"):
                names.add(first)  # django-environ, environs, python-decouple: env("X"), env.bool("X"), config("X")
            elif last == "from_prefixed_env":  # Flask: FLASK_DEBUG, or <prefix>_DEBUG
                prefix = first or next((text(k.value) for k in node.keywords if k.arg == "prefix"), None) or "FLASK"
                names.update({f"{prefix}_DEBUG", f"{prefix}_ENV"})
        elif isinstance(node, ast.Subscript) and _dotted(node.value).endswith("environ"):
            names.add(text(node.slice))
        elif isinstance(node, ast.Compare) and any(_dotted(c).endswith("environ") for c in node.comparators):
            names.add(text(node.left))
        elif isinstance(node, ast.ClassDef) and any(_dotted(b).endswith("BaseSettings") for b in node.bases):
            prefix = next((text(k.value) for k in ast.walk(node) if isinstance(k, ast.keyword)
                           and k.arg == "env_prefix"), None) or ""
            for field in node.body:  # pydantic-settings reads each field from the variable of its name, any case
                if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name):
                    names.add(f"{prefix}{field.target.id}".upper())
    names.discard(None)
    return {name for name in names if name}


def _is_env_read(node) -> bool:
    """`os.environ.get(...)`, `os.getenv(...)`, `os.environ[...]`, `env("X")`: a value read from the environment."""
    if isinstance(node, ast.Subscript):
        return _dotted(node.value).endswith("environ")
    if isinstance(node, ast.Call):
        function = _dotted(node.func)
        last = function.rsplit(".", 1)[-1]
        owner = function.rsplit(".", 1)[0] if "." in function else ""
        return (last == "getenv" or (owner.endswith("environ") and last in ("get", "pop", "setdefault"))
                or owner.split(".")[-1].lower() in ("env", "environ", "environs") or function.lower() in ("env", "config"))
    return False


def _values_in(tree) -> set[str]:
    """The texts a module compares an environment read with, or looks up by one: `ENV == "dev"`,
    `env.lower() in ("dev", "local")`, `{"dev": True}[os.environ["ENV"]]`, `match getenv("ENV"): case "dev"`,
    also through a name the read was assigned to (`env = os.getenv("ENV")`)."""
    read_names = {target.id for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
                  and node.value is not None and any(_is_env_read(n) for n in ast.walk(node.value))
                  for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                  if isinstance(target, ast.Name)}
    dicts = {target.id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
             and isinstance(node.value, ast.Dict) for target in node.targets if isinstance(target, ast.Name)}

    def reads(node) -> bool:
        return any(_is_env_read(n) or (isinstance(n, ast.Name) and n.id in read_names) for n in ast.walk(node))

    def texts(node) -> set[str]:
        if isinstance(node, ast.Name) and node.id in dicts:
            node = dicts[node.id]
        if isinstance(node, ast.Dict):
            return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    values = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(reads(side) for side in sides):
                for side in sides:
                    if not reads(side):
                        values |= texts(side)
        elif isinstance(node, ast.Subscript) and reads(node.slice) and not _is_env_read(node):
            values |= texts(node.value) if isinstance(node.value, (ast.Dict, ast.Name)) else set()
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
              and isinstance(node.func.value, (ast.Dict, ast.Name)) and node.args and reads(node.args[0])
              and not _is_env_read(node)):
            values |= texts(node.func.value) if isinstance(node.func.value, ast.Dict) or node.func.value.id in dicts else set()
        elif isinstance(node, ast.Match) and reads(node.subject):
            values |= {n.value for case in node.cases for n in ast.walk(case.pattern)
                       if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return {value for value in values if len(value) <= 40}


def _reader_files(module_name: str) -> list[pathlib.Path]:
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.origin:
        return []
    folder = pathlib.Path(spec.origin).parent
    return [path for path in sorted(folder.rglob("*.py")) if not any(
        part.startswith(".") or part in ("__pycache__", "migrations") for part in path.relative_to(folder).parts)]


def environment_values(module_name: str) -> list[str]:
    """Every text the reader's .py files compare an environment read with (see `_values_in`)."""
    values = set()
    for path in _reader_files(module_name):
        try:
            values |= _values_in(ast.parse(path.read_text(encoding="utf-8")))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
    return sorted(values)


def environment_names(module_name: str) -> list[str]:
    """Every environment variable the reader's .py files (the module's folder and below) read by name."""
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.origin:
        return []
    folder = pathlib.Path(spec.origin).parent
    names = set()
    for path in sorted(folder.rglob("*.py")):
        if any(part.startswith(".") or part in ("__pycache__", "migrations") for part in path.relative_to(folder).parts):
            continue
        try:
            names |= _names_in(ast.parse(path.read_text(encoding="utf-8")))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
    return sorted(names)


def _refuse(module_name: str, command: str) -> None:
    raise AssertionError(f"[debug_on] {module_name}.py, started as `{command}`, runs in debug mode: every crash "
                         "would send its traceback to the client")
