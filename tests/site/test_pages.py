"""Guardrails over the pages: every page in every language and in nav, identical anchors and
includes across languages, really translated prose, no silent drift, no broken link."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

from guide_tools import chooser
from guide_tools.website import content
from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES, ROOT, TRANSLATIONS
from guide_tools.website.mkdocs_hooks import NARROW_SUFFIX

ENGLISH_PAGES = content.pages(DEFAULT_LANGUAGE)
ALL_PAGES = [(lang, page) for lang in LANGUAGES for page in content.pages(lang)]
TRANSLATED_PAGES = [(lang, page) for lang, page in ALL_PAGES if lang != DEFAULT_LANGUAGE]
# Minimum share of letters in the page's script, code and identifiers excluded (see test below).
MIN_SCRIPT_SHARE = {"ko": 0.6, "ru": 0.7}


class _IgnorePythonTags(yaml.SafeLoader):
    pass


_IgnorePythonTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnorePythonTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config() -> dict:
    """mkdocs.yml as data (its `!ENV` and Python tags read as None)."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnorePythonTags)  # noqa: S506 - SafeLoader subclass


def nav_pages() -> list[str]:
    config = mkdocs_config()

    def walk(items) -> list[str]:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    out += walk(value) if isinstance(value, list) else [value]
        return out

    return walk(config["nav"])


def test_there_are_pages():
    assert "index.md" in ENGLISH_PAGES and "compare/routing.md" in ENGLISH_PAGES


def test_every_page_exists_in_every_language():
    problems = content.missing_translations()
    assert not problems, "\n".join(problems)


def test_every_page_is_in_nav():
    nav = nav_pages()
    missing = [page for page in ENGLISH_PAGES if page not in nav]
    dangling = [page for page in nav if page not in ENGLISH_PAGES]
    assert not missing, (
        f"Pages not listed in `nav:` of mkdocs.yml: {missing}. With fallback_to_default: false only "
        "pages in nav are built and checked; add each one (nav paths are relative to docs/<lang>/)."
    )
    assert not dangling, f"`nav:` in mkdocs.yml lists pages that do not exist in docs/en/: {dangling}"


@pytest.mark.parametrize(("lang", "page"), ALL_PAGES)
def test_every_heading_has_an_explicit_anchor(lang, page):
    text = content.page_path(lang, page).read_text(encoding="utf-8")
    bare = [f"line {h.line}: {h.title}" for h in content.headings(text) if h.anchor is None]
    assert not bare, (
        f"docs/{lang}/{page}: headings without an explicit anchor: {bare}. End each heading with "
        "`{ #english-slug }`, the same slug in every language."
    )


@pytest.mark.parametrize(("lang", "page"), TRANSLATED_PAGES)
def test_translation_has_the_same_anchors(lang, page):
    english = [h.anchor for h in content.headings(content.page_path(DEFAULT_LANGUAGE, page).read_text(encoding="utf-8"))]
    here = [h.anchor for h in content.headings(content.page_path(lang, page).read_text(encoding="utf-8"))]
    assert here == english, (
        f"docs/{lang}/{page}: heading anchors differ from docs/en/{page}.\n  en: {english}\n  {lang}: {here}\n"
        "Translate headings, keep their `{ #anchor }` and their order exactly as in English."
    )


@pytest.mark.parametrize(("lang", "page"), TRANSLATED_PAGES)
def test_translation_includes_the_same_snippets(lang, page):
    """The one text that differs by language by design, the glossary (includes/glossary/<lang>.yml),
    is not included by pages but appended by the MkDocs hook; see tests/overview/test_glossary.py."""
    english = [i.target for i in content.includes(content.page_path(DEFAULT_LANGUAGE, page).read_text(encoding="utf-8"))]
    here = [i.target for i in content.includes(content.page_path(lang, page).read_text(encoding="utf-8"))]
    assert here == english, (
        f"docs/{lang}/{page} does not include the same snippets, in the same order, as docs/en/{page}.\n"
        f"  en: {english}\n  {lang}: {here}\nCopy the `--8<--` lines from the English page."
    )


@pytest.mark.parametrize(("lang", "page"), TRANSLATED_PAGES)
def test_translation_is_written_in_its_language(lang, page):
    share = content.script_share(content.page_path(lang, page).read_text(encoding="utf-8"), lang)
    assert share >= MIN_SCRIPT_SHARE[lang], (
        f"docs/{lang}/{page}: only {share:.0%} of the prose letters are {lang} script "
        f"(at least {MIN_SCRIPT_SHARE[lang]:.0%} expected, code excluded). Is part of it still in English?"
    )


def test_translations_have_not_drifted():
    problems = content.drift_problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("lang", "page"), ALL_PAGES)
def test_includes_resolve(lang, page):
    problems = content.include_problems(content.page_path(lang, page))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("lang", "page"), ALL_PAGES)
def test_internal_links_resolve(lang, page):
    problems = content.link_problems(lang, page)
    assert not problems, "\n".join(problems)


def test_shared_assets_are_language_neutral():
    """docs/assets/ is published once and shown by every language (see contributing/pages-and-translations.md,
    "Images and charts shared by all languages")."""
    shared = ROOT / "docs" / content.SHARED_ASSETS
    assert not any((shared / lang).exists() for lang in LANGUAGES), "docs/assets/ must not hold per-language folders"
    for lang in TRANSLATIONS:
        assert not (ROOT / "docs" / lang / content.SHARED_ASSETS).exists(), (
            f"docs/{lang}/{content.SHARED_ASSETS}/ exists: language-neutral files belong in docs/assets/"
        )


def theme_assets() -> set[str]:
    """File names of docs/assets/ that mkdocs.yml loads on every page (extra_javascript, extra_css),
    the files those stylesheets load (the fonts) and the licenses beside them."""
    config = mkdocs_config()
    entries = [e["path"] if isinstance(e, dict) else e for e in config.get("extra_javascript", []) + config.get("extra_css", [])]
    names = {Path(e).name for e in entries}
    for stylesheet in (ROOT / "docs" / e for e in entries if e.endswith(".css")):
        for url in re.findall(r'url\("([^"]+)"\)', stylesheet.read_text(encoding="utf-8")):
            loaded = (stylesheet.parent / url).resolve()
            names |= {loaded.name, *(license.name for license in loaded.parent.glob("LICENSE-*.txt"))}
    return names


def test_pages_link_only_existing_shared_assets():
    used = theme_assets()
    for lang, page in ALL_PAGES:
        text = content.page_path(lang, page).read_text(encoding="utf-8")
        used |= {Path(m.group("target")).name for m in content.LINK_RE.finditer(text) if "assets/" in m.group("target")}
    on_disk = {p.name for p in (ROOT / "docs" / content.SHARED_ASSETS).rglob("*") if p.is_file()}
    # The in-browser runtime: the hook adds run.js to a page with a runnable output
    # (guide_tools/runtime/listings.py), and run.js loads the files it names beside it.
    runtime = ROOT / "docs" / content.SHARED_ASSETS / "runtime"
    # The hook adds client.js before run.js and exercise.js (guide_tools/website/page_scripts.py), and
    # client.js loads the worker, which loads the rest.
    scripts = [(runtime / name).read_text(encoding="utf-8") for name in ("run.js", "client.js")]
    used |= {"run.js", "client.js"} | {p.name for p in runtime.iterdir() if any(f'"{p.name}"' in js for js in scripts)}
    # The exercise editor: the hook adds exercise.js to a page with a checkable exercise
    # (guide_tools/exercises/web.py), and exercise.js loads the files it names beside it.
    exercises = ROOT / "docs" / content.SHARED_ASSETS / "exercises"
    exercise_js = (exercises / "exercise.js").read_text(encoding="utf-8")
    used |= {"exercise.js"} | {p.name for p in exercises.iterdir() if f'"{p.name}"' in exercise_js}
    # The overview of exercises: the hook adds overview.js to a page that has the overview's line.
    if any("<!-- exercises-overview -->" in page.read_text(encoding="utf-8") for page in (ROOT / "docs").rglob("*.md")):
        used.add("overview.js")
    # The chooser: the post-build pass adds its stylesheet and module to the page with its <div> (guide_tools/chooser).
    if any(chooser.MARKER in page.read_text(encoding="utf-8") for page in (ROOT / "docs").rglob("*.md")):
        used |= {"chooser.css", "chooser.js"}
    # A diagram's narrow drawing, shown on phones in its place (the hook's lazy_images).
    used |= {name.removesuffix(".svg") + NARROW_SUFFIX for name in used if name.endswith(".svg")} & on_disk
    assert used <= on_disk
    assert on_disk <= used, f"files in docs/assets/ that no page shows: {sorted(on_disk - used)}"


@pytest.mark.parametrize(("lang", "page"), ALL_PAGES)
def test_code_annotations_have_their_explanations(lang, page):
    problems = content.annotation_problems(content.page_path(lang, page))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("lang", "page"), ALL_PAGES)
def test_admonition_titles_show_no_backslashes(lang, page):
    problems = content.title_problems(content.page_path(lang, page))
    assert not problems, "\n".join(problems)
