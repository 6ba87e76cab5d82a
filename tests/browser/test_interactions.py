"""What a reader does with the pages, in a real browser: switch language, choose a framework tab,
search in three languages, copy code, move through tabs with the keyboard, switch light/dark.

Pages are chosen from the built site (nav order, tab groups found in the HTML), never named here,
so the tests follow the guide as chapters are added."""

from __future__ import annotations

import html
import re

import pytest

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES
from tests.browser import browser as b
from tests.site.test_pages import nav_pages

pytestmark = pytest.mark.slow

TAB_SET = re.compile(r'<div class="tabbed-set[^"]*"[^>]*>.*?<div class="tabbed-labels"[^>]*>(.*?)</div>', re.S)
TAB_LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)


def tab_groups(page_html: str) -> list[list[str]]:
    """The label texts of each tab group of a built page."""
    return [TAB_LABEL.findall(labels) for labels in TAB_SET.findall(page_html)]


def built(site: b.SiteServer, lang: str, page: str) -> str:
    path = site.url(lang, page).removeprefix(site.origin + "/")
    return (site.root / path / "index.html").read_text(encoding="utf-8")


def chapter_with_linked_tabs(site: b.SiteServer) -> tuple[str, str, str]:
    """(page, next page, label): the first page in nav with two tab groups that share a label the
    next page also has, and that label (not the first of its group, so choosing it changes something)."""
    pages = nav_pages()
    for page, following in zip(pages, pages[1:]):
        groups, next_groups = tab_groups(built(site, DEFAULT_LANGUAGE, page)), tab_groups(built(site, DEFAULT_LANGUAGE, following))
        for label in (label for group in groups for label in group[1:]):
            if sum(label in g for g in groups) >= 2 and any(label in g[1:] for g in next_groups):
                return page, following, label
    pytest.fail("no page in nav has two tab groups sharing a label with the next page; the linked-tab test needs one")


def a_chapter() -> str:
    """The first chapter in nav (the page after the home page)."""
    return nav_pages()[1]


def a_chapter_with_a_quiz() -> str:
    """The first chapter in nav: chapters end with a self-check quiz (guide_tools.website.content)."""
    from guide_tools.website import content

    chapters = set(content.chapter_pages())
    return next(page for page in nav_pages() if page in chapters)


def selected_tabs(tab) -> list[list]:
    """For each tab group on the page: [label texts, index of the selected one]."""
    return tab.eval_on_selector_all(
        ".tabbed-set",
        """sets => sets.map(set => {
            const inputs = [...set.querySelectorAll(':scope > input')];
            const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')].map(l => l.textContent.trim());
            return [labels, inputs.findIndex(i => i.checked)];
        })""",
    )


def test_language_switcher_lands_on_the_same_page(new_context, site):
    context, watch = new_context()
    tab = context.new_page()
    page = a_chapter()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    order = [*LANGUAGES[LANGUAGES.index(DEFAULT_LANGUAGE) + 1:], *LANGUAGES[:LANGUAGES.index(DEFAULT_LANGUAGE) + 1]]
    for other in order:  # en -> ko -> ru -> en
        tab.locator(".md-header__option .md-select").hover()
        link = tab.locator(f".md-header__option a.md-select__link[hreflang={other}]")
        link.click()
        tab.wait_for_url(site.url(other, page))
        assert tab.locator("html").get_attribute("lang") == other
        assert b.page_of(tab.url, site) == (other, page)
    assert not watch.problems


def test_the_language_switch_keeps_the_anchor(new_context, site):
    """From a chapter's section (#anchor in the address, as a link or a heading's permalink gives it),
    each language's link lands on the same section of the other language's page (it dropped the
    anchor: the top of the page). The anchor is one all three languages' pages have, taken from the
    built pages; one followed after the page loaded (a heading's link) is kept too."""
    page = a_chapter()
    shared = set.intersection(*(set(b.fetch_ids(site.url(lang, page))[1]) for lang in LANGUAGES))
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    headings = [i for i in tab.eval_on_selector_all("h2[id]", "hs => hs.map(h => h.id)") if i in shared]
    assert len(headings) >= 2, f"{page}: fewer than two sections with the same anchor in every language"
    tab.goto(site.url(DEFAULT_LANGUAGE, page) + f"#{headings[0]}")
    tab.evaluate("id => { location.hash = id; }", headings[1])  # the anchor changes after load (a link followed)
    order = [*LANGUAGES[LANGUAGES.index(DEFAULT_LANGUAGE) + 1:], *LANGUAGES[:LANGUAGES.index(DEFAULT_LANGUAGE) + 1]]
    for other in order:
        tab.locator(".md-header__option .md-select").hover()
        tab.locator(f".md-header__option a.md-select__link[hreflang={other}]").click()
        tab.wait_for_url(site.url(other, page) + f"#{headings[1]}")
        assert tab.evaluate("id => !!document.getElementById(id)", headings[1])
    assert not watch.problems, watch.problems


def test_choosing_a_tab_switches_every_linked_group_and_persists_to_the_next_page(new_context, site):
    page, following, label = chapter_with_linked_tabs(site)
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    first = tab.locator(".tabbed-set .tabbed-labels > label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).first
    first.click()
    for where in (page, following):
        groups = selected_tabs(tab)
        with_label = [(labels, chosen) for labels, chosen in groups if label in labels]
        assert len(with_label) >= 1
        wrong = [labels for labels, chosen in with_label if labels[chosen] != label]
        assert not wrong, f"{where}: after choosing {label!r}, these tab groups show another tab: {wrong}"
        visible = tab.locator(".tabbed-set .tabbed-block").filter(visible=True).count()
        assert visible == len(groups), f"{where}: {visible} visible tab panels for {len(groups)} tab groups"
        if where == page:
            tab.locator("a.md-footer__link--next").click()
            tab.wait_for_url(site.url(DEFAULT_LANGUAGE, following))
    assert not watch.problems


def _search_cases(site: b.SiteServer) -> list[tuple[str, str, str]]:
    """(lang, query, page): a chapter's own title, as the page shows it, in each language."""
    page = a_chapter()
    cases = []
    for lang in LANGUAGES:
        title = re.search(r"<h1[^>]*>(.*?)<", built(site, lang, page), re.S).group(1).strip()
        cases.append((lang, title, page))
    return cases


def first_search_result(tab, site: b.SiteServer, lang: str, query: str) -> tuple[str, str]:
    """Search `query` from the language's home page as a reader does: the first result's (lang, page)."""
    tab.goto(site.url(lang, "index.md"))
    field = tab.locator("input.md-search__input")
    field.click()
    # Material reads the box on keyup (and when its worker is ready); fill() sends only input
    # events, as Playwright does for any text it cannot type on a US keyboard (Hangul, Cyrillic).
    # So a key the reader's typing would end with: with the index loaded before the query was
    # filled in (it usually is now that it is small), there was no search at all.
    field.fill(query)
    field.press("End")
    first = tab.locator(".md-search-result__list a.md-search-result__link").first
    try:
        first.wait_for(state="visible", timeout=30_000)
    except Exception:  # noqa: BLE001 - the search box's own message says why there is no result
        meta = tab.locator(".md-search-result__meta").text_content()
        pytest.fail(f"searching {query!r} on the {lang} home page: no result in 30 s; the search box says {meta!r}")
    return b.page_of(re.sub(r"[?#].*$", "", first.evaluate("a => a.href")), site)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_idea_at_first_sight(new_context, site, lang):
    """The home page was a wall of text. Its first screen now holds one job in the three frameworks
    (tested listings and their captured outputs, in tabs or side by side) and, right after, the three
    ways in: read a chapter, run the code, do an exercise; on a laptop and on a phone."""
    for options in ({"viewport": {"width": 1280, "height": 800}}, PHONE):
        context, watch = new_context(**options)
        tab = context.new_page()
        tab.goto(site.url(lang, "index.md"), wait_until="load")
        first = tab.evaluate("""() => {
            const set = document.querySelector('.md-content .tabbed-set')
            return {labels: [...set.querySelectorAll('.tabbed-labels > label')].map(l => l.textContent.trim()),
                    top: set.getBoundingClientRect().top, screen: innerHeight}
        }""")
        assert first["labels"] == ["Flask", "FastAPI", "Django"], first
        assert first["top"] < first["screen"] * 0.8, f"{tab.url}: the three frameworks start at {first['top']:.0f} px of {first['screen']}"
        ways = tab.locator("#ways-in + ul > li")
        assert ways.count() == 3, f"{tab.url}: {ways.count()} ways in"
        assert ways.nth(2).locator("code, pre").count(), f"{tab.url}: the exercise command is not shown"
        assert not watch.problems
        context.close()


def test_search_finds_the_page_in_each_language(new_context, site):
    context, watch = new_context()
    tab = context.new_page()
    for lang, query, page in _search_cases(site):
        found = first_search_result(tab, site, lang, query)
        assert found == (lang, page), f"searching {query!r} on the {lang} home page: first result is {found}, not {site.url(lang, page)}"
    assert not watch.problems


# What readers type as often as the guide's own term (guide_tools/website/search_synonyms.yml), and
# the chapter that teaches it. Korean: 쿼리 파라미터 put request handling fifth, 쿼리 매개변수 third.
# English: "query parameter" put authentication first (its section The next parameter), request handling third.
SYNONYM_SEARCHES = [
    ("ko", "쿼리 파라미터", "compare/request_handling.md"),
    ("ko", "쿼리 매개변수", "compare/request_handling.md"),
    ("ko", "경로 파라미터", "compare/routing.md"),
    ("ru", "параметры запроса", "compare/request_handling.md"),
    ("ru", "аргументы запроса", "compare/request_handling.md"),
    ("ru", "конечная точка", "compare/rest_apis.md"),
    ("en", "query parameter", "compare/request_handling.md"),
    ("en", "path parameter", "compare/routing.md"),
]


def test_search_finds_the_chapter_by_its_synonyms(new_context, site):
    context, watch = new_context()
    tab = context.new_page()
    wrong = []
    for lang, query, page in SYNONYM_SEARCHES:
        found = first_search_result(tab, site, lang, query)
        if found != (lang, page):
            wrong.append(f"{lang}: {query!r} finds {found[1]} first, not {page}")
    assert not wrong, "\n".join(wrong)
    assert not watch.problems


SEARCH_INDEX = "/search/search_index.json"


def test_search_index_is_downloaded_when_the_reader_reaches_for_search(new_context, site):
    """Page speed (overrides/partials/search.html): a page does not download its language's search
    index at load, only when the reader goes to the search box. A page opened from a search result
    (`?h=`: terms to highlight) needs it at once, and highlights the terms."""
    context, watch = new_context()
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url) if request.url.endswith(SEARCH_INDEX) else None)
    page = a_chapter()
    for lang in LANGUAGES:
        requested.clear()
        tab.goto(site.url(lang, page), wait_until="networkidle")
        tab.wait_for_timeout(500)
        assert not requested, f"{tab.url}: downloaded the search index at load: {requested}"
        expected = site.url(lang, "index.md").rstrip("/") + SEARCH_INDEX
        with tab.expect_request(lambda request: request.url.endswith(SEARCH_INDEX), timeout=10_000) as index:
            tab.locator("input.md-search__input").click()
        assert index.value.url == expected, f"{tab.url}: the search box requested {index.value.url}, not {expected}"

        requested.clear()
        tab.goto(site.url(lang, page) + "?h=flask", wait_until="networkidle")
        marks = tab.locator("article mark[data-md-highlight]")
        try:
            marks.first.wait_for(timeout=10_000)
        except Exception:  # noqa: BLE001 - the requests say whether the index was there to highlight with
            pytest.fail(f"{tab.url}: no search term highlighted in 10 s (search index requested: {requested or 'no'})")
        assert "flask" in marks.first.text_content().lower()
    assert not watch.problems


def test_code_blocks_get_their_buttons_when_they_come_into_view(new_context, site):
    """Page speed (`content.lazy` in mkdocs.yml): on a long chapter only the code blocks on the
    first screen are mounted at load; each of the others gets its copy button when scrolled to."""
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, "compare/project_structure.md"), wait_until="networkidle")
    # Shown: laid out and not inside a closed <details> (an exercise's collapsed solution is mounted
    # when the reader opens it).
    count = """() => { const shown = [...document.querySelectorAll('.md-typeset .highlight')]
                           .filter(block => block.getClientRects().length && !block.closest('details:not([open])'));
                       return [shown.length, shown.filter(block => block.querySelector('button.md-code__button')).length]; }"""
    shown, mounted = tab.evaluate(count)
    assert mounted < shown / 2, f"{tab.url}: {mounted} of {shown} shown code blocks have their buttons before scrolling"
    b.scroll_through(tab)
    shown, mounted = tab.evaluate(count)
    assert mounted == shown, f"{tab.url}: after scrolling to the end, {shown - mounted} of {shown} code blocks have no copy button"
    assert not watch.problems


PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_fit_a_phone_screen_before_and_without_the_theme_script(new_context, site, lang):
    """Until Material's script runs (and for a reader without JavaScript) the header hides its
    search button, and the language menu's closed list once reached past a phone screen's right
    edge: mobile Chrome laid the page out 436 px wide and showed it zoomed out, and the page jumped
    when the script ran (theme.css). Checked on a phone without JavaScript, and with it, on the
    home page and a chapter."""
    fits = """() => { const edge = document.documentElement.clientWidth;
        const past = [...document.querySelectorAll('body *')]  // code and tables scroll inside their own boxes
            .filter(el => el.getBoundingClientRect().right > edge + 0.5 && !el.closest('pre, table'));
        const name = el => [el.tagName.toLowerCase(), ...(el.getAttribute('class') || '').split(/\\s+/).filter(Boolean)].join('.');
        return [document.documentElement.scrollWidth, window.innerWidth, past.slice(0, 5).map(name)]; }"""
    width = PHONE["viewport"]["width"]
    for script in (False, True):
        context, watch = new_context(java_script_enabled=script, **PHONE)
        tab = context.new_page()
        for page in ("index.md", a_chapter()):
            tab.goto(site.url(lang, page), wait_until="load")
            page_width, layout_width, past = tab.evaluate(fits)
            assert [page_width, layout_width] == [width, width], (
                f"{tab.url} ({'with' if script else 'without'} JavaScript, {width} px phone screen): the page is "
                f"{page_width} px wide and laid out {layout_width} px wide; reaching past the right edge: {past}. "
                "Keep it on screen (docs/assets/stylesheets/theme.css)"
            )
        assert not watch.problems


# The header's title before the page scrolls (Material's first topic): the text shown, whether it is
# cut (its box narrower than its text, drawn with an ellipsis), and the whole site name (the logo's title).
HEADER_TITLE = """() => {
    const name = document.querySelector('.md-header__topic .md-ellipsis')
    return {shown: name.innerText.trim(), cut: name.scrollWidth > name.clientWidth + 0.5,
            whole: document.querySelector('.md-header .md-logo').title}
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_shows_the_site_name_uncut(new_context, site, lang):
    """The header's title at the top of every page was the whole site name cut to fit
    ("Side by Side — P…", "— в…") on a phone. Where the whole name does not fit, the header shows the
    short name (before " — ") in full; from 960 px, the whole name (the post-build pass's header_title and
    theme.css). Checked on a phone, a small tablet and two desktop widths."""
    for width in (360, PHONE["viewport"]["width"], 768, 960, 1280):
        context, watch = new_context(**{**PHONE, "viewport": {"width": width, "height": 823}}) if width < 768 \
            else new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        for page in ("index.md", a_chapter()):
            tab.goto(site.url(lang, page), wait_until="load")
            title = tab.evaluate(HEADER_TITLE)
            short = title["whole"].partition(" — ")[0]
            assert not title["cut"], f"{tab.url} at {width} px: the header's title {title['shown']!r} is cut"
            expected = title["whole"] if width >= 960 else short
            assert title["shown"] == expected, f"{tab.url} at {width} px: the header shows {title['shown']!r}, not {expected!r}"
        assert not watch.problems
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_code_in_tables_reads_on_a_phone(new_context, site, lang):
    """On a phone, a table wider than the screen squeezed its columns until a short piece of code
    such as `/hello` stood a letter per line; it scrolls sideways instead (theme.css). Checked on the
    first two pages in nav whose tables have code: no one-word code in a table cell spans two lines."""
    pages = [page for page in nav_pages() if re.search(r"<td[^>]*>(?:(?!</td>).)*<code>", built(site, lang, page), re.S)][:2]
    assert len(pages) == 2, f"{lang}: fewer than two pages with code in a table"
    broken = r"""() => [...document.querySelectorAll('.md-typeset__table td code, .md-typeset__table th code')]
        .filter(code => /^[\w\/]{1,12}$/.test(code.textContent) && code.getClientRects().length > 1)
        .map(code => `${code.textContent} (${code.getClientRects().length} lines)`)"""
    context, watch = new_context(**PHONE)
    tab = context.new_page()
    for page in pages:
        tab.goto(site.url(lang, page), wait_until="load")
        assert not tab.evaluate(broken), f"{tab.url}: code broken across lines in a table cell: {tab.evaluate(broken)[:5]}"
    assert not watch.problems


# The smallest text of each diagram in the page as drawn: its SVG's smallest font size, scaled as
# the image is (a diagram is an <img> of an SVG file; its text cannot be measured from outside).
DIAGRAM_TEXT = r"""async () => Promise.all([...document.querySelectorAll('.md-content img[src$=".svg"]')].map(async img => {
    img.loading = 'eager'
    img.scrollIntoView()
    await img.decode().catch(() => {})
    const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml').documentElement
    const sizes = [...svg.querySelector('style').textContent.matchAll(/font-size:\s*([\d.]+)px/g)].map(m => +m[1])
    const [, , width] = svg.getAttribute('viewBox').split(/\s+/).map(Number)
    return {src: img.currentSrc.split('/').pop(), px: Math.min(...sizes) * img.getBoundingClientRect().width / width}
}))"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagrams_read_on_a_phone(new_context, site, lang):
    """The routing flow, 760 px wide, shrank to the phone's width with its text about 6 px high; on a
    phone the page shows its narrow drawing, top to bottom (the hook's lazy_images, NARROW_SUFFIX). Every diagram
    drawn in SVG (not the benchmark charts: tests/site checks their size) keeps text of 11 px or more."""
    pages = [page for page in nav_pages() if "routing-flow" in built(site, lang, page)]
    assert pages, f"{lang}: no page shows the routing diagram"
    context, watch = new_context(**PHONE)
    tab = context.new_page()
    small = []
    for page in pages:
        tab.goto(site.url(lang, page), wait_until="load")
        small += [f"{tab.url}: {d['src']} text {d['px']:.1f} px" for d in b.evaluate_promise(tab, DIAGRAM_TEXT, what="diagram text", seconds=20)
                  if "bench" not in d["src"] and d["px"] < 11]
    assert not small, "\n".join(small)
    assert not watch.problems


LOADED_FONTS = """async () => {
    document.querySelector('.md-content pre code').scrollIntoView()
    await document.fonts.ready
    return [...document.fonts].filter(f => f.status === 'loaded').map(f => `${f.family.replaceAll('"', '')} ${f.weight} ${f.unicodeRange.toUpperCase().includes('400-45F') ? 'cyrillic' : 'latin'}`)
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_and_code_use_the_sites_fonts(new_context, site, lang):
    """The site serves its fonts (theme.css): the text is set in IBM Plex Sans, Cyrillic included on
    Russian pages, and code in IBM Plex Mono; nothing comes from another host (the watch)."""
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(lang, a_chapter()), wait_until="load")
    loaded = set(b.evaluate_promise(tab, LOADED_FONTS, what="document.fonts.ready", seconds=20))
    wanted = {"IBM Plex Sans 400 latin", "IBM Plex Mono 400 latin"} | ({"IBM Plex Sans 400 cyrillic"} if lang == "ru" else set())
    assert wanted <= loaded, f"{tab.url}: fonts loaded {sorted(loaded)}"
    families = tab.evaluate("() => ['.md-typeset p', '.md-typeset pre code'].map(s => getComputedStyle(document.querySelector(s)).fontFamily)")
    assert families[0].startswith('"IBM Plex Sans"') and families[1].startswith('"IBM Plex Mono"'), families
    assert not watch.problems


PRELOADED_FACES = """async () => {
    await document.fonts.ready
    const loaded = [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replaceAll('"', '') === 'IBM Plex Sans KR' ? `sans-kr-${f.weight}` :
        `${{'IBM Plex Mono': 'mono', 'IBM Plex Sans': 'sans'}[f.family.replaceAll('"', '')] || f.family}-${f.unicodeRange.toUpperCase().includes('400-45F') ? 'cyrillic' : 'latin'}-${f.weight}`)
    const preloaded = [...document.querySelectorAll('link[rel=preload][as=font]')].map(l => (l.href.match(/ibm-plex-(.+)-normal\\.woff2$/) || l.href.match(/ibm-plex-(sans-kr-\\d+)\\.woff2$/) || [l.href, l.href])[1])
    return [preloaded, loaded]
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_preloaded_font_is_used_by_the_page(new_context, site, lang):
    """Each face overrides/main.html preloads is one the page draws with (a font face loads only when
    text needs it), the Korean pages' two Hangul faces included. Chromium says the same as a console
    warning three seconds after the load event, which a page starved of CPU can miss (the watch
    leaves that warning to this test)."""
    context, watch = new_context()
    tab = context.new_page()
    for page in ("index.md", a_chapter()):
        tab.goto(site.url(lang, page), wait_until="load")
        preloaded, loaded = b.evaluate_promise(tab, PRELOADED_FACES, what="document.fonts.ready", seconds=20)
        assert preloaded, f"{tab.url}: no font is preloaded"
        assert set(preloaded) <= set(loaded), f"{tab.url}: preloaded but not drawn with: {sorted(set(preloaded) - set(loaded))}"
    assert not watch.problems


KOREAN_FONT_FILES = "/assets/fonts/kr/"  # guide_tools/website/fonts.py, SITE_FOLDER


def drawn_in(tab, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the text of the elements matching `selector` with (their own text
    nodes), and how many glyphs each (DevTools protocol)."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    drawn: dict[str, int] = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            drawn[font["familyName"]] = drawn.get(font["familyName"], 0) + font["glyphCount"]
    cdp.detach()
    return drawn


def test_korean_text_is_set_in_the_sites_hangul_face(new_context, site):
    """Korean pages draw Hangul in IBM Plex Sans KR, served by this site and cut at build time to
    the Hangul the site shows (guide_tools/website/fonts.py): one file per weight, and every glyph of
    the chapter's text drawn in the site's faces (IBM Plex Sans, Mono, Sans KR, Hangul in code too),
    none by the system's fallback (a character the cut left out would be). An English page requests no Korean font file."""
    context, watch = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab = context.new_page()
    tab.goto(site.url("ko", a_chapter()), wait_until="load")
    tab.wait_for_function("""() => [...document.fonts].some(face => face.family.includes('IBM Plex Sans KR') && face.status === 'loaded')""",
                          timeout=20_000)
    b.evaluate_promise(tab, "async () => { await document.fonts.ready; return true }", what="document.fonts.ready", seconds=20)
    heading = tab.locator(".md-content h1").first.text_content()
    assert re.search(r"[\uac00-\ud7a3]", heading), f"{tab.url}: the h1 has no Hangul: {heading!r}"
    used = drawn_in(tab, ".md-content h1")
    assert any(name.startswith("IBM Plex Sans KR") for name in used), f"{tab.url}: the h1 {heading!r} is drawn in {used}"
    text = drawn_in(tab, ".md-content :is(h1, h2, h3, p, li, td, th, summary, label, figcaption)")
    others = {name: count for name, count in text.items() if not name.startswith(("IBM Plex Sans", "IBM Plex Mono"))}
    assert text and not others, f"{tab.url}: text drawn in fonts other than the site's: {others} (all: {text})"
    files = sorted({url for url in requested if KOREAN_FONT_FILES in url and url.endswith((".woff", ".woff2"))})
    assert 1 <= len(files) <= 2, f"{tab.url}: Korean font files requested: {files}"
    assert not [url for url in requested if url.startswith(("http:", "https:")) and not url.startswith(site.origin)]

    requested.clear()
    tab.goto(site.url("en", a_chapter()), wait_until="networkidle")
    assert requested, "the English page was not loaded"
    korean = [url for url in requested if KOREAN_FONT_FILES in url]
    assert not korean, f"{tab.url} requests Korean font files: {korean}"
    assert not watch.problems


SPLIT_HANGUL_WORDS = r"""() => {
    const split = [], walker = document.createTreeWalker(document.querySelector(".md-content"), NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest("p, li, td") || node.parentElement.closest("code, pre")) continue
        for (const word of node.data.matchAll(/\p{Script=Hangul}+/gu)) {
            const range = document.createRange()
            range.setStart(node, word.index)
            range.setEnd(node, word.index + word[0].length)
            if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1) split.push(word[0])
        }
    }
    return split
}"""


def test_korean_lines_break_between_words(new_context, site):
    """Korean is set as Korean readers expect: lines break at spaces, never inside a word (theme.css,
    word-break: keep-all). By default the browser breaks Hangul between any two syllables, so a
    particle could start the next line (각각 / 을). Checked at phone width, where lines are shortest,
    on the Korean home page and first chapter."""
    lang = "ko"
    context, watch = new_context(**PHONE)
    tab = context.new_page()
    for page in ("index.md", a_chapter()):
        tab.goto(site.url(lang, page), wait_until="load")
        split = tab.evaluate(SPLIT_HANGUL_WORDS)
        assert not split, f"{tab.url}: {len(split)} Korean words broken across two lines, e.g. {split[:5]}"
    assert not watch.problems


# Headings whose permalink (the "¶" shown on hover) sits alone on a line below the heading's text.
LONE_PERMALINKS = """() => [...document.querySelectorAll('.md-content :is(h2, h3, h4, h5, h6)')].filter(heading => {
    const link = heading.querySelector(':scope > .headerlink')
    if (!link) return false
    const text = document.createRange()
    text.setStart(heading, 0)
    text.setEndBefore(link)
    const last = [...text.getClientRects()].filter(rect => rect.width > 1).pop()
    return !!last && link.getBoundingClientRect().top >= last.bottom - 2
}).map(heading => heading.textContent.replace('\u00b6', '').trim())"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_heading_ends_in_an_empty_line_on_a_phone(new_context, site, lang):
    """A heading's permalink is invisible until hovered, but Material sets it inline-block, so a
    heading that filled its last line wrapped it alone onto a line of its own: a blank line under
    about one heading in ten on a phone ("Параметры пути и конвертеры"). The "¶" keeps to the last
    word (theme.css). Every page in nav, at phone width."""
    context, watch = new_context(**PHONE)
    tab = context.new_page()
    lone = []
    for page in nav_pages():
        tab.goto(site.url(lang, page), wait_until="load")
        lone += [f"{page}: {heading}" for heading in tab.evaluate(LONE_PERMALINKS)]
    assert not lone, f"{lang}: headings whose last line is only their hidden permalink:\n" + "\n".join(lone)
    assert not watch.problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_terms_show_their_definition_on_hover(new_context, site, lang):
    """A glossary term in a chapter (<abbr title>, from the language's glossary) shows Material's
    tooltip with its definition, in the page's language, when the pointer rests on it."""
    def definitions(page: str) -> set[str]:
        return {html.unescape(t) for t in re.findall(r'<abbr title="([^"]+)">', built(site, lang, page))}

    page = next((p for p in nav_pages()[1:] if definitions(p)), None)
    assert page, f"{lang}: no page after the home page has a glossary term"
    context, watch = new_context(viewport={"width": 1400, "height": 800})
    tab = context.new_page()
    tab.goto(site.url(lang, page), wait_until="load")
    term = tab.locator(".md-content abbr:visible").first
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = tab.locator(".md-tooltip2--active[role=tooltip]")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert term.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    shown = " ".join(tooltip.inner_text().split())
    assert shown in {" ".join(d.split()) for d in definitions(page)}, f"{tab.url}: tooltip {shown!r} is none of the page's definitions"
    letters = {"ko": r"[\uac00-\ud7a3]", "ru": r"[а-яё]"}.get(lang, r"[a-z]")
    assert re.search(letters, shown, re.I), f"{tab.url}: tooltip {shown!r} is not in the page's language"
    assert not watch.problems


COPY_SAMPLE = 8  # visible code blocks per language: all work alike, and each copy takes a click


def test_copy_buttons_copy_the_code_shown(new_context, site):
    context, watch = new_context(permissions=["clipboard-read", "clipboard-write"])
    for lang in LANGUAGES:
        tab = context.new_page()
        tab.goto(site.url(lang, a_chapter()))
        b.scroll_through(tab)
        blocks = tab.locator(".md-typeset .highlight").filter(has=tab.locator("button.md-code__button, button.md-clipboard"))
        count = blocks.count()
        assert count, "no code block with a copy button"
        checked = 0
        for i in range(count):
            block = blocks.nth(i)
            if not block.is_visible():
                continue  # in a tab that is not shown
            if checked == COPY_SAMPLE:
                break
            shown = block.locator("code").evaluate(
                """code => { const copy = code.cloneNode(true);
                   copy.querySelectorAll('.md-annotation, .sbs-annotation-gap').forEach(n => n.remove());
                   return copy.textContent.replace(/\\s+$/, ''); }"""
            )
            block.hover()
            block.locator("button.md-code__button, button.md-clipboard").first.click()
            copied = b.evaluate_promise(tab, "() => navigator.clipboard.readText()", what="clipboard.readText", seconds=10)
            assert copied == shown, f"{tab.url}: code block {i} copies\n{copied!r}\ninstead of what it shows\n{shown!r}"
            checked += 1
        assert checked, f"{tab.url}: no visible code block"
        tab.close()
    assert not watch.problems


def test_keyboard_reaches_the_tabs_and_switches_them(new_context, site):
    page, _, _ = chapter_with_linked_tabs(site)
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    for _ in range(300):
        tab.keyboard.press("Tab")
        if tab.evaluate("!!document.activeElement.closest('.tabbed-set')"):
            break
    else:
        pytest.fail("300 presses of Tab never reached a tab of a tab group")
    focused = tab.evaluate(
        """() => { const input = document.activeElement, set = input.closest('.tabbed-set');
           const label = set.querySelector(`label[for="${input.id}"]`);
           const probe = document.createElement('span');  // Material marks the focused tab in its accent colour
           probe.style.color = 'var(--md-accent-fg-color)';
           label.parentElement.append(probe);
           const accent = getComputedStyle(probe).color;
           probe.remove();
           return {tag: input.tagName, checked: input.checked, label: label && label.textContent.trim(),
                   color: getComputedStyle(label).color, accent}; }"""
    )
    assert focused["tag"] == "INPUT" and focused["checked"] and focused["label"], focused
    highlighted = tab.wait_for_function(  # Material fades the colour in (a CSS transition)
        "([id, accent]) => getComputedStyle(document.querySelector(`label[for='${id}']`)).color === accent",
        arg=[tab.evaluate("document.activeElement.id"), focused["accent"]], timeout=5_000,
    )
    assert highlighted, f"the focused tab label is not highlighted: {focused}"
    before = selected_tabs(tab)
    tab.keyboard.press("ArrowRight")
    after = selected_tabs(tab)
    assert after != before, "ArrowRight on a focused tab did not switch it"
    assert not watch.problems


def test_palette_toggle_switches_scheme_and_persists(new_context, site):
    """The site's own light/dark switch (overrides/partials/javascripts/palette.html) does what
    Material's did: switches on a click or Enter, keeps the page's colour-scheme and theme-colour
    metadata in step, remembers the choice on the next page, and fades no colour while switching."""
    context, watch = new_context(color_scheme="light")
    tab = context.new_page()
    page = a_chapter()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    metadata = """() => [document.body.dataset.mdColorScheme, document.querySelector('meta[name="color-scheme"]').content,
        document.querySelector('meta[name="theme-color"]').content, getComputedStyle(document.querySelector("header")).backgroundColor]"""
    scheme, color_scheme, theme_color, header = tab.evaluate(metadata)
    assert (scheme, color_scheme) == ("default", "light")
    assert theme_color == "#" + "".join(f"{int(n):02x}" for n in re.findall(r"\d+", header)[:3])
    tab.locator(b.PALETTE_TOGGLE).first.click()
    # The page turns dark at once: no colour fades (guide_tools/website/theme_css.py, "Palette").
    fading = tab.evaluate("""document.getAnimations()
        .filter(a => a instanceof CSSTransition && a.transitionProperty.includes("color"))
        .map(a => `${a.transitionProperty} of <${a.effect.target.localName} class="${a.effect.target.className}">`)""")
    assert not fading, f"colours fade while the scheme switches: {fading}"
    assert tab.evaluate(metadata)[:2] == ["slate", "dark"]
    tab.goto(site.url(LANGUAGES[0], "index.md"))
    assert tab.evaluate(metadata)[:2] == ["slate", "dark"]
    tab.locator(f"{b.PALETTE} input:checked, {b.PALETTE} input").first.focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate(metadata)[:2] == ["default", "light"]
    assert not watch.problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_chapter(new_context, site, artifacts, scheme):
    """Not a check: pictures of a chapter in each language for a reviewer (the path is printed at the end of the run)."""
    page = a_chapter()
    context, watch = new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    for lang in LANGUAGES:
        tab.goto(site.url(lang, page), wait_until="networkidle")
        name = f"{page.removesuffix('.md').replace('/', '-')}-{lang}-{scheme}.png"
        tab.screenshot(path=artifacts / name)
        assert (artifacts / name).stat().st_size > 10_000
    assert not watch.problems


# --------------------------------------------------------------------------- quizzes and the chooser


def quiz_strings(lang: str) -> dict[str, str]:
    """The quiz plugin's feedback texts as readers of `lang` see them (the project's .po files)."""
    import polib

    from guide_tools.website.content import ROOT

    wanted = ("Correct answer!", "Incorrect answer. Please try again.")
    if lang == DEFAULT_LANGUAGE:
        return {text: text for text in wanted}
    po = polib.pofile(str(ROOT / "guide_tools" / "website" / "quiz_locales" / f"{lang}.po"))
    return {entry.msgid: entry.msgstr for entry in po if entry.msgid in wanted}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wrong_answer_can_be_tried_again_before_anything_is_revealed(new_context, site, lang):
    """A wrong answer is marked wrong and the feedback says to choose again, in the page's language,
    and that is what the reader can do: the right answer is not marked, the explanation stays hidden
    and Submit stays. The right answer then shows the explanation (overrides/partials/quiz-retry.html)."""
    texts = quiz_strings(lang)
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(lang, a_chapter_with_a_quiz()))
    quiz = tab.locator(".quiz").first
    quiz.scroll_into_view_if_needed()
    wrong = quiz.locator("input[name=answer]:not([data-correct])").first
    right = quiz.locator("input[name=answer][data-correct]").first
    feedback = quiz.locator(".quiz-feedback")
    submit = quiz.locator("button.quiz-button[type=submit]")
    assert feedback.is_hidden(), "feedback shown before any answer"

    quiz.locator(f"label[for='{wrong.get_attribute('id')}']").click()
    submit.click()
    feedback.wait_for(state="visible")
    assert texts["Incorrect answer. Please try again."] in feedback.inner_text()
    assert "wrong" in wrong.locator("xpath=..").get_attribute("class")
    assert "correct" not in (right.locator("xpath=..").get_attribute("class") or ""), "a wrong answer revealed the right one"
    assert not quiz.locator("section.content").is_visible(), "a wrong answer revealed the explanation"
    assert submit.is_visible() and submit.is_enabled(), "after a wrong answer there is no Submit to choose again with"
    assert quiz.locator("button.quiz-reset-button").is_hidden()
    found = axe_both_schemes(tab)
    assert not found, "axe, with a quiz answered wrongly:\n" + "\n".join(found)

    quiz.locator(f"label[for='{right.get_attribute('id')}']").click()
    submit.click()
    expect_text = texts["Correct answer!"]
    tab.wait_for_function(
        "([text]) => [...document.querySelectorAll('.quiz')][0].querySelector('.quiz-feedback').innerText.includes(text)",
        arg=[expect_text], timeout=5_000,
    )
    assert quiz.locator("section.content").is_visible(), "the explanation is not shown after the right answer"
    assert "wrong" not in (wrong.locator("xpath=..").get_attribute("class") or "")
    found = axe_both_schemes(tab)
    assert not found, "axe, with a quiz answered:\n" + "\n".join(found)
    # Reloaded, the page remembers the answered question (the plugin's storage) and nothing else.
    tab.reload()
    quiz = tab.locator(".quiz").first
    assert quiz.locator("section.content").is_visible()
    assert tab.locator(".quiz section.content:visible").count() == 1
    assert not watch.problems


LOOKS = """() => {
    const box = e => e.getBoundingClientRect()
    const label = document.querySelector('.md-content .tabbed-labels > label')
    const quiz = document.querySelector('.quiz'), question = box(quiz.querySelector('.quiz-question p, .quiz-question'))
    const link = quiz.querySelector('.quiz-header-link')
    link.style.opacity = 1  // shown on hover and focus
    const hash = box(link)
    const title = document.querySelector('.md-sidebar--primary .md-nav--primary > .md-nav__title')
    return {
        underlined: [label, ...label.querySelectorAll('*')].map(e => getComputedStyle(e).textDecorationLine).filter(l => l !== 'none'),
        border: getComputedStyle(quiz).borderTopColor,
        hashGap: hash.bottom <= question.top ? Infinity : hash.left - question.right,
        hashLine: getComputedStyle(link).textDecorationLine,
        title: title && title.checkVisibility() ? [title.textContent.trim(), Math.round(box(title).height)] : null,
    }
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_looks_of_tabs_quizzes_and_the_sidebar(new_context, site, lang):
    """Tab labels are not underlined like links; the quiz box has the theme's light border, not a black
    one, and its "#" keeps clear of the question and is not underlined; the left navigation does not repeat the site's
    name above "Home" (it wrapped to three lines and stayed stuck) (theme.css)."""
    context, watch = new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site.url(lang, a_chapter_with_a_quiz()), wait_until="load")
    looks = tab.evaluate(LOOKS)
    assert looks["underlined"] == [], f"{tab.url}: tab labels are underlined ({looks['underlined']})"
    assert looks["border"] not in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 1)"), f"{tab.url}: the quiz box has a black border"
    assert looks["hashGap"] >= 4, f"{tab.url}: the quiz's '#' is {looks['hashGap']:.0f} px from its question"
    assert looks["hashLine"] == "none", f"{tab.url}: the quiz's '#' is underlined like a link in the text ({looks['hashLine']})"
    assert looks["title"] is None, f"{tab.url}: the left navigation starts with the site's name {looks['title']}"
    assert not watch.problems


# Each option of a quiz: the radio button's right edge, the label's left edge and height, and its line height.
QUIZ_OPTIONS = """() => [...document.querySelectorAll('.md-content .quiz fieldset > div')].map(option => {
    const button = option.querySelector('input').getBoundingClientRect(), label = option.querySelector('label')
    const box = label.getBoundingClientRect()
    return {text: label.textContent.trim(), button: button.right, left: box.left, lines: box.height / parseFloat(getComputedStyle(label).lineHeight)}
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_quiz_option_that_wraps_stays_beside_its_button(new_context, site, lang):
    """On a phone most options take two lines or more: the second line starts under the first one's
    text, not under the radio button, which mkdocs-quiz sets inline with its label (theme.css)."""
    context, watch = new_context(**PHONE)
    tab = context.new_page()
    tab.goto(site.url(lang, a_chapter_with_a_quiz()), wait_until="load")
    options = tab.evaluate(QUIZ_OPTIONS)
    assert [o for o in options if o["lines"] > 1.5], f"{tab.url}: no quiz option wraps on a phone; the test needs one"
    under = [o["text"] for o in options if o["left"] < o["button"]]
    assert not under, f"{tab.url}: these options wrap under their radio button: {under}"
    assert not watch.problems


# Each option of each quiz: its label's width as a share of its quiz box's content width, and of the
# whole box (border to border), which a wide padding down the box's side would take from the options.
QUIZ_OPTION_WIDTHS = """() => [...document.querySelectorAll('.md-content .quiz')].flatMap(quiz => {
    const style = getComputedStyle(quiz)
    const room = quiz.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    return [...quiz.querySelectorAll('fieldset > div > label')].map(label => {
        const width = label.getBoundingClientRect().width
        return {text: label.textContent.trim(), share: width / room, ofBox: width / quiz.offsetWidth}
    })
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quiz_options_take_the_width_of_the_box_on_a_phone(new_context, site, lang):
    """On a phone the options used about 55 % of the quiz box (the plugin's 10 px margins around the
    button and the label, the fieldset's padding and the room for the "#" down the whole box), and a
    Russian option ran to five lines. Each label now takes at least 85 % of the box's content width
    (theme.css) and at least 80 % of the whole box: the room for the "#" is beside the question only."""
    context, watch = new_context(**PHONE)
    tab = context.new_page()
    tab.goto(site.url(lang, a_chapter_with_a_quiz()), wait_until="load")
    options = tab.evaluate(QUIZ_OPTION_WIDTHS)
    assert options, f"{tab.url}: no quiz options found"
    narrow = [f"{o['share']:.0%} {o['text'][:40]!r}" for o in options if o["share"] < 0.85]
    assert not narrow, f"{tab.url}: these options take less than 85 % of the quiz box's content width: {narrow}"
    narrow = [f"{o['ofBox']:.0%} {o['text'][:40]!r}" for o in options if o["ofBox"] < 0.80]
    assert not narrow, f"{tab.url}: these options take less than 80 % of the quiz box, border to border: {narrow}"
    assert not watch.problems


def test_quiz_progress_panel_scrolls_away_whole_in_the_sidebar(new_context, site):
    """mkdocs-quiz puts its progress panel above the table of contents, under a title that takes
    Material's sticky sidebar title: once the sidebar scrolled, the panel's rows slid under their own
    title, which stayed behind, cut off, above the table of contents (theme.css). The title now
    scrolls away with its rows; the table of contents keeps its sticky title."""
    context, watch = new_context(viewport={"width": 1400, "height": 800})
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, a_chapter_with_a_quiz()), wait_until="load")
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the sidebar follows the last heading
    tab.wait_for_function("document.querySelector('.md-sidebar--secondary .md-sidebar__scrollwrap').scrollTop > 40", timeout=5_000)
    title, first_row = tab.evaluate("""() => {
        const panel = document.querySelector(".md-sidebar--secondary #quiz-progress-sidebar")
        return [panel.querySelector(".md-nav__title"), panel.querySelector(".md-nav__item")].map(e => e.getBoundingClientRect().toJSON())
    }""")
    assert title["bottom"] <= first_row["top"], f"the quiz progress title ({title}) covers its first row ({first_row})"
    toc_title = tab.locator(".md-sidebar--secondary label.md-nav__title[for=__toc]")
    assert toc_title.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert not watch.problems


def axe_both_schemes(tab) -> list[str]:
    """axe-core on the page as it is now, in the light and then the dark scheme (back to light after)."""
    found = [f"[light] {line}" for line in b.axe_violations(tab)]
    toggle = tab.locator(b.PALETTE_TOGGLE).first
    toggle.click()
    found += [f"[dark] {line}" for line in b.axe_violations(tab)]
    tab.locator(b.PALETTE_TOGGLE).first.click()
    return found


def tab_until(tab, selector: str, presses: int = 60) -> None:
    """Press Tab until the focused element is inside `selector`, or fail."""
    for _ in range(presses):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => !!document.activeElement.closest(s)", selector):
            return
    pytest.fail(f"{presses} presses of Tab never reached {selector}")


def test_keyboard_answers_a_quiz(new_context, site):
    """From the heading before it, Tab reaches the quiz's answers; Space picks one, Tab reaches Submit,
    Enter submits."""
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, a_chapter_with_a_quiz()))
    tab.locator("#check-yourself a.headerlink").focus()
    tab_until(tab, ".quiz input[name=answer]")
    tab.keyboard.press("Space")
    tab_until(tab, ".quiz button.quiz-button[type=submit]", presses=10)
    tab.keyboard.press("Enter")
    quiz = tab.locator(".quiz").first
    quiz.locator(".quiz-feedback").wait_for(state="visible")
    assert quiz.locator(".quiz-feedback").inner_text().strip()
    assert not watch.problems


CHOOSER = "overview/chooser.md"
CHOOSER_ANSWERS = {"product": "api", "io": "heavy", "admin": "no", "batteries": "choose",
                   "realtime": "some", "team": "none", "typed": "essential"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chooser_recommends_with_reasons(new_context, site, lang):
    """Answering in the browser gives the recommendation the rules give (guide_tools/chooser/decide.py),
    in the page's language, with one link per reason to a page of the same language."""
    from guide_tools.chooser import decide as chooser

    rules, text = chooser.load_rules(), chooser.load_texts(lang)
    expected = chooser.recommend(rules, CHOOSER_ANSWERS)
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(lang, CHOOSER))
    app = tab.locator("#chooser-app form.chooser__form")
    app.wait_for()
    for question, answer in CHOOSER_ANSWERS.items():
        app.locator(f"label[for='chooser-{question}-{answer}']").click()
    verdict = tab.locator("#chooser-app .chooser__verdict")
    assert verdict.inner_text().strip() == text["ui"]["result"].replace("{framework}", rules["names"][expected.framework])
    links = tab.locator("#chooser-app .chooser__result li a")
    assert links.all_inner_texts() == [text["reasons"][r] for r in expected.reasons]
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert b.page_of(href.split("#")[0], site)[0] == lang, href
        assert tab.request.get(href.split("#")[0]).status == 200, href
    found = axe_both_schemes(tab)
    assert not found, "axe, with a recommendation shown:\n" + "\n".join(found)
    tab.locator("#chooser-app button[type=reset]").click()
    tab.wait_for_function("() => !document.querySelector('#chooser-app .chooser__verdict')")
    assert not watch.problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chooser_keeps_its_suggestion_in_view_while_the_reader_answers(new_context, site, lang):
    """The result is below the seven questions, out of view while the reader answers them (on a phone
    and on a laptop): the suggestion so far stays at the bottom of the window, and leads to the result."""
    from guide_tools.chooser import decide as chooser

    rules, text = chooser.load_rules(), chooser.load_texts(lang)
    for options in (PHONE, {"viewport": {"width": 1280, "height": 800}}):
        context, watch = new_context(**options)
        tab = context.new_page()
        tab.goto(site.url(lang, CHOOSER))
        app = tab.locator("#chooser-app form.chooser__form")
        app.wait_for()
        live = tab.locator("#chooser-app .chooser__live")
        assert not live.is_visible(), "a suggestion before any answer"
        question, answer = next(iter(CHOOSER_ANSWERS.items()))
        app.locator(f"label[for='chooser-{question}-{answer}']").click()
        expected = chooser.recommend(rules, {question: answer})
        name = text["ui"]["result"].replace("{framework}", rules["names"][expected.framework])
        result = tab.locator("#chooser-app .chooser__result")
        in_view = "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1 }"
        assert not result.evaluate(in_view), "the test needs the result out of view after the first answer"
        assert live.is_visible() and live.evaluate(in_view), f"{tab.url}: the suggestion is out of view while the reader answers"
        assert name in live.inner_text()
        live.locator("a").click()
        tab.wait_for_function(f"() => {{ const r = document.querySelector('#chooser-app .chooser__verdict').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }}")
        assert not watch.problems
        context.close()


def test_keyboard_uses_the_chooser(new_context, site):
    """Tab reaches the first question, arrow keys change the answer, and the recommendation
    (a polite live region) follows."""
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, CHOOSER))
    tab.locator("#chooser-app form.chooser__form").wait_for()
    tab.locator("#questions a.headerlink").focus()
    tab_until(tab, "#chooser-app input[type=radio]")
    tab.keyboard.press("Space")
    first = tab.locator("#chooser-app .chooser__verdict").inner_text()
    tab.keyboard.press("ArrowDown")
    tab.wait_for_function("t => document.querySelector('#chooser-app .chooser__verdict').innerText !== t", arg=first)
    assert tab.locator("#chooser-app .chooser__result").get_attribute("aria-live") == "polite"
    assert not watch.problems


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_language_menu_fetches_no_face_for_its_names(new_context, site, lang):
    """The closed language menu is laid out, so its one Cyrillic word (Русский) made every English and
    Korean page download IBM Plex Sans's Cyrillic face, 15 KB, for text nobody sees until the menu
    opens. theme.css draws that name in the system's sans on those pages; Russian pages keep theirs."""
    context, watch = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab = context.new_page()
    for page in ("index.md", a_chapter()):
        requested.clear()
        tab.goto(site.url(lang, page), wait_until="load")
        b.evaluate_promise(tab, "async () => { await document.fonts.ready; return true }", what="document.fonts.ready", seconds=20)
        cyrillic = [url.rsplit("/", 1)[-1] for url in requested if "-cyrillic-" in url]
        assert not cyrillic, f"{tab.url} requests Cyrillic faces: {cyrillic}"
        assert tab.locator('.md-select__link[hreflang="ru"]').first.text_content().strip() == "Русский"
    assert not watch.problems
