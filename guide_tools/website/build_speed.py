"""Work the site build does once instead of once per page or per language (called from the hooks).

Each measure leaves the built site as it was: `python -m guide_tools.website.site_compare` compares a build
against a reference build file by file (see "Speed" in contributing/speed.md;
the figures are in the commit messages).

- Highlighting: the three languages show the same listings, so each listing is highlighted once per
  process (Pygments was about a quarter of the build).
- Quizzes: the quiz extension's translation files are parsed once per version (guide_tools/website/quiz).
- Search: Material's search plugin parses every page's HTML for its index with Python's HTMLParser,
  and most of a chapter's tags are the highlighted listings that the hook marks
  `data-search-exclude` (the parser skips their text anyway). The parser gets the page with each
  such listing emptied; the page itself keeps it.
- `serve --lang` (one language) reloads dirty: only the pages an edit touches are built again,
  including every page that includes an edited snippet.
- static-i18n builds the default language twice when it is not listed first (first, then last so that
  its 404.html is the one left at the root). The second build is skipped and the default language's
  404.html, kept from the first, is written back.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import OrderedDict
from pathlib import Path

from pymdownx import highlight as pymdownx_highlight

from guide_tools.website import content

HIGHLIGHTED_KEPT = 8192  # listings kept per process (a `serve` session highlights edited listings again)


def memoize_highlighting() -> None:
    """Wrap pymdownx's Highlight.highlight with a cache keyed by its arguments and its settings."""
    highlight_class = pymdownx_highlight.Highlight
    if getattr(highlight_class.highlight, "memoized", False):
        return
    original = highlight_class.highlight
    cache: OrderedDict[tuple, str] = OrderedDict()

    @functools.wraps(original)
    def highlight(self, src, language, *args, **kwargs):
        settings = repr(sorted((k, v) for k, v in vars(self).items() if k != "md"))
        key = (settings, src, language, repr(args), repr(sorted(kwargs.items())))
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        stash = getattr(getattr(self.md, "htmlStash", None), "html_counter", None)
        result = original(self, src, language, *args, **kwargs)
        if stash == getattr(getattr(self.md, "htmlStash", None), "html_counter", None):
            cache[key] = result  # not when it stored HTML in the Markdown instance (an HTML title)
            if len(cache) > HIGHLIGHTED_KEPT:
                cache.popitem(last=False)
        return result

    highlight.memoized = True
    highlight.cache = cache
    highlight_class.highlight = highlight


# A listing as the hook marks it (mkdocs_hooks.exclude_from_search): no <div> inside it.
EXCLUDED_LISTING = re.compile(r"(<div data-search-exclude [^>]*>).*?(</div>)", re.DOTALL)


def lean_search_indexing(config) -> None:
    """Make the search plugin's index parse each page without the insides of excluded listings."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is not None:
        make_lean(index)


def make_lean(index) -> None:
    """Wrap one SearchIndex's add_entry_from_context (once): it reads the page with its excluded
    listings emptied, and the page keeps its content."""
    if getattr(index.add_entry_from_context, "lean", False):
        return
    add = index.add_entry_from_context

    def add_entry_from_context(page) -> None:
        content = page.content
        page.content = EXCLUDED_LISTING.sub(r"\1\2", content)
        try:
            add(page)
        finally:
            page.content = content

    add_entry_from_context.lean = True
    index.add_entry_from_context = add_entry_from_context


def i18n_plugin(config):
    return config.plugins.get("i18n")


def skip_second_default_build(config) -> None:
    """Called at the end of every language's build: after the last other language, tell static-i18n
    that the default language is the current one, so that its loop does not build it again."""
    i18n = i18n_plugin(config)
    if i18n is None or not getattr(i18n, "building", False):
        return
    languages = i18n.build_languages
    default = i18n.default_language
    others = [lang for lang in languages if lang != default]
    if languages and languages[-1] == default and others and i18n.current_language == others[-1]:
        i18n.current_language = default


class DefaultLanguage404:
    """The default language's 404.html, kept from its build and written back at the end."""

    def __init__(self) -> None:
        self.page: str | None = None

    def keep(self, output: str, template_name: str, lang: str, default: str) -> None:
        if template_name == "404.html" and lang == default:
            self.page = output

    def restore(self, site_dir: Path) -> None:
        if self.page is not None and self.page.strip():
            (site_dir / "404.html").write_bytes(self.page.encode("utf-8"))


# --------------------------------------------------------------------------- dirty reload (serve --lang)

DIRTY_WARNING = "A 'dirty' build is being performed"


class _WithoutDirtyWarning:
    """MkDocs warns at every dirty build that navigation may be stale; under `strict: true` that
    warning would abort the build. `serve --lang` asks for it knowingly (guide_tools/devtools/devloop.py)."""

    def filter(self, record) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def allow_dirty_builds() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _WithoutDirtyWarning) for f in logger.filters):
        logger.addFilter(_WithoutDirtyWarning())


def drop_stale_pages(files, snippets: Path, shared_inputs: list[Path]) -> list[str]:
    """Before a dirty build: remove the built copy of every page older than a snippet it includes or
    than one of `shared_inputs` (the glossary, mkdocs.yml), so that MkDocs builds it again (it only
    rebuilds pages whose Markdown is newer than their output). Returns the pages dropped."""
    newest_shared = max((p.stat().st_mtime for p in shared_inputs if p.is_file()), default=0.0)
    dropped = []
    for file in files.documentation_pages():
        built = Path(file.abs_dest_path)
        if not built.is_file():
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        included = [snippets / include.file for include in content.includes(text)]
        newest = max([newest_shared, *(p.stat().st_mtime for p in included if p.is_file())])
        if newest > built.stat().st_mtime:
            built.unlink()
            dropped.append(file.src_uri)
    return dropped
