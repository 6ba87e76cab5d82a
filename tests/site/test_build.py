"""The whole three-language site builds with --strict, offline, with the features pages rely on."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tarfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide_tools.website import content, fonts, theme_css
from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES, ROOT
from guide_tools.website.mkdocs_hooks import PREWRAPPED, SVG_SIZE
from guide_tools.website.postbuild import CONFIG_SCRIPT, header_title
from tests.site import site_checks
from tests.site.sitebuild import shared_site
from tests.site.test_pages import mkdocs_config

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site-build")]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory)  # built once per run, also served to the browser tests


def html_pages(site: Path):
    for lang in LANGUAGES:
        for page in content.pages(lang):
            url = "" if page == "index.md" else page.removesuffix(".md") + "/"
            prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
            yield lang, page, site / prefix / url / "index.html"


def test_every_page_is_built_in_every_language(site):
    for lang, page, path in html_pages(site):
        assert path.is_file(), f"docs/{lang}/{page} was not built to {path.relative_to(site)}"
        assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8")


EXTERNAL_ASSET = re.compile(
    r"""<(?:script|img|iframe|source)[^>]+src=["']https?://|<link[^>]+href=["']https?://[^"']+["'][^>]*rel=["']?(?:stylesheet|preconnect|preload)|<link[^>]+rel=["']?(?:stylesheet|preconnect|preload)[^>]+href=["']https?://|@import\s+url\(["']?https?://""",
    re.IGNORECASE,
)


def test_nothing_is_loaded_from_another_host(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".js":
                continue  # bundled theme JS mentions URLs in strings; what it loads is decided by the HTML
            if EXTERNAL_ASSET.search(text):
                offenders.append(str(path.relative_to(site)))
    assert not offenders, f"pages load assets from other hosts (the site must work offline): {offenders[:10]}"


def test_404_page_is_english(site):
    assert '<html lang="en"' in (site / "404.html").read_text(encoding="utf-8")


def palette_labels() -> dict[str, list[str]]:
    """Each language's names of the light/dark toggle, from mkdocs.yml (English: the theme's own)."""
    config = mkdocs_config()
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    palettes = {lang["locale"]: lang.get("theme", {}).get("palette") for lang in i18n["languages"]}
    palettes[DEFAULT_LANGUAGE] = palettes.get(DEFAULT_LANGUAGE) or config["theme"]["palette"]
    return {lang: [scheme["toggle"]["name"] for scheme in palette] for lang, palette in palettes.items()}


def test_the_palette_toggle_speaks_the_pages_language(site):
    """static-i18n once left the last translation's toggle names in the English pages it built again last."""
    labels = palette_labels()
    for lang, page, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        for label in labels[lang]:
            assert f'title="{label}"' in html, f"{lang}/{page}: the palette toggle is not named {label!r}"


def test_language_switcher_lands_on_the_same_page(site):
    for lang, page, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        for other in LANGUAGES:
            links = re.findall(rf'<a href="([^"]+)" hreflang="{other}" class="md-select__link"', html)
            assert links, f"{path.relative_to(site)}: no language-switcher entry for {other}"
            # Home pages get the language's root link ("/ko/"); other pages a relative one.
            base = site if links[0].startswith("/") else path.parent
            target = (base / links[0].lstrip("/")).resolve() / "index.html"
            expected = next(p for l, pg, p in html_pages(site) if l == other and pg == page)
            assert target == expected.resolve(), f"{lang}/{page}: the {other} switcher entry points at {links[0]}"


def theme_config(page_html: str) -> dict:
    """The JSON config Material's JavaScript reads from a page (the hook edits it with the same pattern)."""
    return json.loads(CONFIG_SCRIPT.search(page_html).group(2))


def test_theme_features_pages_rely_on(site):
    features = theme_config((site / "index.html").read_text(encoding="utf-8"))["features"]
    for feature in ("content.tabs.link", "content.code.copy", "content.code.annotate", "content.lazy"):
        assert feature in features
    assert "navigation.instant" not in features  # static-i18n warns with it, which fails --strict


def test_each_language_searches_its_own_index(site):
    """One index per language at the language's root (not static-i18n's merged one: every page
    downloaded all three languages), and every page's theme config points its search there."""
    for lang in LANGUAGES:
        root = site if lang == DEFAULT_LANGUAGE else site / lang
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert lang in index["config"]["lang"]
        docs = index["docs"]
        locations = [doc["location"] for doc in docs]
        assert len(docs) == len({(d["location"], d["title"], d["text"]) for d in docs}), f"{lang}: duplicate entries"
        assert any(loc.startswith("compare/routing/") for loc in locations), f"{lang}: routing chapter not indexed"
        assert not [loc for loc in locations if loc.split("/")[0] in LANGUAGES], f"{lang}: another language's pages"
    for lang, page, path in html_pages(site):
        base = (path.parent / theme_config(path.read_text(encoding="utf-8"))["base"]).resolve()
        assert base == (site if lang == DEFAULT_LANGUAGE else site / lang).resolve(), f"{lang}/{page}: search base {base}"


def test_search_index_leaves_out_code_listings_and_quizzes(site):
    """Every page downloads its language's index: the text of code listings (the prose names what
    they show), quiz questions and answers, and the quizzes' progress panel stay out of it."""
    chapter = content.chapter_pages()[0]
    for lang in LANGUAGES:
        root = site if lang == DEFAULT_LANGUAGE else site / lang
        docs = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        assert not [doc["location"] for doc in docs if "<pre>" in doc["text"]], f"{lang}: code listings in the search index"
        text = plain("\n".join(doc["text"] for doc in docs))
        page = built(site, lang, chapter)
        question = plain(re.search(r'<div class="quiz-question"[^>]*>\s*<p>(.*?)</p>', page, re.S).group(1))
        assert question not in text, f"{lang}: the quiz question {question!r} of {chapter} is in the search index"
        answered = re.search(r'<span class="md-ellipsis">\s*([^<]+?)\s*<span class="quiz-progress-answered">', page).group(1)
        assert answered not in text, f"{lang}: the quiz progress panel ({answered!r}) is in the search index"
        first = plain(re.search(r"<h1[^>]*>.*?</h1>\s*<p>(.*?)</p>", page, re.S).group(1))
        assert first in text, f"{lang}: the first paragraph of {chapter} is not in the search index"


def test_listings_drop_only_the_token_spans_the_theme_does_not_colour(site):
    """The MkDocs hook unwraps Pygments' spans around names and whitespace (a quarter of the
    elements of the longest pages). That is only invisible while the theme colours names like the
    rest of the code, in both schemes, and whitespace not at all: if Material changes that, remove
    unwrap_plain_tokens() from guide_tools/website/mkdocs_hooks.py."""
    stylesheets = {path.name: path.read_text(encoding="utf-8") for path in (site / "assets/stylesheets").glob("*.css")}
    name_colours = {name: re.findall(r"--md-code-hl-name-color:\s*([^;}]+)", css) for name, css in stylesheets.items()}
    assert any(name_colours.values()) and all(value.strip() == "var(--md-code-fg-color)" for values in name_colours.values() for value in values), name_colours
    assert not [name for name, css in stylesheets.items() if re.search(r"\.highlight\s+\.w\b", css)], "the theme now colours whitespace tokens"
    for lang, page, path in html_pages(site):
        page_html = path.read_text(encoding="utf-8")
        assert not re.search(r'<span class="[nw]">', page_html), f"{lang}/{page}: a name or whitespace token span"
    assert '<span class="k">' in built(site, DEFAULT_LANGUAGE, content.chapter_pages()[0]), "listings lost their highlighting"


def material_stylesheet(site: Path, pattern: str) -> tuple[str, str]:
    """(Material's own stylesheet, the copy this site publishes)."""
    import material

    [published] = (site / "assets/stylesheets").glob(pattern)
    original = Path(material.__file__).parent / "templates/assets/stylesheets" / published.name
    return original.read_text(encoding="utf-8"), published.read_text(encoding="utf-8")


def test_theme_stylesheet_drops_only_the_tab_positions_no_page_has(site):
    """guide_tools/website/theme_css.py: the published copy of Material's stylesheet is Material's own
    without the selectors for tab positions past TABS_PER_SET, and with its table rules for the
    build's wrapped tables; TABS_PER_SET is the size of the largest tab set on the site (smaller
    would leave tabs unstyled, larger keeps dead rules)."""
    original, published = material_stylesheet(site, "main.*.min.css")
    trimmed, dropped = theme_css.trim(original)
    assert dropped > 100 and published == theme_css.prewrapped_tables(trimmed), "main.css is not Material's as theme_css publishes it"
    positions = {int(n) for n in re.findall(r"tabbed[^{},]*?:nth-child\((\d+)\)", trimmed)}
    assert max(positions) == theme_css.TABS_PER_SET, sorted(positions)
    largest = max(size for _, _, path in html_pages(site) for size in theme_css.tab_set_sizes(path.read_text(encoding="utf-8")))
    assert largest == theme_css.TABS_PER_SET, f"the largest tab set has {largest} tabs: set TABS_PER_SET in guide_tools/website/theme_css.py to it"


def test_tables_come_wrapped_as_materials_script_would_wrap_them(site):
    """guide_tools/website/theme_css.py, "Tables": every table of every page is built inside Material's
    two wrappers with the class Material's script leaves alone (a table without a class would be
    taken out of the page and put back at start-up), and Material's table rules apply to it."""
    opening, closing = PREWRAPPED
    tables = 0
    for lang, page, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        found = re.findall(r"<table\b[^>]*>", html)
        assert found.count(f'<table class="{theme_css.PREWRAPPED_TABLE}">') == len(found) == html.count(opening) == html.count(closing), \
            f"{lang}/{page}: a table not wrapped by guide_tools/website/mkdocs_hooks.py (prewrap_tables): {sorted(set(found))}"
        tables += len(found)
    assert tables > 100  # the comparison tables of every chapter, in three languages
    original, published = material_stylesheet(site, "main.*.min.css")
    rules = original.count(theme_css.CLASSLESS_TABLE)
    assert rules > 10 and published.count(theme_css.CLASSLESS_OR_PREWRAPPED) == rules
    assert theme_css.CLASSLESS_TABLE not in published


def test_palette_switching_rule_is_keyed_to_the_readers_switch(site):
    """guide_tools/website/theme_css.py, "Palette": the rule that stops colours fading is Material's, under
    the attribute the site's palette switch sets when the reader switches (the browser test of the
    switch checks that nothing fades), and Material's script has no palette to mount."""
    original, published = material_stylesheet(site, "palette.*.min.css")
    assert f"[{theme_css.MATERIAL_SWITCHING}]" in original and f"{theme_css.MATERIAL_SWITCHING}" not in published
    assert published == theme_css.palette_switching(original)
    for lang, page, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        assert 'data-md-component="palette"' not in html and html.count('<form class="md-header__option" data-sbs-component="palette">') == 1, \
            f"{lang}/{page}: Material's palette component would mount on the switch"
        assert f'document.body.setAttribute("{theme_css.SWITCHING}", "")' in html, f"{lang}/{page}: no palette switch script"


def test_images_load_lazily_with_their_size(site):
    """The MkDocs hook: every image in a page loads as the reader scrolls to it, and an SVG's box
    has the SVG's own width and height before it loads (tests/site/test_page_speed.py)."""
    images = 0
    for lang, page, path in html_pages(site):
        for tag in re.findall(r"<img [^>]*>", path.read_text(encoding="utf-8").split('<article', 1)[-1].split("</article>", 1)[0]):
            images += 1
            assert 'loading="lazy"' in tag, f"{lang}/{page}: {tag}"
            src = re.search(r'src="([^"]+)"', tag).group(1)
            svg = (site / (path.parent.relative_to(site) / src).as_posix()).resolve()
            size = SVG_SIZE.search(svg.read_text(encoding="utf-8")).groups()
            assert f'width="{size[0]}" height="{size[1]}"' in tag, f"{lang}/{page}: {tag} ({svg.name} is {size})"
    assert images >= 3 * 11, images  # ten benchmark charts and the routing diagram, in each language


def plain(html_text: str) -> str:
    """Text without tags, whitespace collapsed (the index keeps some tags and none of the newlines)."""
    return " ".join(re.sub(r"<[^>]+>", "", html_text).split())


def test_code_listings_can_be_scrolled_with_the_keyboard_before_material_mounts_them(site):
    """`content.lazy`: Material gives a listing that scrolls sideways its tab stop only when the
    listing first comes into view, so every listing is built with one (see mkdocs_hooks.py)."""
    for lang, page, path in html_pages(site):
        page_html = path.read_text(encoding="utf-8")
        listings = re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>", page_html)
        assert all('tabindex="0"' in listing for listing in listings), f"{lang}/{page}: a listing without tabindex"


def test_search_separator_splits_korean_and_russian_punctuation(site):
    """The lunr separator must split «», quotes and brackets, or a word next to them is unfindable."""
    separator = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["separator"]
    pattern = re.compile(separator)
    assert [t for t in pattern.split("«маршрутизация», (라우팅)은 “FastAPI”") if t] == ["маршрутизация", "라우팅", "은", "FastAPI"]


def test_shared_image_is_published_once_and_shown_in_every_language(site):
    assert (site / "assets/images/routing-flow.svg").is_file()
    assert not list(site.glob("*/assets/images/routing-flow.svg"))
    for lang, page, path in html_pages(site):
        if page != "compare/routing.md":
            continue
        src = re.search(r'<img[^>]+src="([^"]*routing-flow\.svg)"', path.read_text(encoding="utf-8")).group(1)
        assert (path.parent / src).resolve() == (site / "assets/images/routing-flow.svg").resolve(), (lang, src)


QUIZ_TRANSLATIONS = re.compile(r"window\.mkdocsQuizTranslations = (\{.*?\});\n", re.DOTALL)


def test_every_chapter_has_its_quiz_with_the_interface_in_its_language(site):
    """The quiz extension rendered every chapter's self-check quiz in every language build, with its
    buttons and messages from the project's strings for that language (English: the script's own)."""
    import polib  # noqa: PLC0415 - only this test needs it

    chapters = set(content.chapter_pages())
    for lang, page, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        questions = len(content.quizzes(content.page_path(lang, page).read_text(encoding="utf-8"))[0])
        if not questions:  # a page without a quiz carries none of its panel, style or script
            assert "mkdocsQuiz" not in html and "quiz-progress" not in html, f"{path.relative_to(site)}: quiz script on a page without a quiz"
        if page not in chapters:
            continue
        strings = {} if lang == DEFAULT_LANGUAGE else {
            e.msgid: e.msgstr for e in polib.pofile(str(ROOT / "guide_tools/website/quiz_locales" / f"{lang}.po")) if e.msgid
        }
        submit = strings.get("Submit", "Submit")
        where = f"{path.relative_to(site)} (from docs/{lang}/{page})"
        assert html.count('<div class="quiz" ') == questions >= 4, f"{where}: expected {questions} rendered quizzes"
        assert html.count('<fieldset aria-labelledby="quiz-') == questions, f"{where}: quiz options are not in a fieldset"
        assert html.count(f'<button type="submit" class="quiz-button">{submit}</button>') == questions, (
            f"{where}: the quizzes' submit button is not labelled {submit!r}"
        )
        assert html.count('<section class="content hidden">') == questions, f"{where}: explanations must start hidden"
        shown = QUIZ_TRANSLATIONS.search(html)
        assert shown, f"{where}: the quiz script has no interface strings"
        assert json.loads(shown.group(1)) == strings, f"{where}: interface strings are not the {lang} ones"
        assert "<quiz>" not in html, f"{where}: a <quiz> block was not rendered"


def built(site: Path, lang: str, page: str) -> str:
    url = page.removesuffix(".md") + "/"
    return (site / ("" if lang == DEFAULT_LANGUAGE else lang) / url / "index.html").read_text(encoding="utf-8")


def test_glossary_tooltips_in_every_language(site):
    """Terms get <abbr title> tooltips, Korean particles and Russian hyphenated forms included,
    but not inside headings, links or code."""
    ko = built(site, "ko", "django/wsgi_asgi.md") + built(site, "ko", "compare/orm.md")
    assert re.search(r'<abbr title="Web Server Gateway Interface[^"]*">WSGI</abbr>[와는에의]', ko)
    assert re.search(r'<abbr title="[^"]+">ORM</abbr>[을이과은]', ko)
    ru = "".join(path.read_text(encoding="utf-8") for lang, _, path in html_pages(site) if lang == "ru")
    assert re.search(r'<abbr title="[^"]+">(?:ORM|WSGI)</abbr>-[а-я]', ru)
    en = built(site, "en", "performance/async_io.md")
    assert re.search(r'<abbr title="The asyncio scheduler[^"]*">event loop</abbr>', en)
    for lang, page, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        for tag in ("h1", "h2", "h3", "a", "code"):
            assert not re.search(rf"<{tag}\b[^>]*>(?:(?!</{tag}>).)*<abbr", html, re.S), f"{lang}/{page}: <abbr> inside <{tag}>"
    assert "content.tooltips" in theme_config(en)["features"]


def test_the_chooser_page_loads_its_script_from_this_site(site):
    assert (site / "assets/chooser/chooser.js").is_file() and (site / "assets/chooser/rules.json").is_file()
    for lang in LANGUAGES:
        html = built(site, lang, "overview/chooser.md")
        assert '<div class="chooser" id="chooser-app">' in html or '<div id="chooser-app" class="chooser">' in html
        src = re.search(r'<script src="([^"]*chooser\.js)" type="module">', html).group(1)
        page = site / ("" if lang == DEFAULT_LANGUAGE else lang) / "overview/chooser"
        assert (page / src).resolve() == (site / "assets/chooser/chooser.js").resolve()
        assert (page / src).resolve().with_name(f"{lang}.json").is_file()
        css = re.search(r'<link rel="stylesheet" href="([^"]*chooser\.css)">', html.split("</head>")[0]).group(1)
        assert (page / css).resolve() == (site / "assets/chooser/chooser.css").resolve()


def test_only_the_chooser_page_loads_the_chooser(site):
    """A stylesheet in the head holds up the first paint: the chooser's is on its page, not on the 125 others."""
    for lang, page, path in html_pages(site):
        if page != "overview/chooser.md":
            html = path.read_text(encoding="utf-8")
            assert "chooser.css" not in html and "chooser.js" not in html, f"{lang}/{page} loads the chooser"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


def test_no_page_has_a_duplicate_id(site):
    """A heading anchor and an element id must differ: scripts and links find the first one only."""
    problems = []
    for lang, page, path in html_pages(site):
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        duplicates = sorted(i for i, n in Counter(parser.ids).items() if n > 1)
        if duplicates:
            problems.append(f"docs/{lang}/{page}: the id(s) {duplicates} appear more than once; rename the element or the heading anchor")
    assert not problems, "\n".join(problems)


RAW_MARKER = re.compile(r"(?:#|//) \(\d+\)!")
LISTING_THEN_LIST = re.compile(r'<div data-search-exclude class="(?:[^"]*\s)?highlight[^"]*">(.*?)</pre></div>\s*(?:<p>\s*</p>\s*)?(<ol>.*?</ol>)?', re.S)
PLAIN_MARKER = re.compile(r'<span class="c1?m?">\((\d+)\)</span>')


def test_annotation_markers_read_as_numbers_tied_to_the_list_after_the_listing(site):
    """`x = 1  # (1)!` in a snippet is Material's code annotation: its script turns `(1)` into a
    tooltip holding item 1 of the list after the listing, and hides the list. Without that script
    (JavaScript off, reader modes, feed readers, search engines) the page showed `# (1)!` in 102 of
    126 pages. The hook writes the marker as a plain `(1)` (which Material's script still finds) and
    the list stays after the listing, where the number refers to it."""
    raw, orphans = [], []
    for lang, page, path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        if RAW_MARKER.search(text):
            raw.append(f"{lang}/{page}")
        for listing in LISTING_THEN_LIST.finditer(text):
            numbers = [int(n) for n in PLAIN_MARKER.findall(listing.group(1))]
            items = len(re.findall(r"<li>", listing.group(2) or ""))
            if numbers and max(numbers) > items:
                orphans.append(f"{lang}/{page}: marker ({max(numbers)}) with {items} list items after the listing")
    assert not raw, f"raw annotation markers `# (N)!` in pages: {raw[:10]}"
    assert not orphans, "\n".join(orphans[:10])
    assert any(PLAIN_MARKER.search(path.read_text(encoding="utf-8")) for _, _, path in html_pages(site)), "no page has an annotation"


def test_search_entries_do_not_run_the_tab_labels_together(site):
    """A tab group's labels are one <label> after another with nothing between; indexed, a result
    read "FlaskFastAPIDjango". The labels are controls, not text: they stay out of the index."""
    for lang in LANGUAGES:
        root = site if lang == DEFAULT_LANGUAGE else site / lang
        docs = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        text = "\n".join(plain(doc["text"]) for doc in docs)
        glued = {"".join(labels) for page_lang, _, path in html_pages(site) if page_lang == lang
                 for labels in tab_labels(path.read_text(encoding="utf-8")) if len(labels) > 1}
        found = sorted(g for g in glued if g in text)
        assert not found, f"{lang}: search entries with tab labels run together: {found[:5]}"


def tab_labels(page_html: str) -> list[list[str]]:
    return [re.findall(r"<label[^>]*>(.*?)</label>", group, re.S)
            for group in re.findall(r'<div class="tabbed-labels"[^>]*>(.*?)</div>', page_html, re.S)]


FONT_FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)


def test_the_korean_face_holds_every_hangul_character_the_site_shows(site):
    """guide_tools/website/fonts.py cuts IBM Plex Sans KR to the built site's Korean characters: each
    served weight holds every one of them, read here from every file of the site but the runtime's
    (whatever its kind), and is a cut, not the 0.8 MB complete face."""
    from fontTools.ttLib import TTFont

    from guide_tools.website import fonts

    shown: set[str] = set()
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith(("assets/runtime/", fonts.SITE_FOLDER)) and path.suffix not in {".woff", ".woff2", ".png", ".ico", ".gz"}:
            shown |= set(path.read_text(encoding="utf-8", errors="replace"))
    shown = {c for c in shown if fonts.in_ranges(c)}
    assert len(shown) > 500, f"only {len(shown)} Korean characters found in the built site"
    with tarfile.open(fileobj=io.BytesIO(fonts.package()), mode="r:gz") as archive:  # cached by the build
        complete = TTFont(io.BytesIO(archive.extractfile(fonts.SOURCE.format(style="Regular")).read()))
        shown &= {chr(code) for code in complete.getBestCmap()}  # the rest (half-width katakana in a script) falls back
    for weight in fonts.WEIGHTS:
        face = site / fonts.SITE_FOLDER / fonts.file_name(weight)
        held = {chr(code) for code in TTFont(face).getBestCmap()}
        missing = "".join(sorted(shown - held))
        assert not missing, f"{face.name} lacks {len(missing)} characters the site shows: {missing[:40]}"
        assert face.stat().st_size < 120_000, f"{face.name}: {face.stat().st_size} bytes, not a cut"


FONT_FILE_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf", ".eot"}
FONT_PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="([^"]+)"')
FONT_SOURCE = re.compile(r'url\("?([^")]+)"?\)\s*format\("([^"]+)"\)')


def test_every_served_font_is_woff2(site):
    """Every font file the site serves (the Latin and Cyrillic faces in docs/assets/fonts/, the Hangul
    faces the build cuts: guide_tools/website/fonts.py) is WOFF2, by its bytes, and every page and
    stylesheet that declares or preloads a face names it as WOFF2: WOFF's zlib made each Hangul
    face about 15 KB larger, and those two are preloaded by every Korean page."""
    files = [path for path in site.rglob("*") if path.suffix in FONT_FILE_SUFFIXES and path.is_file()
             and not path.relative_to(site).as_posix().startswith("assets/runtime/")]
    assert any(fonts.SITE_FOLDER in path.as_posix() for path in files), "no Hangul face was published"
    not_woff2 = [path.relative_to(site).as_posix() for path in files
                 if path.suffix != ".woff2" or path.read_bytes()[:4] != b"wOF2"]
    assert not not_woff2, f"served fonts that are not WOFF2: {not_woff2}"
    declared = []
    for path in [site / "assets/stylesheets/theme.css", *(page for _, _, page in html_pages(site))]:
        text = path.read_text(encoding="utf-8")
        declared += [(path.name, url, kind) for url, kind in FONT_PRELOAD.findall(text)]
        for face in FONT_FACE.findall(text):
            declared += [(path.name, url, kind) for url, kind in FONT_SOURCE.findall(face)]
    assert any(fonts.SITE_FOLDER in url for _, url, _ in declared), "no page declares the Hangul faces"
    wrong = {(name, url, kind) for name, url, kind in declared
             if not url.endswith(".woff2") or kind not in {"woff2", "font/woff2"}}
    assert not wrong, f"faces declared or preloaded as another format: {sorted(wrong)[:6]}"


def test_fonts_are_served_from_the_site(site):
    """Text and code fonts (docs/assets/stylesheets/theme.css): every face is a file of this site,
    shown with `font-display: swap`, and all of them together stay small."""
    css = (site / "assets/stylesheets/theme.css").read_text(encoding="utf-8")
    faces = FONT_FACE.findall(css)
    families = {re.search(r'font-family:\s*"([^"]+)"', face).group(1) for face in faces}
    assert families == {"IBM Plex Sans", "IBM Plex Mono"}, families
    for face in faces:
        assert "font-display: swap" in face, face
        url = re.search(r'url\("([^"]+)"\)', face).group(1)
        assert not re.match(r"\w+:|//", url), url
        assert (site / "assets/stylesheets" / url).resolve().is_file(), url
    assert '--md-text-font: "IBM Plex Sans"' in css and '--md-code-font: "IBM Plex Mono"' in css
    total = sum(path.stat().st_size for path in (site / "assets/fonts").glob("*.woff2"))
    assert total < 200_000, f"the fonts add up to {total} bytes"


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def test_no_script_file_holds_up_the_first_paint(site):
    """Every script file a page loads is deferred (or a module, deferred too): a plain
    <script src> stops the parser until it has arrived and run, and Lighthouse counts it
    render-blocking. Material's bundle is deferred by the hook (page_scripts.defer_theme_bundle),
    a11y.js by mkdocs.yml; inline scripts (the side-by-side view, the palette) stay as they are."""
    blocking = set()
    for lang, page, path in html_pages(site):
        for attributes in SCRIPT_TAG.findall(path.read_text(encoding="utf-8")):
            if "src=" not in attributes:
                continue
            if not re.search(r'\bdefer\b|\basync\b|type="module"', attributes):
                blocking.add((f"{lang}/{page}", re.search(r'src="([^"]+)"', attributes).group(1).rsplit("/", 1)[-1]))
    assert not blocking, f"scripts that block the first paint: {sorted(blocking)[:6]} ({len(blocking)} in all)"


def test_the_header_splits_the_site_name_into_its_short_name_and_a_subtitle(site):
    """Every page's header shows the short site name, with the rest in a span that theme.css hides on
    small screens (tests/browser: test_the_header_shows_the_site_name_uncut); a header where the theme
    no longer puts the name stops the build with a line that says where to look."""
    i18n = next(plugin["i18n"] for plugin in mkdocs_config()["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    names = {language["locale"]: language["site_name"] for language in i18n["languages"]}
    for lang, page, path in html_pages(site):
        short, dash, rest = names[lang].partition(" — ")
        title = f'<div class="md-header__topic"> <span class="md-ellipsis"> {short}<span class="sbs-site-subtitle">{dash}{rest}</span> </span>'
        assert title in " ".join(path.read_text(encoding="utf-8").split()), f"{lang}/{page}: the header's site name is not split"
    moved = '<div class="md-header__topic"><span class="md-ellipsis">Elsewhere</span></div>'
    with pytest.raises(Exception, match="header_title in guide_tools/website/postbuild.py"):
        header_title(moved, "Side by Side — x", "docs/en/index.md")
    assert header_title(moved, "Elsewhere", "docs/en/index.md") == moved  # a name without a subtitle stays whole



# The checks any engine's build must pass (tests/site/site_checks.py; tests/site/test_engines.py runs
# them on ProperDocs' build). The ones today's build cannot pass yet are strict xfails with the reason.
ENGINE_CHECKS = site_checks.as_params()


@pytest.mark.parametrize("check", ENGINE_CHECKS)
def test_the_site_passes_the_checks_any_engine_must_pass(site, check):
    problems = site_checks.CHECKS[check](site)
    assert not problems, f"{check}: {len(problems)} problem(s)\n" + "\n".join(problems[:10])


def planted(site: Path, dest: Path) -> Path:
    """A copy of the built site's pages (hard links: `edit` replaces a file, never writes through)."""
    shutil.copytree(site, dest, copy_function=os.link,
                    ignore=lambda folder, names: [n for n in names if n in {"assets", "search"}])
    return dest


def edit(path: Path, change) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the plant did not apply to {path}"
    path.unlink()
    path.write_text(changed, encoding="utf-8")


def chapter_file(site: Path, lang: str) -> Path:
    return site / site_checks.page_url(lang, content.chapter_pages()[0]) / "index.html"


PLANTS = {
    # what a careless build does -> the check that must catch it
    "quiz extension dropped on one page": ("quiz markup", lambda s: edit(
        chapter_file(s, "ru"), lambda t: t.replace('<div class="quiz" ', "<div "))),
    "a quiz block left raw": ("no raw source syntax", lambda s: edit(
        chapter_file(s, "ko"), lambda t: t.replace("</article>", "<p>&lt;quiz&gt;</p><quiz></article>", 1))),
    "a snippet include left raw": ("no raw source syntax", lambda s: edit(
        chapter_file(s, "en"), lambda t: t.replace("</article>", '<p>--8<-- "compare/routing/flask_app.py"</p></article>', 1))),
    "a template tag left unrendered": ("no raw source syntax", lambda s: edit(
        s / "ru/index.html", lambda t: t.replace("<title>", "<title>{{ page.title }} ", 1))),
    "a Korean page built as English": ("html lang and title", lambda s: edit(
        chapter_file(s, "ko"), lambda t: t.replace('<html lang="ko"', '<html lang="en"', 1))),
    "a Russian page with the English title": ("html lang and title", lambda s: edit(
        chapter_file(s, "ru"), lambda t: re.sub(r"<title>.*?</title>", re.search(r"<title>.*?</title>", chapter_file(s, "en").read_text(encoding="utf-8")).group(0), t, count=1))),
    "the glossary dropped in Russian": ("glossary tooltips", lambda s: [edit(path, lambda t: re.sub(r'<abbr title="[^"]+">(.*?)</abbr>', r"\1", t))
                                                                        for lang, _, path in site_checks.html_pages(s) if lang == "ru" and "<abbr title=" in path.read_text(encoding="utf-8")]),
    "one page not built": ("every page built", lambda s: (s / "ko" / site_checks.page_url("en", content.pages("ko")[-1]) / "index.html").unlink()),
}


@pytest.mark.parametrize("plant", PLANTS)
def test_each_engine_check_fails_on_a_site_broken_its_way(site, tmp_path, plant):
    """Each check catches the breakage it is for, on a copy of today's build with one thing broken,
    and names the page."""
    check, breaks = PLANTS[plant]
    assert not site_checks.CHECKS[check](site), f"{check} already fails on the built site"
    broken = planted(site, tmp_path / "site")
    breaks(broken)
    problems = site_checks.CHECKS[check](broken)
    assert problems and all("/" in problem for problem in problems), (plant, problems)


def test_the_checks_not_passed_yet_pass_on_a_site_that_has_what_they_ask(site, tmp_path):
    """The two strict xfails check something real: given the alternates and the per-language 404
    pages, they pass; with one alternate pointing at another page, they fail again."""
    fixed = planted(site, tmp_path / "site")
    for lang, page, path in site_checks.html_pages(fixed):
        depth = "../" * path.relative_to(fixed).as_posix().count("/") or "./"
        links = "".join(f'<link rel="alternate" hreflang="{other}" href="{depth}{site_checks.page_url(other, page)}">'
                        for other in LANGUAGES)
        edit(path, lambda t, links=links: t.replace("</head>", links + "</head>", 1))
    english = (fixed / "404.html").read_text(encoding="utf-8")
    names = site_checks.site_names()
    for lang in LANGUAGES[1:]:
        (fixed / lang / "404.html").write_text(english.replace('<html lang="en"', f'<html lang="{lang}"')
                                               .replace(names["en"], names[lang]), encoding="utf-8")
    assert not site_checks.missing_alternates(fixed) and not site_checks.missing_not_found_pages(fixed)
    chapter = content.chapter_pages()[0]
    edit(chapter_file(fixed, "ko"), lambda t: t.replace('hreflang="ru" href="../../../ru/', 'hreflang="ru" href="../../../ru/overview/', 1))
    assert site_checks.missing_alternates(fixed) == [
        f'ko/{chapter}: the hreflang="ru" alternate points at ../../../ru/overview/{chapter.removesuffix(".md")}/']
