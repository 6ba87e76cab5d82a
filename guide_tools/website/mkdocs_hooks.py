"""MkDocs hooks (listed under `hooks:` in mkdocs.yml).

- Language-neutral files in docs/assets/ are published once, at /assets/, and every language's
  pages can link to them with the same relative path (static-i18n with
  `fallback_to_default: false` would otherwise drop them from the ko and ru builds).
- Pages get what accessibility and search engines need from every page without each author
  remembering it: a per-page meta description (the page's first paragraph), and no empty
  header cell in tables (the empty corner of a comparison table is a data cell).
- Glossary tooltips: every page gets its language's glossary terms appended as abbreviation
  definitions (`*[WSGI]: …`, from includes/glossary/<lang>.yml), and the Markdown extension in
  guide_tools/website/glossary.py, registered here in place of `abbr`, turns them into `<abbr>` tooltips,
  Korean particles included. (It is registered here, not under `markdown_extensions:`, because
  MkDocs loads those before this file puts the project on `sys.path`.)
- Speed (guide_tools/website/build_speed.py): each listing highlighted once, search indexing without the
  listings' insides, English built once, and `serve --lang`'s dirty reload rebuilding every page
  an edit touches (snippets included). A build of one language (SIDE_BY_SIDE_LANG) is refused.
- Exercises: a `<!-- exercise: routing/flask -->` line becomes the command that checks the
  reader's copy and the exercise's hints in the page's language (guide_tools/exercises/runner.py).
- The stages before and after the engine (contributing/site-build.md, "Stages"): the assembled
  files (guide_tools/website/assemble.py) and the pass over the built site
  (guide_tools/website/postbuild.py) run once, when the last language is built; this file calls them.
- Content problems stop the build with a message that names the file and says what to do:
  a missing translation, an include of a missing snippet file or section, a chapter without its
  self-check quiz, a quiz whose translation differs from the English one. `mkdocs build` finds them
  all before it renders a page (on_pre_build); `serve` reports them as warnings.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from guide_tools.devtools import stacks  # noqa: E402
from guide_tools.exercises import runner as exercises  # noqa: E402
from guide_tools.exercises import web as exercise_web  # noqa: E402
from guide_tools.runtime import listings as runnable_listings  # noqa: E402
from guide_tools.website import fonts  # noqa: E402
from guide_tools.website import assemble, build_speed, content, glossary, postbuild, sitebuild, theme_css  # noqa: E402

log = get_plugin_logger("side-by-side")


def _current_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or content.DEFAULT_LANGUAGE


def _at_root(config) -> bool:
    """Whether this build's pages go to the site's root: the default language's build, or the one
    language that `python3 dev.py serve --lang` builds (static-i18n's `build_only_locale`)."""
    i18n = config.plugins.get("i18n")
    return i18n is None or i18n.current_language in (None, i18n.default_language)


def _snippets_dir(config) -> Path:
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["snippets"])
    return Path(base[0] if isinstance(base, list) else base).resolve()  # relative to the cwd, as pymdownx does


DIRTY_RELOAD = False  # `mkdocs serve --dirty`, as `python3 dev.py serve --lang` runs it
WHOLE_BUILD = False  # `mkdocs build` (or gh-deploy): the sources are checked before any page is built
CHECKED_BEFORE_BUILDING = False  # ... and they passed, so the pages need not be checked one by one


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    global DIRTY_RELOAD, WHOLE_BUILD, CHECKED_BEFORE_BUILDING
    WHOLE_BUILD, CHECKED_BEFORE_BUILDING = command != "serve", False
    only = os.environ.get(sitebuild.ONLY_LANGUAGE)
    if only and command != "serve":
        raise PluginError(
            f"{sitebuild.ONLY_LANGUAGE}={only} is set: a build of one language is for `python3 dev.py serve --lang` "
            f"only. Unset it (`unset {sitebuild.ONLY_LANGUAGE}`) and build again: a build is always the whole site."
        )
    DIRTY_RELOAD = dirty
    if dirty:
        build_speed.allow_dirty_builds()
    if os.environ.get(sitebuild.QUIET_LOG):
        quiet_plugin_log()


# Loggers whose INFO lines `dev.py serve` leaves out unless -v (guide_tools/devtools/devloop.py):
# static-i18n says, per language, where it builds and which settings it overrides (15 lines for the
# three languages) before MkDocs' "Serving on". Their warnings still show.
CHATTY_LOGGERS = ("mkdocs.plugins.mkdocs_static_i18n",)


def quiet_plugin_log() -> None:
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def on_config(config, **kwargs):
    if "abbr" in config.markdown_extensions:
        raise PluginError(
            "mkdocs.yml: remove `abbr` from markdown_extensions; guide_tools/website/glossary.py replaces it "
            "(the hook registers it) so that terms followed by Korean particles get tooltips too."
        )
    if not any(isinstance(ext, glossary.GlossaryExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(glossary.GlossaryExtension())
    config.extra["sbs_korean_font"] = fonts.TEMPLATE  # overrides/main.html declares the faces on Korean pages
    build_speed.memoize_highlighting()
    return config


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context, page, config, **kwargs):
    build_speed.lean_search_indexing(config)
    return context


DEFAULT_404 = build_speed.DefaultLanguage404()


def on_post_template(output: str, template_name: str, config, **kwargs) -> str:
    path = Path(config.site_dir) / postbuild.NOT_FOUND
    # Finished by the post-build pass, with the pages; where two languages write the same file, the
    # default language's is the one that stays (DEFAULT_404).
    if template_name == postbuild.NOT_FOUND and (path not in _BUILT[1] or _current_language(config) == content.DEFAULT_LANGUAGE):
        _BUILT[1][path] = _built(config, path, postbuild.NOT_FOUND)
    DEFAULT_404.keep(output, template_name, _current_language(config), content.DEFAULT_LANGUAGE)
    return output


LOCAL_ONLY: dict[str, tuple[str, str]] | None = None  # outputs the browser cannot run: found once per build


def _local_only() -> dict[str, tuple[str, str]]:
    global LOCAL_ONLY
    if LOCAL_ONLY is None:
        LOCAL_ONLY = runnable_listings.local_only()
    return LOCAL_ONLY


def on_pre_build(config, **kwargs) -> None:
    """The checks of the sources, once, by the first (English) build.

    A build checks every page of every language here and stops at once with all it found: the
    build is strict, so any of these would fail it, only a minute later, after all three languages.
    `serve` checks only what it rebuilds (on_page_markdown) and reports problems as warnings."""
    global CHECKED_BEFORE_BUILDING, LOCAL_ONLY
    LOCAL_ONLY = None  # a rebuild (`serve`) finds them again: a drive.py or a test may have changed
    if not _at_root(config):
        return
    docs = Path(config.docs_dir)
    if WHOLE_BUILD:
        problems = content.source_problems(docs, _snippets_dir(config)) + glossary.problems(content.LANGUAGES)
        if problems:
            raise PluginError(
                f"nothing was built: the sources have {len(problems)} problem(s). Fix them and build again.\n"
                + "\n".join(problems)
            )
        CHECKED_BEFORE_BUILDING = True
        return
    for problem in content.site_problems(docs) + glossary.problems(content.LANGUAGES):
        log.warning(problem)  # `serve` goes on


@event_priority(-200)  # after static-i18n (-100) has chosen this language's files
def on_files(files: Files, config, **kwargs) -> Files:
    if DIRTY_RELOAD:
        shared_inputs = [Path(config.config_file_path), stacks.LOCK, *sorted(glossary.GLOSSARY_DIR.glob("*.yml"))]
        build_speed.drop_stale_pages(files, _snippets_dir(config), shared_inputs)
    docs = Path(config.docs_dir)
    shared = docs / content.SHARED_ASSETS
    if not shared.is_dir():
        return files
    for path in sorted(p for p in shared.rglob("*") if p.is_file()):
        src_uri = path.relative_to(docs).as_posix()
        if files.src_uris.get(src_uri) is not None:
            continue  # the English build keeps it by itself
        # Same destination in every language build: one copy at /assets/..., linked from all.
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def _check_page(source: Path, markdown: str, lang: str, rel_page: str, config) -> None:
    """One page's checks, as `serve` runs them on what it rebuilds: a missing include stops the
    rebuild, anything else is a warning (the strict build checks them all in on_pre_build)."""
    problems = content.include_problems(source, markdown, _snippets_dir(config))
    if problems:
        raise PluginError("\n".join(problems))
    for problem in content.page_problems(lang, rel_page, Path(config.docs_dir), _snippets_dir(config)):
        log.warning(problem)


@event_priority(100)  # before the markdown is converted (and before pymdownx.snippets runs)
def on_page_markdown(markdown: str, page, config, **kwargs) -> str:
    source = Path(page.file.abs_src_path)
    lang, _, rel_page = page.file.src_uri.partition("/")
    if not CHECKED_BEFORE_BUILDING:
        _check_page(source, markdown, lang, rel_page, config)
    if lang in content.LANGUAGES:  # the overview of every exercise (how_to_use.md)
        markdown = exercise_web.overview(markdown, lang)
    if lang in content.LANGUAGES and exercises.DIRECTIVE_RE.search(markdown):
        try:  # the exercises' commands and hints (contributing/exercises.md, "Exercises")
            # Check on the page first: its placeholder goes after the directive the runner expands
            markdown = exercises.render(exercise_web.mark(markdown, lang), lang)
        except ValueError as problem:
            raise PluginError(f"{content.rel(source)}: {problem}") from None
    try:  # {django-lts}, {django-latest}: versions from uv.lock (guide_tools/devtools/stacks.py)
        markdown = stacks.substitute(markdown, content.rel(source))
    except (ValueError, LookupError) as error:
        raise PluginError(str(error)) from None
    # Run in the browser: a placeholder after each runnable output, and under an output the browser
    # cannot run, one line with the command that runs it locally (guide_tools/runtime/listings.py).
    markdown = runnable_listings.mark(markdown, lang=lang if lang in content.LANGUAGES else "en",
                                      local=_local_only())
    if lang in content.LANGUAGES:
        # The page's own language's glossary (per-language by design; see guide_tools/website/glossary.py).
        markdown = markdown.rstrip("\n") + "\n\n" + glossary.abbreviation_lines(lang) + "\n"
    quiz_language(config)
    return markdown


QUIZ_EXTENSION = "guide_tools.website.quiz"


def quiz_language(config) -> None:
    """The quiz extension's interface strings in the language being built: static-i18n builds every
    language from one mkdocs.yml (and sets `theme.language` per language, as this does for the
    extension); MkDocs makes each page's Markdown from `mdx_configs`. An engine that builds one
    language per configuration sets `language` there instead."""
    settings = config.mdx_configs.get(QUIZ_EXTENSION)
    if settings is not None:
        settings["language"] = _current_language(config)


EMPTY_HEADER_CELL = re.compile(r"<th(\s[^>]*)?>\s*</th>")
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
DESCRIPTION_LENGTH = 160  # what search engines show of a description


def describe(page_html: str) -> str | None:
    """The first paragraph of a page as plain text, cut at a word near DESCRIPTION_LENGTH."""
    match = FIRST_PARAGRAPH.search(page_html)
    if not match:
        return None
    text = " ".join(html.unescape(TAG.sub("", match.group(1))).split())
    if len(text) > DESCRIPTION_LENGTH:
        text = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:—-")
        text += "" if text.endswith((".", "!", "?")) else "…"
    return text or None


# Blocks left out of the search index, which every page downloads and parses (its language's):
# code listings (a third of the index's text; the prose around a listing names what it shows),
# the self-check quizzes (answers are not search results) and their progress panel (guide_tools/website/quiz)
# ("Answered: 0 / 0" is not text). Material skips an element with `data-search-exclude`, but its
# parser compares elements by tag name, so an excluded <div> ends at the first inner </div>: a code
# listing (no <div> inside) takes the attribute itself, a quiz is wrapped in an element of its own.
CODE_LISTING = re.compile(r'<div (?=class="(?:[^"]*\s)?highlight(?:\s[^"]*)?")')
QUIZ_BLOCK = re.compile(r'<(div|nav) (?=[^>]*?(?:class="quiz"|id="quiz-(?:progress-sidebar|progress-mobile|results)"))')
NOT_INDEXED = "sbs-noindex"  # display: contents (theme.css): no box, no role, only a search marker


def exclude_from_search(page_html: str) -> str:
    page_html = CODE_LISTING.sub("<div data-search-exclude ", page_html)
    parts, done = [], 0
    for block in QUIZ_BLOCK.finditer(page_html):
        start, name = block.start(), block.group(1)
        if start < done:
            continue  # inside a block already wrapped
        depth = 0
        for tag in re.compile(rf"<{name}\b|</{name}>").finditer(page_html, start):
            depth += 1 if tag.group() == f"<{name}" else -1
            if depth == 0:
                end = tag.end()
                break
        else:
            raise PluginError(f"an unclosed <{name}> at character {start}: cannot leave it out of the search index")
        parts += [page_html[done:start], f"<{NOT_INDEXED} data-search-exclude>", page_html[start:end], f"</{NOT_INDEXED}>"]
        done = end
    return "".join(parts) + page_html[done:]


# Material makes a code listing that scrolls sideways focusable (tabindex) when it mounts it, and
# with `content.lazy` (mkdocs.yml) it mounts a listing only when it first comes into view: until
# then a keyboard could not scroll it (axe: scrollable-region-focusable). So every listing starts
# focusable, and Material takes the tab stop away from those that do not scroll once mounted.
LISTING_CODE = re.compile(r"(<pre[^>]*>(?:<span></span>)?)<code>")


def focusable_listings(page_html: str) -> str:
    return LISTING_CODE.sub(r'\1<code tabindex="0">', page_html)


# Pygments wraps every token in a <span>, whitespace and plain names included, and the theme gives
# names the code's own colour (`--md-code-hl-name-color: var(--md-code-fg-color)`, in both schemes;
# tests/site/test_build.py fails if that changes) and whitespace none. Those two are a quarter of a
# page's elements on the longest pages, and Material's start-up restyles the whole page several
# times: without them the page looks the same and starts faster.
PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_plain_tokens(page_html: str) -> str:
    return PLAIN_TOKEN.sub(r"\1", page_html)


# Images in a page (the benchmark charts, the routing diagram) sit far below the first screen, and
# at load they cost a phone more than their bytes: with the ten charts the benchmark results page
# scored about 87 in Lighthouse (median of 5 runs), 91 with them loaded as the reader scrolls to
# them, 92-94 with no images at all. Their size comes from the SVG file, so that the space is kept
# before an image loads and the text does not jump when it does.
IMAGE = re.compile(r'<img (?![^>]*\bloading=)([^>]*?\bsrc="([^"]+)"[^>]*?)\s*/?>')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="(\d+)"[^>]*?\sheight="(\d+)"')


# A wide diagram shrunk to a phone's width has unreadable text (the routing flow's, 760 px wide, came
# out about 6 px high at 390 px). A diagram with a narrow drawing beside it (`x-narrow.svg`, drawn top
# to bottom) shows that one on phone screens, at its own size (tests/browser: test_diagrams_read_on_a_phone).
NARROW_SUFFIX = "-narrow.svg"
PHONE_MEDIA = "(max-width: 44.984375em)"  # Material's phone and small tablet breakpoint


def lazy_images(page_html: str, page_url: str, docs: Path) -> str:
    def lazy(match: re.Match) -> str:
        attributes, src = match.group(1), match.group(2)
        size = ""
        if src.endswith(".svg") and " width=" not in attributes:
            published = posixpath.normpath(posixpath.join("/" + page_url, src)).lstrip("/")
            # docs/assets/ is published at /assets/, docs/ko/... at /ko/..., docs/en/... at /...
            path = next((p for p in (docs / published, docs / content.DEFAULT_LANGUAGE / published) if p.is_file()), docs / published)
            found = SVG_SIZE.search(path.read_text(encoding="utf-8")) if path.is_file() else None
            if found is None:
                raise PluginError(
                    f"page /{page_url}: the image {src} is not {path} with width=\"…\" height=\"…\" on its <svg> "
                    "element; add them (the page keeps the image's space from them) or correct the path."
                )
            size = f' width="{found.group(1)}" height="{found.group(2)}"'
            narrow = path.with_name(path.stem + NARROW_SUFFIX)
            found_narrow = SVG_SIZE.search(narrow.read_text(encoding="utf-8")) if narrow.is_file() else None
            if found_narrow:
                source = (f'<source media="{PHONE_MEDIA}" srcset="{src.removesuffix(".svg")}{NARROW_SUFFIX}" '
                          f'width="{found_narrow.group(1)}" height="{found_narrow.group(2)}" />')
                return f'<picture>{source}<img {attributes}{size} loading="lazy" /></picture>'
        return f'<img {attributes}{size} loading="lazy" />'

    return IMAGE.sub(lazy, page_html)


# Tables as Material's script would wrap them, written by the build so that the script leaves them
# alone (it wraps only tables without a class): see "Tables" in guide_tools/website/theme_css.py.
TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
PREWRAPPED = (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{theme_css.PREWRAPPED_TABLE}">',
              "</table></div></div>")


def prewrap_tables(page_html: str) -> str:
    def wrap(match: re.Match) -> str:
        if "<table" in match.group(1):
            raise PluginError("a table inside a table: guide_tools/website/mkdocs_hooks.py cannot wrap it as Material would")
        return PREWRAPPED[0] + match.group(1) + PREWRAPPED[1]

    return TABLE.sub(wrap, page_html)


def on_template_context(context, template_name, config, **kwargs):
    """The 404 page's language menu leads to each language's home page (overrides/404.html).

    static-i18n sets the menu's links per page and leaves the last page's there, so the 404 page,
    rendered after every page, offered /ko/projects/ai-chat/ and /ru/projects/ai-chat/. Its list of
    language home pages (absolute paths from the site's base) is what the menu had before any page."""
    if template_name == "404.html" and not os.environ.get(sitebuild.ONLY_LANGUAGE):
        # `serve --lang` builds one language: static-i18n draws no language menu, so there is none to set.
        homes = getattr(config.plugins.get("i18n"), "extra_alternate", None)
        if not homes:
            raise PluginError(
                "guide_tools/website/mkdocs_hooks.py: mkdocs-static-i18n no longer keeps its language home links in "
                "`extra_alternate`; set the 404 page's language menu (config.extra.alternate) another way."
            )
        # static-i18n sets the attribute (which Jinja reads before the item) on every page.
        config.extra.alternate = [dict(home) for home in homes]
    return context


# The heading permalink's tooltip and accessible name: Python-Markdown's toc writes its one
# `permalink_title` on every page, English on Korean and Russian pages too.
PERMALINK_TITLE = {"en": "Permanent link", "ko": "이 제목으로 바로 가는 링크", "ru": "Ссылка на этот раздел"}
HEADERLINK = re.compile(r'(<a class="headerlink" href="[^"]*" title=")[^"]*(")')


def localize_permalinks(page_html: str, lang: str) -> str:
    return HEADERLINK.sub(lambda m: m.group(1) + PERMALINK_TITLE[lang] + m.group(2), page_html)


# A code annotation marker alone in its comment (`x = 1  # (1)!`). Material's script puts a tooltip in
# its place and hides the list after the listing that holds the annotations' text; without that
# script (JavaScript off, reader modes, feed readers, search engines) the reader saw `# (1)!` in the
# code. The marker is written as a plain `(1)`, still a comment: Material's script finds `(1)` in a
# comment just the same (its pattern is `(\(\d+\))(!)?`; the `!` only says "the whole comment"),
# and without it the number refers to item 1 of the list, which stays after the listing.
# The copy button drops the marker but not the spaces before it: the copied line ended in two
# spaces. They are wrapped here too, and theme.css hides the wrapper while Material copies.
ANNOTATION_MARKER = re.compile(r'([ \t]*)<span class="(c1?|cm)">(?:#|//) (\(\d+\))!</span>')


def plain_annotation_markers(page_html: str) -> str:
    def plain(match: re.Match) -> str:
        gap = f'<span class="sbs-annotation-gap">{match.group(1)}</span>' if match.group(1) else ""
        return f'{gap}<span class="{match.group(2)}">{match.group(3)}</span>'

    return ANNOTATION_MARKER.sub(plain, page_html)


# A captured output that is a shell transcript (`$ command`, then what it printed): its copy button
# copied the prompts and the output with the commands. Material copies the `data-copy` attribute of
# the block instead of its text when there is one, so a transcript carries its commands there,
# without the `$ ` (a command continued with a trailing backslash keeps its next lines).
TRANSCRIPT = re.compile(r'(<div data-search-exclude class="language-text highlight")(>(?:<span class="filename">.*?</span>)?'
                        r'<pre><span></span><code[^>]*>)(\$ .*?)(</code>)', re.S)


def transcript_commands(text: str) -> list[str]:
    commands, continued = [], False
    for line in text.split("\n"):
        if continued or line.startswith("$ "):
            commands.append(line if continued else line[2:])
            continued = line.endswith("\\")
    return commands


def copy_commands_of_transcripts(page_html: str) -> str:
    def mark(match: re.Match) -> str:
        commands = transcript_commands(html.unescape(TAG.sub("", match.group(3))))
        return f'{match.group(1)} data-copy="{html.escape(chr(10).join(commands), quote=True)}"{match.group(2)}{match.group(3)}{match.group(4)}'

    return TRANSCRIPT.sub(mark, page_html)


# A tab group's labels are <label>s with nothing between them: the search index read them as one
# word ("FlaskFastAPIDjango") in the entry of every section with tabs. They are controls, not
# text, and stay out of the index (a <div> with no <div> inside, so Material's parser ends the
# exclusion at the right </div>; see exclude_from_search).
TAB_LABELS = re.compile(r'<div class="tabbed-labels">')


def unindexed_tab_labels(page_html: str) -> str:
    # After the class: theme_css.TAB_SET and the tests find a tab set's labels by how their tag starts.
    return TAB_LABELS.sub('<div class="tabbed-labels" data-search-exclude>', page_html)


def on_page_content(page_html: str, page, config, **kwargs) -> str:
    # Material writes page.meta.description unescaped into <meta name="description" content="...">.
    if not page.meta.get("description"):
        description = describe(page_html)
        if description:
            page.meta["description"] = html.escape(description, quote=True)
    page_html = unwrap_plain_tokens(focusable_listings(exclude_from_search(page_html)))
    page_html = prewrap_tables(lazy_images(page_html, page.url, Path(config.docs_dir)))
    page_html = localize_permalinks(page_html, _current_language(config))
    page_html = copy_commands_of_transcripts(unindexed_tab_labels(plain_annotation_markers(page_html)))
    # axe-core (empty-table-header): a header cell must have text; an empty one is a data cell.
    return EMPTY_HEADER_CELL.sub(lambda m: f"<td{m.group(1) or ''}></td>", page_html)


# What the builds wrote since the last post-build pass (a `serve` rebuild writes only some pages;
# a page written by a build that failed is still to be finished): pages, then 404 pages, by their
# file in the site. Gathered over every language's build.
_BUILT: tuple[dict[Path, postbuild.Built], dict[Path, postbuild.Built]] = ({}, {})


def _built(config, path: Path, name: str) -> postbuild.Built:
    return postbuild.Built(path, _current_language(config), config.site_name, _at_root(config), name)


def on_post_page(output: str, page, config, **kwargs) -> str:
    path = Path(page.file.abs_dest_path)  # MkDocs writes the page there; the pass finishes it (on_post_build)
    _BUILT[0][path] = _built(config, path, f"docs/{page.file.src_uri}")
    return output


@event_priority(-300)  # after static-i18n (-100) has built the other languages and merged their search index
def on_post_build(config, **kwargs) -> None:
    """The stages after the engine, once, when every language is built: the assembled files
    (guide_tools/website/assemble.py) and the pass over the built site (guide_tools/website/postbuild.py)."""
    i18n = build_speed.i18n_plugin(config)
    if i18n is not None and i18n.building:
        build_speed.skip_second_default_build(config)
        return  # another language's build: the last one finishes the site
    root = Path(config.site_dir)
    DEFAULT_404.restore(root)
    pages, not_found = (list(built.values()) for built in _BUILT)
    for built in _BUILT:
        built.clear()
    try:
        assemble.run(root)
        postbuild.run(root, pages, not_found)
    except (assemble.Unavailable, postbuild.SiteProblem) as problem:
        raise PluginError(str(problem)) from None
