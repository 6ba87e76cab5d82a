"""The build's shortcuts (guide_tools/website/build_speed.py) change how long it takes, never what it writes."""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import SearchIndex
from pymdownx import highlight as pymdownx_highlight

from guide_tools.website import build_speed
from tests.site.sitebuild import shared_site

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def index_entries(pages: list[tuple[str, str]], lean: bool) -> list[dict]:
    index = SearchIndex()
    if lean:
        build_speed.make_lean(index)
    for url, article in pages:
        page = SimpleNamespace(content=article, meta={}, toc=[], url=url, title="Page")
        index.add_entry_from_context(page)
        assert page.content == article  # the page keeps its listings
    return index.entries


@pytest.mark.slow
@pytest.mark.xdist_group("site-build")
def test_the_search_index_is_the_same_without_the_insides_of_excluded_listings(tmp_path_factory):
    """Every built page, indexed by Material's own parser from the whole page and from the page with
    its excluded listings emptied, gives the same entries."""
    site = shared_site(tmp_path_factory)
    pages = []
    for path in sorted(site.rglob("index.html")):
        found = ARTICLE.search(path.read_text(encoding="utf-8"))
        if found:
            pages.append((path.parent.relative_to(site).as_posix() + "/", found.group(1)))
    emptied = sum(len(build_speed.EXCLUDED_LISTING.findall(article)) for _, article in pages)
    assert emptied > 500, f"only {emptied} excluded listings in the built pages: is the hook still marking them?"
    assert index_entries(pages, lean=True) == index_entries(pages, lean=False)


def test_a_listing_is_highlighted_once_and_the_same_as_without_the_cache(monkeypatch):
    build_speed.memoize_highlighting()
    memoized = pymdownx_highlight.Highlight.highlight
    source = f'```python title="app.py" hl_lines="2"\nimport os\nprint(os.sep)  # listing {os.getpid()}\n```\n'
    extensions = ["pymdownx.highlight", "pymdownx.superfences"]
    before = len(memoized.cache)
    first = markdown.Markdown(extensions=extensions).convert(source)
    second = markdown.Markdown(extensions=extensions).convert(source)
    assert len(memoized.cache) == before + 1  # highlighted once, then taken from the cache
    monkeypatch.setattr(pymdownx_highlight.Highlight, "highlight", memoized.__wrapped__)
    uncached = markdown.Markdown(extensions=extensions).convert(source)
    assert first == second == uncached
    assert 'class="filename">app.py' in first and 'class="hll"' in first


def test_a_dirty_reload_builds_again_every_page_older_than_a_snippet_it_includes(tmp_path):
    snippets, docs, site = (tmp_path / name for name in ("snippets", "docs", "site"))
    for folder in (snippets, docs, site):
        folder.mkdir()
    (snippets / "app.py").write_text("print('hi')\n")
    (docs / "shows.md").write_text('# A\n\n```python\n--8<-- "app.py"\n```\n')
    (docs / "other.md").write_text("# B\n")
    glossary = tmp_path / "glossary.yml"
    glossary.write_text("{}\n")
    files = []
    for name in ("shows", "other"):
        built = site / f"{name}.html"
        built.write_text("<p>built</p>")
        os.utime(built, (1_000, 1_000))  # built long ago...
        files.append(SimpleNamespace(src_uri=f"{name}.md", abs_src_path=str(docs / f"{name}.md"), abs_dest_path=str(built)))
    pages = SimpleNamespace(documentation_pages=lambda: files)
    for path in (snippets / "app.py", glossary, *(docs.iterdir())):
        os.utime(path, (500, 500))  # ...after every input
    assert build_speed.drop_stale_pages(pages, snippets, [glossary]) == []

    os.utime(snippets / "app.py")  # the snippet is edited
    assert build_speed.drop_stale_pages(pages, snippets, [glossary]) == ["shows.md"]
    assert not (site / "shows.html").exists() and (site / "other.html").exists()

    os.utime(glossary)  # the glossary is edited: every page has its terms
    assert build_speed.drop_stale_pages(pages, snippets, [glossary]) == ["other.md"]


def test_the_default_languages_404_page_is_written_back(tmp_path):
    kept = build_speed.DefaultLanguage404()
    kept.keep("<html lang=en>", "404.html", "en", "en")
    kept.keep("<html lang=ru>", "404.html", "ru", "en")
    kept.keep("<urlset/>", "sitemap.xml", "en", "en")
    (tmp_path / "404.html").write_text("<html lang=ru>")
    kept.restore(tmp_path)
    assert (tmp_path / "404.html").read_text() == "<html lang=en>"


def test_static_i18n_is_told_not_to_build_the_default_language_again():
    i18n = SimpleNamespace(building=True, build_languages=["ko", "ru", "en"], default_language="en", current_language="ko")
    config = SimpleNamespace(plugins={"i18n": i18n})
    build_speed.skip_second_default_build(config)
    assert i18n.current_language == "ko"  # Russian is still to build
    i18n.current_language = "ru"
    build_speed.skip_second_default_build(config)
    assert i18n.current_language == "en"  # its loop now skips English, already built first


def test_quiz_translations_are_parsed_once_per_version_of_their_file(tmp_path, monkeypatch):
    from guide_tools.website import quiz

    parsed = []
    real = quiz.polib.pofile
    monkeypatch.setattr(quiz.polib, "pofile", lambda path: parsed.append(path) or real(path))
    po = tmp_path / "ko.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Submit"\nmsgstr "제출"\n', encoding="utf-8")
    first = quiz.read_po(po)
    assert first == {"Submit": "제출"}
    first["Submit"] = "changed by its caller"
    assert quiz.read_po(po) == {"Submit": "제출"}  # each caller gets its own copy
    assert len(parsed) == 1  # parsed once
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Submit"\nmsgstr "답안 제출"\n', encoding="utf-8")
    assert quiz.read_po(po) == {"Submit": "답안 제출"}  # an edited file is parsed again
