"""The repository holds everything a fresh clone needs: no source file is hidden by .gitignore."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from guide_tools.website.content import ROOT

SOURCE_DIRS = ("docs", "snippets", "tests", "guide_tools", "overrides", "tools", ".ci", ".github")
GENERATED = {"__pycache__", "node_modules"}  # node_modules: tools/lighthouse, installed by npm ci


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"), reason="not a git checkout")
def test_no_source_file_is_ignored_by_git():
    files = [
        p.relative_to(ROOT).as_posix()
        for folder in SOURCE_DIRS
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and not GENERATED & set(p.parts) and p.suffix != ".pyc"
    ]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, input="\n".join(files),
        capture_output=True, text=True, check=False,
    )
    ignored = result.stdout.split()
    assert not ignored, (
        f".gitignore hides source files, so a fresh clone (and CI) would not have them: {ignored[:10]}. "
        "Anchor the ignore pattern (e.g. `/site/` instead of `site/`)."
    )


def test_mkdocs_yml_has_no_duplicate_key():
    """YAML keeps the last of two equal keys without a word: a second `extra_javascript:` once
    silently dropped the chooser's script. Every mapping in mkdocs.yml has distinct keys."""
    import yaml

    duplicates = []

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                duplicates.append(f"mkdocs.yml line {key_node.start_mark.line + 1}: `{key}` again")
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - SafeLoader subclass
    assert not duplicates, "merge the repeated keys into one:\n" + "\n".join(duplicates)


def test_theme_overrides_were_taken_from_the_installed_material():
    """Each file under overrides/ is a copy of one of Material's templates with a few changes, and
    says which Material release it was copied from. Upgrading Material in uv.lock fails here, naming
    the files to compare with the new release's templates (material/templates/ in the environment)
    before the version in their header is moved on."""
    from importlib.metadata import version

    installed = version("mkdocs-material")
    stale, unmarked = [], []
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        named = set(re.findall(r"(?:Material |mkdocs-material-|this is )(\d+\.\d+\.\d+)", path.read_text(encoding="utf-8")))
        where = path.relative_to(ROOT).as_posix()
        if not named:
            unmarked.append(where)
        elif named != {installed}:
            stale.append(f"{where} (from {', '.join(sorted(named))})")
    assert not unmarked, f"say which Material release these overrides were copied from, in their header: {unmarked}"
    assert not stale, (
        f"Material is now {installed}, but these overrides were copied from another release: {stale}. Compare each "
        f"with the same template of Material {installed}, carry its changes over, then update the version they name."
    )


GUIDE_REFERENCE = re.compile(
    r"(?P<file>CONTRIBUTING\.md|contributing/[\w-]+\.md)(?P<anchor>#[\w-]+)?"
    r"(?:(?:[,(\s]|#|//)*\\?[\"'“](?P<name>[A-Z][^\"'”\\]{1,80}))?"
)
MARKDOWN_LINK = re.compile(r"\]\((?P<file>[^)#\s]*\.md|)(?:#(?P<anchor>[\w-]+))?\)")


def _headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if re.match(r"#{1,6} ", line)]


def _slugs(heading: str) -> set[str]:
    """GitHub's anchor of a heading, and the explicit `{ #id }` one when it has one."""
    explicit = re.search(r"\{\s*#([\w-]+)\s*\}", heading)
    text = re.sub(r"\{[^}]*\}", "", heading).strip()
    slugs = {re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")}
    return slugs | ({explicit[1]} if explicit else set())


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"), reason="not a git checkout")
def test_every_reference_to_the_contributor_guides_names_a_guide_and_a_section_in_it():
    """CONTRIBUTING.md is an index; the conventions are in the guides under contributing/. Code,
    messages shown to authors, comments and the guides' own links name a guide and a section: the
    file must exist, a quoted name must begin one of its headings (or, quoted with an ellipsis, be
    a passage of it), and a link's anchor must be one of its headings'."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
        capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    problems = []
    for where in filter(None, listed):
        path = ROOT / where
        if where == "uv.lock" or not path.is_file() or path.suffix in {".png", ".svg", ".woff2", ".patch"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        refs = [(m, ROOT / m["file"]) for m in GUIDE_REFERENCE.finditer(text) if text[m.start() - 2:m.start()] != "]("]
        if where == "CONTRIBUTING.md" or where.startswith("contributing/"):
            refs += [(m, (path.parent / m["file"]) if m["file"] else path) for m in MARKDOWN_LINK.finditer(text)]
        for m, target in refs:
            line = text.count("\n", 0, m.start()) + 1
            if not target.is_file():
                problems.append(f"{where}:{line}: {m[0].splitlines()[0]!r}: no such file")
                continue
            guide = target.read_text(encoding="utf-8")
            headings = _headings(guide)
            if m["anchor"] and m["anchor"].lstrip("#") not in set().union(*map(_slugs, headings)):
                problems.append(f"{where}:{line}: {m[0]!r}: no heading of {target.relative_to(ROOT)} has that anchor")
            name = " ".join(re.sub(r"\n\s*(?:#|//)?", " ", m.groupdict().get("name") or "").split())
            if not name:
                continue
            if "…" in name:
                flat = " ".join(guide.split())
                parts = [part.strip() for part in name.split("…")]
                if not re.search(".*".join(map(re.escape, parts)), flat):
                    problems.append(f"{where}:{line}: {target.relative_to(ROOT)} has no passage {name!r}")
            elif not any(h.startswith(name) for h in headings):
                problems.append(
                    f"{where}:{line}: {target.relative_to(ROOT)} has no section {name!r}: name the guide under "
                    "contributing/ that holds it (CONTRIBUTING.md lists them) and one of its headings"
                )
    assert not problems, "\n".join(problems)
