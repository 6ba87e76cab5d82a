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
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from guide_tools.runtime import assemble, pins

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


def drivers(snippets: Path = SNIPPETS) -> dict[str, dict[str, object]]:
    """{topic: drive.py's declarations} for every topic with a drive.py."""
    found = {}
    for path in sorted(snippets.rglob("drive.py")):
        topic = path.parent.relative_to(snippets).as_posix()
        declared = _declared(path)
        frameworks = {framework for framework, *_ in declared.get("OUTPUTS", {}).values()}
        unknown = frameworks - set(pins.STACKS)
        if unknown or not frameworks <= set(declared.get("APPS", {})):
            raise ValueError(f"{path.relative_to(ROOT)}: every OUTPUTS framework needs an APPS entry and one of "
                             f"{sorted(pins.STACKS)} (guide_tools/runtime/pins.py); check {sorted(frameworks)}")
        found[topic] = declared
    return found


def runnable(snippets: Path = SNIPPETS) -> dict[str, Runnable]:
    """{"compare/routing/out/flask_static.txt": Runnable(...)} for every output a driver declares."""
    return {f"{topic}/out/{output}": Runnable(topic, output, framework)
            for topic, declared in drivers(snippets).items()
            for output, (framework, *_) in declared.get("OUTPUTS", {}).items()}


def placeholder(run: Runnable) -> str:
    return (f'<div class="sbs-run" data-sbs-topic="{run.topic}" data-sbs-output="{run.output}" '
            f'data-sbs-framework="{run.framework}" hidden></div>')


def mark(markdown: str, runs: dict[str, Runnable] | None = None) -> str:
    """The page's Markdown with a placeholder after each fenced block showing a runnable output."""
    runs = runnable() if runs is None else runs
    lines = markdown.split("\n")
    out: list[str] = []
    pending: tuple[str, str, str] | None = None  # (indent, fence, output) of a block showing a runnable output
    opened: tuple[str, str] | None = None
    for line in lines:
        out.append(line)
        fence = FENCE.match(line)
        if opened is None and fence:
            opened = (fence["indent"], fence["fence"])
            continue
        if opened is not None:
            include = INCLUDE.match(line)
            if include and include["path"] in runs:
                pending = opened + (include["path"],)
            elif fence and fence["fence"].startswith(opened[1]) and line.strip() == fence["fence"]:
                if pending is not None:
                    out += ["", pending[0] + placeholder(runs[pending[2]]), ""]
                opened = pending = None
    return "\n".join(out)


RUN_SCRIPT = re.compile(r'<script src="(?P<base>[^"]*)assets/javascripts/a11y\.js"')


WRAPPED = re.compile(r'<p>(<div class="sbs-run"[^>]*></div>)</p>')


def add_script(page_html: str) -> str:
    """run.js on a page that has a runnable output, by the same relative path as the site's other
    scripts (and the placeholders out of the paragraph Markdown wraps them in inside a tab)."""
    if 'class="sbs-run"' not in page_html:
        return page_html
    page_html = WRAPPED.sub(r"\1", page_html)
    found = RUN_SCRIPT.search(page_html)
    if found is None:
        raise ValueError("no a11y.js script tag to find the assets' path by: guide_tools/runtime/listings.py add_script")
    tag = f'<script src="{found["base"]}assets/runtime/run.js" defer></script>'
    return page_html.replace("</body>", tag + "</body>", 1)


def bundle(topic: str, declared: dict[str, object], snippets: Path = SNIPPETS) -> dict[str, object]:
    """What the worker writes before running a topic's output: its Python files (and its packages'
    __init__.py up to snippets/), and the drivers' support module."""
    files: dict[str, str] = {}
    folder = snippets / topic
    for path in sorted(folder.rglob("*.py")):
        if "__pycache__" not in path.parts:
            files[path.relative_to(snippets).as_posix()] = path.read_text(encoding="utf-8")
    parent = folder.parent
    while parent != snippets:
        init = parent / "__init__.py"
        files[init.relative_to(snippets).as_posix()] = init.read_text(encoding="utf-8") if init.is_file() else ""
        parent = parent.parent
    for name in SUPPORT:
        files[name] = (ROOT / name).read_text(encoding="utf-8") if name.endswith("drive.py") else ""
    files["guide_tools/runtime/__init__.py"] = ""
    return {"module": topic.replace("/", ".") + ".drive", "files": files, "editable": declared.get("EDITABLE", {})}


def publish(site: Path) -> None:
    """The runtime and the topics' bundles into the built site (on_post_build)."""
    assets = site / "assets"
    assemble.publish(assets)
    folder = assets / "runtime" / "listings"
    for topic, declared in drivers().items():
        target = folder / f"{topic}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(bundle(topic, declared), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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
# What a topic's code needs that a browser page does not have, found in what its snippets import
# (first match wins). A topic's drive.py can say better, per output, in NOT_IN_BROWSER.
NEEDS = (
    (re.compile(r"^\s*(import|from) (redis|celery|rq)\b", re.M), "needs a Redis server"),
    (re.compile(r"^\s*(import|from) (psycopg|asyncpg)\b", re.M), "needs PostgreSQL"),
    (re.compile(r"^\s*(import|from) (argon2|bcrypt)\b", re.M), "argon2/bcrypt: no browser wheel (cffi)"),
    (re.compile(r"^\s*(import|from) (channels|daphne|uvicorn|gunicorn|websockets)\b|websocket", re.M),
     "needs a real server or sockets"),
    (re.compile(r"^\s*(import|from) (subprocess|multiprocessing|threading|concurrent)\b", re.M),
     "starts processes or threads"),
)


def _needs(topic: str, snippets: Path = SNIPPETS) -> str:
    folder = snippets / topic
    code = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*.py")) if folder.is_dir() else ""
    if not code:
        return "a command transcript or a file (no Python to run)"
    return next((reason for pattern, reason in NEEDS if pattern.search(code)), NOT_YET)


def census() -> list[tuple[str, Counter, Counter]]:
    """Per section: (section, runs in the browser per framework, does not run: per reason)."""
    runs = runnable()
    declared = drivers()
    rows = []
    for section, outputs in sorted(shown_outputs().items()):
        yes: Counter = Counter()
        no: Counter = Counter()
        for path in outputs:
            if path in runs:
                yes[runs[path].framework] += 1
                continue
            topic = path.split("/out/")[0]
            reasons = declared.get(topic, {}).get("NOT_IN_BROWSER", {})
            no[reasons.get(path.rsplit("/", 1)[1]) or _needs(topic)] += 1
        rows.append((section, yes, no))
    return rows


def census_lines() -> list[str]:
    lines = ["Listings' outputs in the browser (Run on the page; guide_tools/runtime):"]
    for section, yes, no in census():
        ran = ", ".join(f"{n} {framework}" for framework, n in sorted(yes.items())) or "none"
        lines.append(f"  {section}: {sum(yes.values())} run ({ran}), {sum(no.values())} do not")
        for reason, n in no.most_common():
            lines.append(f"      {n}: {reason}")
    return lines
