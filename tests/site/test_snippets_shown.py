"""Every file under snippets/ is shown by a page in every language, or used by one that is,
or exempted with a reason in tests/snippet_exemptions.toml."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from guide_tools.runtime import listings
from guide_tools.website import content
from guide_tools.website.content import LANGUAGES, ROOT, SNIPPETS

EXEMPTIONS_FILE = ROOT / "tests" / "snippet_exemptions.toml"
IGNORED_PARTS = {"__pycache__", "node_modules", "build"}  # build: tsc output of a reader's local run
TEMPLATE_SUFFIXES = {".html", ".jinja", ".j2", ".txt"}


def snippet_files() -> set[str]:
    files = set()
    for path in SNIPPETS.rglob("*"):
        if not path.is_file() or IGNORED_PARTS & set(path.parts) or path.suffix == ".pyc":
            continue
        if path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip():
            continue  # an empty package marker shows nothing
        files.add(path.relative_to(SNIPPETS).as_posix())
    return files


def included_by(lang: str) -> set[str]:
    out = set()
    for page in content.pages(lang):
        out |= {inc.file for inc in content.includes(content.page_path(lang, page).read_text(encoding="utf-8"))
                if not inc.file.startswith(content.EXERCISES_PREFIX)}  # tests/exercises/ checks those
    return out


def module_file(dotted: str) -> str | None:
    base = SNIPPETS.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate.relative_to(SNIPPETS).as_posix()
    return None


def topic_of(snippet: str) -> str:
    return "/".join(snippet.split("/")[:2])  # "<section>/<topic>"


def files_named(snippet: str, names: set[str]) -> set[str]:
    """Files of the same topic whose path ends with one of `names` (template names, file names)."""
    topic = SNIPPETS / topic_of(snippet)
    out = set()
    for name in names:
        for candidate in topic.rglob(Path(name).name):
            rel = candidate.relative_to(SNIPPETS).as_posix()
            if rel.endswith(name) and "__pycache__" not in rel:
                out.add(rel)
    return out


def used_files(snippet: str) -> set[str]:
    """Snippet files that `snippet` uses: imports, dotted module paths and file or template names
    in strings, and the `apps.py` Django loads for the app the snippet belongs to."""
    path = SNIPPETS / snippet
    used = set()
    app_config = path.parent / "apps.py"
    if app_config.is_file():
        used.add(app_config.relative_to(SNIPPETS).as_posix())
    if path.suffix in TEMPLATE_SUFFIXES:  # {% extends "base.html" %}, {% include "x.html" %}
        return used | files_named(snippet, set(re.findall(r"[\"']([\w./-]+\.(?:html|jinja|j2|txt))[\"']", path.read_text(encoding="utf-8"))))
    if path.suffix != ".py":
        return used
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = snippet.rsplit("/", 1)[0].replace("/", ".") if "/" in snippet else ""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
            names.add(node.value.split(":")[0])
    files = {f for name in names if (f := module_file(name))}
    file_names = {n for n in names if re.fullmatch(r"[\w./-]+\.(html|txt|jinja|j2|css|js|ini|toml|cfg|mako)", n)}
    return used | files | files_named(snippet, file_names)


def shown_or_used() -> set[str]:
    shown = set.intersection(*(included_by(lang) for lang in LANGUAGES))
    todo, seen = list(shown), set(shown)
    while todo:
        for used in used_files(todo.pop()) - seen:
            seen.add(used)
            todo.append(used)
    return seen


def drivers_of_pages() -> set[str]:
    """A topic's drive.py (contributing/runnable-listings.md, "Runnable listings") is data the build reads for the page
    of its topic (the requests its Run buttons send, or why an output cannot run), not a listing a
    page shows: covered when the page of its topic exists, or a page shows its outputs (the
    django/ pages show snippets/django_ecosystem/<topic>/out/)."""
    shown = {path.partition("/out/")[0] for paths in listings.shown_outputs().values() for path in paths}
    return {f"{topic}/drive.py" for topic in listings.drivers()
            if (content.DOCS / "en" / f"{topic}.md").is_file() or topic in shown}


def exemptions() -> dict[str, str]:
    return tomllib.loads(EXEMPTIONS_FILE.read_text(encoding="utf-8")).get("exempt", {})


def test_exemptions_have_reasons_and_exist():
    for name, reason in exemptions().items():
        assert (SNIPPETS / name).is_file(), f"tests/snippet_exemptions.toml exempts snippets/{name}, which does not exist"
        assert len(reason.strip()) >= 20, f"tests/snippet_exemptions.toml: give snippets/{name} a real reason"


def test_every_snippet_is_shown_in_every_language():
    covered = shown_or_used() | drivers_of_pages() | set(exemptions())
    problems = []
    for name in sorted(snippet_files() - covered):
        where = [lang for lang in LANGUAGES if name in included_by(lang)]
        detail = f"included only by {where}" if where else "included by no page"
        problems.append(
            f"snippets/{name} is {detail}. Include it from the page of its topic in every language "
            f"(`--8<-- \"{name}\"`), import it from a snippet that is, or exempt it with a reason in "
            "tests/snippet_exemptions.toml."
        )
    assert not problems, "\n".join(problems)
