"""Which captured outputs run in the browser, and what the page and the worker need for them.

A topic's `drive.py` (snippets/<section>/<topic>/drive.py, data only: it is read here without
importing the project) declares APPS, OUTPUTS and EDITABLE (guide_tools/runtime/drive.py says
what each means). From it:

- `mark(markdown)`: after each fenced block that includes a runnable output
  (`--8<-- "compare/routing/out/flask_static.txt"`), a hidden placeholder that run.js turns into
  the Run / Edit / Reset / Stop controls. Without JavaScript it stays hidden: no dead buttons.
- `publish(site)`: per topic, assets/runtime/listings/<topic>.json, the files the worker writes
  before a Run (the topic's Python files, and drive.py's support module), and the runtime itself
  (assemble.publish).
- `add_script(page_html)`: run.js, only on pages that have a runnable output.
- `census()`: per section, the outputs pages show that run in the browser and those that do not,
  with why (`python3 dev.py` prints it).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from guide_tools.runtime import assemble, drive, pins

ROOT = assemble.ROOT
SNIPPETS = ROOT / "snippets"
DOCS_EN = ROOT / "docs" / "en"
# The drivers' support module, as the worker imports it (the same dotted path as in the tests).
SUPPORT = ("guide_tools/__init__.py", "guide_tools/runtime/drive.py")

INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<-- "(?P<path>[^"]+/out/(?P<name>[^"/]+))"\s*$')
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Runnable:
    topic: str      # "compare/routing"
    output: str     # "flask_static.txt"
    framework: str  # "flask"
    call: bool = False  # a function's result or a Python session, not a response: no request reaches an app
    client: str | None = None  # CLIENT's kind ("async": Django's AsyncClient), which the page's note names
    stand_in: str | None = None  # what answers in place of a service the code calls (STAND_IN), which the page's note names
    editable: tuple[str, ...] = ()  # the files Edit opens (EDITABLE: the output's own, else its framework's)

    @property
    def module(self) -> str:
        return self.topic.replace("/", ".") + ".drive"


def _declared(path: Path) -> dict[str, object]:
    """drive.py's top-level assignments, evaluated as literals (comprehensions over them allowed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            code = compile(ast.Expression(node.value), str(path), "eval")
            values[node.targets[0].id] = eval(code, {"__builtins__": {}, **values})  # noqa: S307 - the project's own data
    return values


def _functions(path: Path) -> set[str]:
    """The names of the functions drive.py defines at its top level (what SETUP may name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def drivers(snippets: Path = SNIPPETS) -> dict[str, dict[str, object]]:
    """{topic: drive.py's declarations} for every topic with a drive.py."""
    found = {}
    for path in sorted(snippets.rglob("drive.py")):
        topic = path.parent.relative_to(snippets).as_posix()
        declared = _declared(path)
        frameworks = {framework for framework, *_ in declared.get("OUTPUTS", {}).values()}
        second = declared.get("OUTPUT_APPS", {})
        served = {framework for output, (framework, request, *_) in declared.get("OUTPUTS", {}).items()
                  if not _is_call(request) and output not in second}  # a call needs no app, a second app is named
        unknown = frameworks - set(pins.STACKS)
        if unknown or not served <= set(declared.get("APPS", {})):
            raise ValueError(f"{topic}/drive.py: every OUTPUTS framework needs an APPS entry (a call's needs none, nor an OUTPUT_APPS one) and one of "
                             f"{sorted(pins.STACKS)} (guide_tools/runtime/pins.py); check {sorted(frameworks)}")
        for name in ("BEFORE", "SETUP", "SHOW_SQL", "CUT", "OUTPUT_APPS", "CSRF_CHECKED", "SHOW_CONSOLE", "CLIENT", "NAMESPACE",
                     "STAND_IN"):
            strays = sorted(set(declared.get(name, {})) - set(declared.get("OUTPUTS", {})))
            if strays:
                raise ValueError(f"{topic}/drive.py: {name} names outputs OUTPUTS does not declare: {strays}")
        for name in ("SETUP", "NAMESPACE"):
            missing = sorted(set(declared.get(name, {}).values()) - _functions(path))
            if missing:
                raise ValueError(f"{topic}/drive.py: {name} names functions it does not define: {missing}")
        for name, says, known in (("SHOW_SQL", "shows", drive.SQL_VIEWS), ("CUT", "shows", drive.CUTS),
                                  ("SHOW_CONSOLE", "shows", drive.CONSOLE_VIEWS), ("CLIENT", "is", drive.CLIENTS),
                                  ("STAND_IN", "names", drive.STAND_INS)):
            strange = sorted(set(declared.get(name, {}).values()) - set(known))
            if strange:
                raise ValueError(f"{topic}/drive.py: {name} {says} one of {list(known)}, not {strange}")
        found[topic] = declared
    return found


def runnable(snippets: Path = SNIPPETS) -> dict[str, Runnable]:
    """{"compare/routing/out/flask_static.txt": Runnable(...)} for every output a driver declares."""
    return {f"{topic}/out/{output}": Runnable(topic, output, framework, _is_call(request) or _is_session(request),
                                              declared.get("CLIENT", {}).get(output), declared.get("STAND_IN", {}).get(output),
                                              tuple(declared.get("EDITABLE", {}).get(output) or declared.get("EDITABLE", {}).get(framework) or ()))
            for topic, declared in drivers(snippets).items()
            for output, (framework, request, *_) in declared.get("OUTPUTS", {}).items()}


def _is_call(request) -> bool:
    """drive.is_call, read here without importing the drivers' module."""
    return isinstance(request, str) and request.startswith("call ")


def _is_session(request) -> bool:
    """drive.is_session: lines of Python (`>>> `), not requests."""
    lines = [request] if isinstance(request, str) else request
    return bool(lines) and all(isinstance(line, str) and line.startswith(drive.PROMPT) for line in lines)


def placeholder(run: Runnable, shown: str | None = None) -> str:
    """`shown`: the listing above the output that Edit opens on ("compare/routing/flask_app.py:static")."""
    client = f' data-sbs-client="{run.client}"' if run.client else ""
    stand_in = f' data-sbs-stand-in="{run.stand_in}"' if run.stand_in else ""
    listing = f' data-sbs-shown="{shown}"' if shown else ""
    return (f'<div class="sbs-run" data-sbs-topic="{run.topic}" data-sbs-output="{run.output}" '
            f'data-sbs-framework="{run.framework}"{" data-sbs-call" if run.call else ""}{client}{stand_in}{listing} hidden></div>')


LISTING = re.compile(r'^[ \t]*--8<-- "(?P<path>[^"/]+/[^":]+)(?::(?P<section>[^"]*))?"\s*$')


def shown_listing(run: Runnable, above: list[tuple[str, str | None]]) -> str | None:
    """The nearest listing above an output that is one of the files Edit opens: "path" or "path:section"."""
    for path, section in reversed(above):
        if path in run.editable:
            return f"{path}:{section}" if section else path
    return None


def mark(markdown: str, runs: dict[str, Runnable] | None = None, lang: str = "en",
         local: dict[str, tuple[str, str]] | None = None) -> str:
    """The page's Markdown with, after each fenced block showing a captured output, a placeholder
    if the output runs in the browser, or one line in the page's language saying why it does not
    and the command that runs it locally, if the browser cannot run it (`local_only`)."""
    runs = runnable() if runs is None else runs
    local = local_only() if local is None else local
    lines = markdown.split("\n")
    out: list[str] = []
    pending: tuple[str, str, str] | None = None  # (indent, fence, output) of a block showing a runnable output
    opened: tuple[str, str] | None = None
    above: list[tuple[str, str | None]] = []  # the listings included so far: (file, section)
    for line in lines:
        out.append(line)
        listing = LISTING.match(line)
        if listing and "/out/" not in listing["path"]:
            above.append((listing["path"], listing["section"]))
        fence = FENCE.match(line)
        if opened is None and fence:
            opened = (fence["indent"], fence["fence"])
            continue
        if opened is not None:
            include = INCLUDE.match(line)
            if include and (include["path"] in runs or include["path"] in local):
                pending = opened + (include["path"],)
            elif fence and fence["fence"].startswith(opened[1]) and line.strip() == fence["fence"]:
                if pending is not None:
                    indent, _, path = pending
                    if path in runs:
                        out += ["", indent + placeholder(runs[path], shown_listing(runs[path], above)), ""]
                    else:
                        out += [""] + [indent + part for part in local_line(*local[path], lang).split("\n")] + [""]
                opened = pending = None
    return "\n".join(out)


WRAPPED = re.compile(r'<p>(<div class="sbs-run"[^>]*></div>)</p>')


def add_script(page_html: str) -> str:
    """run.js on a page that has a runnable output (and the placeholders out of the paragraph
    Markdown wraps them in inside a tab)."""
    from guide_tools.website import page_scripts

    page_html = page_scripts.add(page_html, 'class="sbs-run"', page_scripts.CLIENT)
    return page_scripts.add(page_html, 'class="sbs-run"', "assets/runtime/run.js", unwrap=WRAPPED)


BUNDLED = (".py", ".html", ".css", ".js", ".svg")  # what a topic's listings read from its folder (text files)


# The build's markers in a listing's file, which the page never shows and the reader never edits:
# a section's first and last line (`# --8<-- [start:static]`, a line of its own, pymdownx.snippets)
# and a code annotation at a line's end (`# (1)!`, Material's); `//` in a JavaScript file.
SECTION_MARKER = re.compile(r"^[ \t]*(?:#|//)[ \t]*--8<-- \[(?P<kind>start|end):(?P<name>[^\]]+)\][ \t]*$")
ANNOTATION_MARKER = re.compile(r"[ \t]*(?:#|//)[ \t]*\(\d+\)![ \t]*$")


def unmarked(text: str) -> tuple[str, dict[str, int]]:
    """A listing's file as the reader edits it, without the build's markers: the section lines gone
    (the file is shorter) and each annotation cut from its line (a line that was only one goes too);
    and {section: the 1-based line of its first line in that text}, where the editor opens."""
    kept: list[str] = []
    sections: dict[str, int] = {}
    for line in text.split("\n"):
        section = SECTION_MARKER.match(line)
        if section:
            if section["kind"] == "start":
                sections.setdefault(section["name"], len(kept) + 1)
            continue
        cut = ANNOTATION_MARKER.sub("", line)
        if cut != line and not cut.strip():
            continue
        kept.append(cut)
    return "\n".join(kept), sections


def bundle(topic: str, declared: dict[str, object], snippets: Path = SNIPPETS) -> dict[str, object]:
    """What the worker writes before running a topic's output: its Python files and templates (and
    its packages' __init__.py up to snippets/), and the drivers' support module. The topic's files
    come without the build's markers (`unmarked`): what the reader edits is what runs, and
    `sections` says on which line each section the pages show starts."""
    files: dict[str, str] = {}
    sections: dict[str, dict[str, int]] = {}
    folder = snippets / topic
    for path in sorted(p for suffix in BUNDLED for p in folder.rglob(f"*{suffix}")):  # the code, templates, static files
        if "__pycache__" not in path.parts and "out" not in path.relative_to(folder).parts:
            name = path.relative_to(snippets).as_posix()
            files[name], found = unmarked(path.read_text(encoding="utf-8"))
            if found:
                sections[name] = found
    parent = folder.parent
    while parent != snippets:
        init = parent / "__init__.py"
        files[init.relative_to(snippets).as_posix()] = init.read_text(encoding="utf-8") if init.is_file() else ""
        parent = parent.parent
    for name in SUPPORT:
        files[name] = (ROOT / name).read_text(encoding="utf-8") if name.endswith("drive.py") else ""
    files["guide_tools/runtime/__init__.py"] = ""
    return {"module": topic.replace("/", ".") + ".drive", "files": files, "editable": declared.get("EDITABLE", {}),
            "sections": sections, "extras": extras(topic, files, declared)}


IMPORTED = re.compile(r"^\s*(?:from|import) ([A-Za-z_]\w*)", re.M)


# The names that mark a file as one framework's (flask_app.py, django_app/, drf_app/ is Django's).
MARKS = {"flask": ("flask",), "fastapi": ("fastapi",), "django": ("django", "drf")}


def framework_files(topic: str, files: dict[str, str], framework: str, declared: dict[str, object] | None = None) -> list[str]:
    """The texts of `files` (a bundle's) that are the topic's and not another framework's; the topic's
    drive.py without the SETUP functions only another framework's outputs name (`_drive_for`)."""
    others = [mark for name in pins.STACKS if name != framework for mark in MARKS.get(name, (name,))]
    texts = [_drive_for(text, declared or {}, framework) if path == f"{topic}/drive.py" else text
             for path, text in files.items() if path.startswith(topic + "/")
             and not any(other in path[len(topic) + 1:] for other in others)]
    return [text for text in texts if not _anothers(text, framework)]


def _anothers(text: str, framework: str) -> bool:
    """Whether a file no name marks is another framework's by what it imports (websockets'
    socketio_chat.py imports flask, not django): a Run of this framework never imports it."""
    imported = set(IMPORTED.findall(text))
    return bool(imported & (set(pins.STACKS) - {framework})) and framework not in imported


def _drive_for(text: str, declared: dict[str, object], framework: str) -> str:
    """drive.py as a framework's Run may execute it: its data, and the SETUP (and NAMESPACE) functions
    that framework's outputs name. A SETUP function imports inside itself what only its outputs' Runs load
    (static_files' collectstatic imports Django, which a Flask Run on that page never loads)."""
    outputs = declared.get("OUTPUTS", {})
    named = [*declared.get("SETUP", {}).items(), *declared.get("NAMESPACE", {}).items()]
    used = {name for output, name in named if outputs[output][0] == framework}
    others = {name for _, name in named} - used
    lines = text.split("\n")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name in others:
            lines[node.lineno - 1:node.end_lineno] = [""] * (node.end_lineno - node.lineno + 1)
    return "\n".join(lines)


def imported_names(text: str) -> set[str]:
    """`module.name` for each name a Python text imports with `from module import name` (none for
    a text that is not Python: a template)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    return {f"{node.module}.{alias.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}


def extras(topic: str, files: dict[str, str], declared: dict[str, object] | None = None) -> dict[str, list[str]]:
    """{framework: the pins.EXTRAS packages its files import} (flask_app.py is Flask's, not FastAPI's;
    a file no framework's name marks counts for each), and those a library imports itself for a name
    they import (pins.USED_NAMES: EmailStr): what a Run loads besides the framework's stack."""
    found = {}
    for framework in pins.STACKS:
        mine = framework_files(topic, files, framework, declared)
        names = {name for text in mine for name in IMPORTED.findall(text)}
        names |= {pins.USED_NAMES[name] for text in mine for name in imported_names(text) if name in pins.USED_NAMES}
        found[framework] = sorted({pins.EXTRAS[name] for name in names if name in pins.EXTRAS} - set(pins.STACKS[framework]))
    return {framework: packages for framework, packages in found.items() if packages}


SERVICE_WORKER = Path(__file__).with_name("service_worker.js")
SERVICE_WORKER_NAME = "runtime-sw.js"  # at the site's root: its scope covers every language's pages (run.js registers it)


def service_worker(site: Path, runtime: str) -> str:
    """service_worker.js with the current runtime's folder, the small files a Run needs (paths
    from the site's root) and their digest filled in."""
    assets = site / "assets" / "runtime"
    files = [assets / "worker.js", assets / "py" / "runtime.json", *sorted((assets / "listings").rglob("*.json"))]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    paths = [path.relative_to(site).as_posix() for path in files]
    return (SERVICE_WORKER.read_text(encoding="utf-8").replace("__RUNTIME__", runtime)
            .replace("__FILES__", json.dumps(paths)).replace("__VERSION__", digest.hexdigest()[:16]))


def publish(site: Path) -> None:
    """The runtime, the topics' bundles and the service worker into the built site (on_post_build)."""
    assets = site / "assets"
    runtime = assemble.publish(assets)
    folder = assets / "runtime" / "listings"
    for topic, declared in drivers().items():
        if not declared.get("OUTPUTS"):
            continue  # a drive.py that only says why its outputs cannot run (NOT_IN_BROWSER)
        target = folder / f"{topic}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(bundle(topic, declared), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (site / SERVICE_WORKER_NAME).write_text(service_worker(site, runtime.name), encoding="utf-8")


# --------------------------------------------------------------------------- what runs where


def shown_outputs(docs: Path = DOCS_EN) -> dict[str, set[str]]:
    """{section: captured outputs its English pages include}."""
    shown: dict[str, set[str]] = {}
    for page in sorted(docs.rglob("*.md")):
        section = page.relative_to(docs).parts[0] if len(page.relative_to(docs).parts) > 1 else "(home)"
        for line in page.read_text(encoding="utf-8").splitlines():
            include = INCLUDE.match(line)
            if include:
                shown.setdefault(section, set()).add(include["path"])
    return shown


NOT_YET = "no driver declared yet (a drive.py beside the snippets)"
NO_PYTHON = "a command transcript or a file (no Python to run)"
# Why an output cannot run in a browser at all (not our gap: the browser lacks it), by key: the
# census's wording, and the page's line under the output, in each language (`local_line`).
REASONS = {
    "redis": "needs a Redis server",
    "postgres": "needs PostgreSQL",
    "argon2": "argon2/bcrypt: no browser wheel (cffi)",
    "openssl": "a password hash (hashlib.scrypt, hashlib.pbkdf2_hmac) needs OpenSSL, which the browser's Python lacks",
    "server": "needs a real server or sockets",
    "processes": "starts processes or threads",
    "command": "a command for a terminal (its test runs it in a subprocess)",
}
# What a topic's code needs that a browser page does not have, found in what its snippets import
# (first match wins). A topic's drive.py can say better, per output, in NOT_IN_BROWSER.
NEEDS = (
    (re.compile(r"^\s*(import|from) (redis|celery|rq)\b", re.M), REASONS["redis"]),
    (re.compile(r"^\s*(import|from) (psycopg|asyncpg)\b", re.M), REASONS["postgres"]),
    (re.compile(r"^\s*(import|from) (argon2|bcrypt|pwdlib)\b", re.M), REASONS["argon2"]),  # pwdlib: argon2 by default
    (re.compile(r"^\s*(import|from) (channels|daphne|uvicorn|gunicorn|websockets|flask_sock|simple_websocket)\b"
                r"|(?i:websocket)", re.M), REASONS["server"]),  # flask-sock's handler is a WebSocket too
    (re.compile(r"^\s*(import|from) (subprocess|multiprocessing|threading|concurrent)\b", re.M),
     REASONS["processes"]),
)
# The phrase that marks a drive.py's NOT_IN_BROWSER line as one of REASONS ("a server's log: needs a real server").
MARKERS = {"redis": "Redis", "postgres": "PostgreSQL", "argon2": "argon2", "openssl": "OpenSSL", "server": "needs a real server",
           "processes": "processes or threads", "command": "a command for a terminal"}


def _owner(output: str) -> str:
    """Whose output it is, by its name's prefix: "flask_static.txt" flask, "drf_leak.txt" django,
    "asyncpg_get.txt" asyncpg (the topic's asyncpg_app.py), "drivers.txt" drivers (drivers.py)."""
    prefix = output.split(".", 1)[0].split("_", 1)[0]  # "drivers.txt": drivers (drivers.py)
    return "django" if prefix == "drf" else prefix


PROJECT_IMPORT = re.compile(r"^\s*from ([\w.]+) import ([\w, ]+)|^\s*import ([\w.]+)", re.M)


def _imported(paths: list[Path], snippets: Path) -> list[Path]:
    """The project's modules that `paths` import (one level): a harness's helpers tell what it needs."""
    found: list[Path] = []
    for path in paths:
        for match in PROJECT_IMPORT.finditer(path.read_text(encoding="utf-8", errors="replace")):
            module = match[1] or match[3]
            base = snippets.joinpath(*module.split("."))
            candidates = [base.with_suffix(".py"), *(base / f"{name.strip()}.py" for name in (match[2] or "").split(","))]
            found += [c for c in candidates if c.is_file() and c not in paths and c not in found]
    return found


def _needs(topic: str, snippets: Path = SNIPPETS, owner: str = "") -> str:
    """Why a topic's outputs do not run, from what its code imports: for a framework's output,
    the files that are not another framework's (flask_app.py is not FastAPI's); for another
    owner's, its own files (asyncpg_app.py, or drivers.py for drivers.txt) and the project's
    modules they import, if those tell; else all the topic's."""
    folder = snippets / topic
    files = [p for p in sorted(folder.rglob("*.py")) if "out" not in p.relative_to(folder).parts] if folder.is_dir() else []
    if not files:
        return NO_PYTHON

    def needs(paths: list[Path]) -> str:
        code = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in paths)
        return next((reason for pattern, reason in NEEDS if pattern.search(code)), NOT_YET)

    if owner in pins.STACKS:
        others = [name for name in pins.STACKS if name != owner]
        return needs([p for p in files if not any(other in p.relative_to(folder).as_posix() for other in others)])
    mine = [p for p in files if owner and (p.stem == owner or p.stem.startswith(owner + "_"))]
    own = needs(mine) if mine else NOT_YET
    if own == NOT_YET and mine:
        own = needs(_imported(mine, snippets))
    return own if own != NOT_YET else needs(files)


def why_not(path: str, snippets: Path = SNIPPETS, declared: dict[str, dict[str, object]] | None = None) -> str:
    """Why a shown output ("compare/auth/out/fastapi_me.txt") does not run in the browser."""
    declared = drivers(snippets) if declared is None else declared
    topic, _, output = path.partition("/out/")
    reasons = declared.get(topic, {}).get("NOT_IN_BROWSER", {})
    return reasons.get(output) or _needs(topic, snippets, _owner(output))


def reason_key(reason: str) -> str | None:
    """The REASONS key of a reason the browser cannot help (None: our gap, or nothing to run)."""
    return next((key for key, marker in MARKERS.items() if marker in reason), None)


def capturing_test(topic: str, tests: Path = ROOT / "tests") -> str:
    """The test that captures a topic's outputs ("tests/compare/test_auth.py"): the one its
    outputs' folder is named in, tests/<section>/test_<topic>.py first; that one, by name, in a
    copy of the project without its tests (tests/site/test_runtime.py holds that each exists)."""
    section, name = topic.split("/")[0], topic.rsplit("/", 1)[-1]
    named = (f'"{topic}/out', f'"{topic}"')
    first = tests / section / f"test_{name}.py"
    candidates = [first, *sorted(p for p in tests.rglob("test_*.py") if p != first)]
    for path in candidates:
        if path.is_file() and any(n in path.read_text(encoding="utf-8") for n in named):
            return path.relative_to(ROOT).as_posix()
    return first.relative_to(ROOT).as_posix()


LOCAL = {
    "en": ("Does not run in the browser: {reason}. Run it locally: `{command}`", {
        "redis": "it needs a Redis server", "postgres": "it needs PostgreSQL",
        "argon2": "argon2 has no build for the browser", "server": "it needs a real server and sockets",
        "openssl": "its password hash (hashlib.scrypt or pbkdf2_hmac) needs OpenSSL, which the browser's Python lacks",
        "processes": "it starts processes or threads", "command": "it is a command for a terminal"}),
    "ko": ("브라우저에서는 실행할 수 없습니다. {reason}. 로컬에서 실행하세요: `{command}`", {
        "redis": "Redis 서버가 필요합니다", "postgres": "PostgreSQL이 필요합니다",
        "argon2": "argon2에는 브라우저용 빌드가 없습니다", "server": "실제 서버와 소켓이 필요합니다",
        "openssl": "비밀번호 해시(hashlib.scrypt 또는 pbkdf2_hmac)에 OpenSSL이 필요한데, 브라우저의 Python에는 없습니다",
        "processes": "이 예제는 프로세스나 스레드를 시작합니다", "command": "터미널에서 실행하는 명령입니다"}),
    "ru": ("В браузере не запускается: {reason}. Запустите локально: `{command}`", {
        "redis": "нужен сервер Redis", "postgres": "нужен PostgreSQL",
        "argon2": "у argon2 нет сборки для браузера", "server": "нужны настоящий сервер и сокеты",
        "openssl": "хешированию паролей (hashlib.scrypt или pbkdf2_hmac) нужен OpenSSL, а в Python браузера его нет",
        "processes": "пример запускает процессы или потоки", "command": "это команда для терминала"}),
}


def local_only(snippets: Path = SNIPPETS) -> dict[str, tuple[str, str]]:
    """{shown output: (REASONS key, the command that runs it locally)} for every output a page
    shows that cannot run in a browser for a reason of the browser's (not "no driver yet")."""
    runs, declared = runnable(snippets), drivers(snippets)
    found = {}
    for outputs in shown_outputs().values():
        for path in sorted(outputs):
            key = None if path in runs else reason_key(why_not(path, snippets, declared))
            if key is not None:
                found[path] = (key, f"python3 dev.py test {capturing_test(path.partition('/out/')[0])}")
    return found


def local_line(key: str, command: str, lang: str) -> str:
    """The page's one line under an output that runs only locally (a Markdown paragraph, no script)."""
    template, reasons = LOCAL.get(lang, LOCAL["en"])
    return f'<small>{template.format(reason=reasons[key], command=command)}</small>\n{{ .sbs-local }}'


def conversation(declared: dict[str, object], output: str) -> bool:
    """Whether a declared output is a conversation: rows or requests before it (SETUP, BEFORE), or several shown."""
    request = declared["OUTPUTS"][output][1]
    return (bool(declared.get("BEFORE", {}).get(output)) or bool(declared.get("SETUP", {}).get(output))
            or not (isinstance(request, str) or _is_session(request)))


def census() -> list[tuple[str, Counter, Counter]]:
    """Per section: (section, runs in the browser per framework, does not run: per reason); the
    runs' Counter also counts, under "conversation", those that send more than one request."""
    runs = runnable()
    declared = drivers()
    rows = []
    for section, outputs in sorted(shown_outputs().items()):
        yes: Counter = Counter()
        no: Counter = Counter()
        for path in outputs:
            if path in runs:
                yes[runs[path].framework] += 1
                yes["conversation"] += conversation(declared[runs[path].topic], runs[path].output)
                continue
            no[why_not(path, declared=declared)] += 1
        rows.append((section, yes, no))
    return rows


def census_lines() -> list[str]:
    lines = ["Listings' outputs in the browser (Run on the page; guide_tools/runtime):"]
    for section, yes, no in census():
        several = yes.pop("conversation", 0)
        ran = ", ".join(f"{n} {framework}" for framework, n in sorted(yes.items())) or "none"
        ran += f"; {several} of them after earlier requests or rows, or as several" if several else ""
        lines.append(f"  {section}: {sum(yes.values())} run ({ran}), {sum(no.values())} do not")
        for reason, n in no.most_common():
            lines.append(f"      {n}: {reason}")
    lacking = chapters_without_a_run()
    if lacking:
        lines.append(f"  {SIDE_BY_SIDE} chapters with no Run in a framework (the aim: a Run in each of the three, unless "
                     "the topic itself needs a server), and the commonest reason that framework's outputs there do not run:")
        for page, frameworks in lacking:
            lines.append(f"      {page}")
            lines += [f"          {framework}: {why}" for framework, why in frameworks]
    return lines


SIDE_BY_SIDE = "compare"  # the chapters that compare the three frameworks
NO_OUTPUT = "no output of its own on the page"


def chapters_without_a_run(section: str = SIDE_BY_SIDE, docs: Path = DOCS_EN,
                           snippets: Path = SNIPPETS) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each English page of `section` that lacks a Run in a framework: (page, [(framework, why)]),
    `why` the commonest reason the page's outputs of that framework (by their names, `_owner`) do
    not run, or NO_OUTPUT."""
    runs, declared = runnable(snippets), drivers(snippets)
    found = []
    for page in sorted((docs / section).glob("*.md")):
        shown = [include["path"] for line in page.read_text(encoding="utf-8").splitlines()
                 if (include := INCLUDE.match(line))]
        ran = {runs[path].framework for path in shown if path in runs}
        missing = []
        for framework in pins.STACKS:
            if framework in ran:
                continue
            reasons = Counter(why_not(path, snippets, declared) for path in shown
                              if _owner(path.rsplit("/", 1)[-1]) == framework)
            missing.append((framework, reasons.most_common(1)[0][0] if reasons else NO_OUTPUT))
        if missing:
            found.append((page.relative_to(docs).as_posix(), missing))
    return found
