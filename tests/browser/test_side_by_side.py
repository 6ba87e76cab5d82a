"""Side by side (overrides/partials/side-by-side.html): a tab group's tabs as columns next to each
other, in a real browser, in every language: switched on with the control of any group, the listings
of a group share a row and do not overlap, the n-th captured output of each column starts at the same
height, the choice follows the reader to the next chapter and to another language, two columns can be
chosen, and tabs come back on a narrow window, on a phone, in print and without JavaScript.

Pages are chosen from the built site (nav order, tab groups found in the HTML), never named here."""

from __future__ import annotations

import re

import pytest

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES
from tests.browser import browser as b
from tests.browser.test_interactions import PHONE, axe_both_schemes, built, selected_tabs, tab_groups
from tests.site.test_pages import nav_pages

pytestmark = pytest.mark.slow

# The control's name in each language: the guide's own term for "side by side" (the Korean site name
# says 나란히 보기, the Russian nav and site name бок о бок).
TOGGLE = {"en": "Side by side", "ko": "나란히 보기", "ru": "Бок о бок"}
FRAMEWORKS = ["Flask", "FastAPI", "Django"]
WIDE = {"width": 1600, "height": 1000}    # three columns fit
MEDIUM = {"width": 1280, "height": 1000}  # two columns fit
NARROW = {"width": 1000, "height": 1000}  # tabs


def has_framework_group(site: b.SiteServer, page: str) -> bool:
    return FRAMEWORKS in tab_groups(built(site, DEFAULT_LANGUAGE, page))


def chapter_and_next(site: b.SiteServer) -> tuple[str, str]:
    """The first chapter in nav with a Flask / FastAPI / Django tab group whose next page has one too."""
    from guide_tools.website import content

    pages, chapters = nav_pages(), set(content.chapter_pages())
    for page, following in zip(pages, pages[1:]):
        if page in chapters and has_framework_group(site, page) and has_framework_group(site, following):
            return page, following
    pytest.fail("no two pages in a row in nav have a Flask / FastAPI / Django tab group")


# For each tab group: every label's text, the visible labels, and each visible panel's place.
LAYOUT = """() => [...document.querySelectorAll(".md-content .tabbed-set")].map(set => {
    const shown = element => element.getClientRects().length > 0
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")]
    const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")]
    return {
        names: labels.map(label => label.textContent.trim()),
        // drawn: a label left out of the columns is still there for screen readers, 1 px wide
        shown: labels.filter(label => label.getBoundingClientRect().width > 1).map(label => label.textContent.trim()),
        blocks: blocks.filter(shown).map(block => {
            const box = block.getBoundingClientRect()
            const outputs = [...block.querySelectorAll(":scope > .highlight.language-text")]
                .map(output => (output.firstElementChild || output).getBoundingClientRect().top)
            const code = [...block.querySelectorAll("pre > code")].map(code =>
                [getComputedStyle(code).whiteSpace, code.getBoundingClientRect().right - box.right])
            return {left: box.left, right: box.right, top: box.top, outputs, code}
        }),
    }
})"""


def column_problems(tab, columns: int, names: list[str] | None = None) -> list[str]:
    """What is wrong with the side by side layout of every tab group on the page: a group of the
    three frameworks shows `columns` columns (`names`, when given), the panels of a group stand in
    rows of that many, side by side without overlapping, long lines wrap and stay in their
    column, and the n-th output of each column starts at the same height."""
    problems = []
    for i, group in enumerate(tab.evaluate(LAYOUT)):
        where = f"{tab.url} group {i + 1} {group['names']}"
        distinct = list(dict.fromkeys(group["names"]))
        expected = min(columns, len(distinct)) if len(distinct) > 2 else len(distinct)
        if distinct == FRAMEWORKS and names is not None and group["shown"] != names:
            problems.append(f"{where}: shows {group['shown']}, not {names}")
        blocks = group["blocks"]
        if len(blocks) != expected * (len(group["names"]) // len(distinct)):
            problems.append(f"{where}: {len(blocks)} panels shown, not {expected} columns")
            continue
        rows: dict[int, list[dict]] = {}
        for block in blocks:
            rows.setdefault(round(block["top"]), []).append(block)
        for row in rows.values():
            row.sort(key=lambda block: block["left"])
            if len(row) != expected:
                problems.append(f"{where}: a row of {len(row)} panels, not {expected}: tops {[round(b['top']) for b in blocks]}")
            for left, right in zip(row, row[1:]):
                if left["right"] > right["left"] + 0.5:
                    problems.append(f"{where}: columns overlap ({left['right']:.0f} > {right['left']:.0f})")
            for block in row:
                for white_space, past in block["code"]:
                    if white_space != "pre-wrap" or past > 0.5:
                        problems.append(f"{where}: code does not wrap ({white_space}) or reaches {past:.0f} px past its column")
            for n in range(max(len(block["outputs"]) for block in row)):
                tops = [block["outputs"][n] for block in row if len(block["outputs"]) > n]
                if len(tops) > 1 and max(tops) - min(tops) > 1:
                    problems.append(f"{where}: output {n + 1} starts at different heights: {[round(t) for t in tops]}")
    return problems


# Where the room goes, side by side below 1920 px: the columns, each as wide as a third of the window
# allows; the sidebars are in the drawer that the header's menu button opens (theme.css).
ROOM = """() => {
    const seen = selector => { const e = document.querySelector(selector); return !!e && e.checkVisibility({visibilityProperty: true}) }
    const content = document.querySelector('.md-content').getBoundingClientRect()
    const set = [...document.querySelectorAll('.md-content .tabbed-set')].find(set => set.style.getPropertyValue('--sbs-columns') === '3')
    const columns = set ? [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')]
        .filter(block => block.getClientRects().length).map(block => block.getBoundingClientRect().width) : []
    return {toc: seen('.md-sidebar--secondary'), nav: seen('.md-sidebar--primary'), menu: seen('label.md-header__button[for=__drawer]'),
            content: [Math.round(content.left), Math.round(content.width)], columns, width: innerWidth}
}"""


def room_problems(tab) -> list[str]:
    # The closed drawer is hidden once it has slid out of view (a quarter of a second).
    tab.wait_for_function("() => !document.querySelector('.md-sidebar--primary').checkVisibility({visibilityProperty: true})", timeout=3_000)
    room = tab.evaluate(ROOM)
    problems = [f"{tab.url}: the {name} is beside the columns" for name in ("toc", "nav") if room[name]]
    if not room["menu"]:
        problems.append(f"{tab.url}: no menu button to reach the navigation")
    if room["content"][1] < room["width"] - 60:
        problems.append(f"{tab.url}: the content is {room['content'][1]} px of {room['width']}")
    narrow = [round(width) for width in room["columns"] if width < (room["width"] - 160) / 3]
    if narrow:
        problems.append(f"{tab.url}: columns of {narrow} px at {room['width']} px")
    return problems


def the_drawer_leads_to(tab, site: b.SiteServer, lang: str, following: str) -> None:
    """The menu button opens the navigation, with this page's table of contents; a chapter is a click away."""
    tab.locator("label.md-header__button[for=__drawer]").click()
    drawer = tab.locator(".md-sidebar--primary")
    heading = tab.locator(".md-content h2[id]").first.get_attribute("id")
    toc_link = drawer.locator(f"a.md-nav__link[href='#{heading}']").first
    toc_link.wait_for(state="visible")
    # Seen, not only there: Material fades a nested list in (opacity) as it unfolds it.
    tab.wait_for_function("a => getComputedStyle(a.closest('.md-nav--secondary')).opacity === '1'", arg=toc_link.element_handle(), timeout=3_000)
    next_link = drawer.locator(f"a.md-nav__link[href$='{following.removesuffix('.md').split('/')[-1]}/']").first
    assert next_link.is_visible(), f"{tab.url}: the drawer shows no link to {following}"
    toc_link.click()
    tab.wait_for_url(re.compile(f"#{re.escape(heading)}$"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_side_by_side_gives_the_columns_the_room_and_keeps_the_navigation_a_click_away(new_context, site, lang):
    """1600 px (three columns) and 1280 px (two): the table of contents and the navigation fold into
    the drawer of the header's menu button (they took 230 px while each column had 415 px, and the
    navigation could not be reached at all from 1220 to 1919 px). A page without tab groups, after
    a chapter side by side, is laid out as the chapter: it does not jump."""
    page, following = chapter_and_next(site)
    tab_less = next(p for p in nav_pages() if not tab_groups(built(site, DEFAULT_LANGUAGE, p)) and p != "index.md")
    context, watch = new_context(viewport=WIDE)
    tab = context.new_page()
    tab.goto(site.url(lang, page), wait_until="load")
    switch_on(tab, lang)
    assert room_problems(tab) == []
    chapter_room = tab.evaluate(ROOM)
    the_drawer_leads_to(tab, site, lang, following)

    tab.goto(site.url(lang, tab_less), wait_until="load")
    plain_room = tab.evaluate(ROOM)
    assert [plain_room[k] for k in ("toc", "nav", "menu", "content")] == [chapter_room[k] for k in ("toc", "nav", "menu", "content")], \
        f"{tab.url} (no tab group) is laid out differently from {page}: {plain_room} against {chapter_room}"

    tab.set_viewport_size(MEDIUM)
    tab.goto(site.url(lang, page), wait_until="load")
    assert side_by_side(tab)
    assert room_problems(tab) == []
    the_drawer_leads_to(tab, site, lang, following)
    tab.set_viewport_size({"width": 1920, "height": 1000})  # both sidebars fit beside three columns
    room = tab.evaluate(ROOM)
    assert room["toc"] and room["nav"] and not room["menu"], room
    assert not watch.problems


def side_by_side(tab) -> bool:
    return tab.evaluate("document.documentElement.dataset.sbsView === 'columns' && 'sbsFit' in document.documentElement.dataset")


def switch_on(tab, lang: str):
    toggle = tab.get_by_role("button", name=TOGGLE[lang]).first
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert side_by_side(tab)
    return toggle


def one_panel_per_group(tab) -> list[str]:
    """Tabs: each group shows exactly one panel."""
    counts = tab.eval_on_selector_all(".md-content .tabbed-set", """sets => sets.map(set =>
        [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')].filter(b => b.getClientRects().length).length)""")
    return [f"{tab.url}: group {i + 1} shows {n} panels" for i, n in enumerate(counts) if n != 1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_side_by_side_on_a_wide_screen_follows_the_reader(new_context, site, artifacts, lang):
    """1600 px: the control of a group shows all three frameworks next to each other in every group;
    both sidebars fold into the menu to make room; the choice is kept on the next
    chapter (through its link) and in another language (through the language switcher)."""
    page, following = chapter_and_next(site)
    context, watch = new_context(viewport=WIDE)
    tab = context.new_page()
    tab.goto(site.url(lang, page), wait_until="load")
    assert one_panel_per_group(tab) == []
    switch_on(tab, lang)
    b.scroll_through(tab)
    assert column_problems(tab, 3, FRAMEWORKS) == []
    assert room_problems(tab) == []

    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url(site.url(lang, following))
    assert side_by_side(tab), f"{tab.url}: the next chapter is not side by side"
    assert tab.get_by_role("button", name=TOGGLE[lang]).first.get_attribute("aria-pressed") == "true"
    b.scroll_through(tab)
    assert column_problems(tab, 3, FRAMEWORKS) == []
    # For a reviewer: the first group whose three tabs all start with a listing.
    tab.evaluate("""() => [...document.querySelectorAll(".md-content .tabbed-set")].find(set =>
        [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")].every(block =>
            block.firstElementChild && block.firstElementChild.matches(".highlight:not(.language-text)"))
    ).scrollIntoView({block: "center"})""")
    tab.wait_for_timeout(300)  # the header's title settles
    tab.screenshot(path=artifacts / f"side-by-side-{lang}.png")

    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    tab.locator(".md-header__option .md-select").hover()
    tab.locator(f".md-header__option a.md-select__link[hreflang={other}]").click()
    tab.wait_for_url(site.url(other, following))
    assert side_by_side(tab), f"{tab.url}: the page in another language is not side by side"
    assert tab.get_by_role("button", name=TOGGLE[other]).first.get_attribute("aria-pressed") == "true"
    assert not watch.problems


def test_two_columns_chosen_by_the_reader(new_context, site):
    """1280 px: two columns fit. The reader picks which two in any group; every group follows, on the
    next chapter too; on a wider window the pair stays until the reader asks for all three."""
    page, following = chapter_and_next(site)
    context, watch = new_context(viewport=MEDIUM)
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    switch_on(tab, DEFAULT_LANGUAGE)
    b.scroll_through(tab)
    assert column_problems(tab, 2, ["Flask", "FastAPI"]) == []
    picker = tab.get_by_role("combobox", name="Columns").first
    assert picker.locator("option[value=all]").is_disabled(), "all three are offered where only two fit"
    picker.select_option(label="Flask + Django")
    assert column_problems(tab, 2, ["Flask", "Django"]) == []
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url(site.url(DEFAULT_LANGUAGE, following))
    b.scroll_through(tab)
    assert column_problems(tab, 2, ["Flask", "Django"]) == []
    tab.set_viewport_size(WIDE)
    assert column_problems(tab, 2, ["Flask", "Django"]) == []
    tab.get_by_role("combobox", name="Columns").first.select_option("all")
    assert column_problems(tab, 3, FRAMEWORKS) == []
    assert not watch.problems


def test_tabs_come_back_on_a_narrow_window_a_phone_in_print_and_without_javascript(new_context, site):
    page, _ = chapter_and_next(site)
    context, watch = new_context(viewport=WIDE)
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    switch_on(tab, DEFAULT_LANGUAGE)
    tab.set_viewport_size(NARROW)
    assert one_panel_per_group(tab) == [], "a window too narrow for two columns shows tabs"
    assert tab.locator(".sbs-controls").first.is_hidden(), "the control is shown where columns do not fit"
    spaced = tab.evaluate("document.querySelectorAll('.tabbed-block > .highlight[style*=margin]').length")
    assert spaced == 0, f"{spaced} outputs keep the space that lined them up in columns"
    tab.set_viewport_size(WIDE)
    assert column_problems(tab, 3, FRAMEWORKS) == [], "a wide window again shows the columns"
    tab.emulate_media(media="print")
    assert one_panel_per_group(tab) != [], "print shows the tabs' panels one after another, as Material prints them"
    assert tab.evaluate("getComputedStyle(document.querySelector('.tabbed-content')).display") != "grid"
    tab.emulate_media(media="screen")
    saved = context.storage_state()

    for options in ({**PHONE}, {"viewport": WIDE, "java_script_enabled": False}):
        other, other_watch = new_context(storage_state=saved, **options)
        phone = other.new_page()
        phone.goto(site.url(DEFAULT_LANGUAGE, page), wait_until="load")
        assert one_panel_per_group(phone) == [], f"tabs expected with {options}"
        assert phone.locator(".sbs-controls").count() == 0 or phone.locator(".sbs-controls").first.is_hidden()
        assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]
        assert not other_watch.problems
    assert not watch.problems


def test_the_saved_view_applies_before_the_first_paint(new_context, site):
    """With "side by side" saved, the page is drawn in columns from its first frame: nothing moves
    while it loads (no layout shift at all). The reader who saved the view has been here before, so
    the site's fonts are in their browser's cache: from the network, on a loaded machine, a code
    font can come after the first paint, and its swap rewraps the code that columns wrap."""
    page, _ = chapter_and_next(site)
    context, _ = new_context(viewport=WIDE)
    first = context.new_page()
    first.goto(site.url(DEFAULT_LANGUAGE, page))
    switch_on(first, DEFAULT_LANGUAGE)
    context, watch = new_context(viewport=WIDE, storage_state=context.storage_state())
    earlier = context.new_page()  # the earlier visit: the fonts and the stylesheets in the cache
    earlier.goto(site.url(DEFAULT_LANGUAGE, page), wait_until="networkidle")
    earlier.close()
    # Material's header moves its buttons once its script runs (the search box appears), in tabs too.
    context.add_init_script("""
        window.__shifts = []
        new PerformanceObserver(list => window.__shifts.push(...list.getEntries()
            .flatMap(shift => shift.sources.map(source => source.node))
            .filter(node => node && node.parentElement && node.parentElement.closest(".md-content"))
            .map(node => `${node.nodeName} ${node.className || ""}`)))
            .observe({type: "layout-shift", buffered: true})
        requestAnimationFrame(() => { window.__firstFrame = document.documentElement.dataset.sbsView || "tabs" })
    """)
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page), wait_until="networkidle")
    tab.wait_for_timeout(500)
    assert tab.evaluate("window.__firstFrame") == "columns"
    assert tab.evaluate("window.__shifts") == [], "parts of the page moved while it loaded"
    assert column_problems(tab, 3, FRAMEWORKS) == []
    assert not watch.problems


def test_keyboard_and_screen_reader_use_the_control(new_context, site):
    """Tab reaches the control (a button that says whether it is pressed) and Space switches it;
    Tab then reaches the column picker (a labelled select), and the arrow keys change the columns."""
    page, _ = chapter_and_next(site)
    context, watch = new_context(viewport=MEDIUM)
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    # The first group with a column picker: a group of two tabs (a Django 5.2 and a 6.1 output) has none.
    for _ in range(300):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('.sbs-controls:has(select) > .sbs-toggle')"):
            break
    else:
        pytest.fail("300 presses of Tab never reached the side by side control of a group with a column picker")
    assert tab.evaluate("[document.activeElement.tagName, document.activeElement.textContent]") == ["BUTTON", TOGGLE[DEFAULT_LANGUAGE]]
    tab.keyboard.press("Space")
    assert tab.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    assert side_by_side(tab)
    tab.keyboard.press("Tab")
    assert tab.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('aria-label')]") == ["SELECT", "Columns"]
    tab.keyboard.press("ArrowDown")
    assert column_problems(tab, 2, ["Flask", "Django"]) == []
    assert not watch.problems


def test_copy_buttons_annotations_and_linked_tabs_in_columns(new_context, site):
    """In columns, a listing in the last column copies what it shows, and a listing's annotation
    opens; a label chosen there is the tab every group shows when the reader goes back to tabs."""
    _, page = chapter_and_next(site)
    context, watch = new_context(viewport=WIDE, permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    toggle = switch_on(tab, DEFAULT_LANGUAGE)
    b.scroll_through(tab)
    last = tab.locator(".md-content .tabbed-block .highlight").filter(visible=True).filter(
        has=tab.locator("button.md-code__button, button.md-clipboard")).last
    last.scroll_into_view_if_needed()
    shown = last.locator("code").evaluate("""code => { const copy = code.cloneNode(true);
        copy.querySelectorAll('.md-annotation').forEach(n => n.remove()); return copy.textContent.replace(/\\s+$/, ''); }""")
    last.hover()
    last.locator("button.md-code__button, button.md-clipboard").first.click()
    assert b.evaluate_promise(tab, "() => navigator.clipboard.readText()", what="clipboard.readText", seconds=10) == shown

    annotation = tab.locator(".md-content .tabbed-block .md-annotation__index").filter(visible=True).last
    annotation.scroll_into_view_if_needed()
    annotation.click(force=True)  # it pulses, so it is never "stable"
    tooltip = tab.locator(".md-annotation .md-tooltip--active")
    tooltip.wait_for(timeout=5_000)
    box, width = tooltip.bounding_box(), tab.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"the annotation's tooltip is cut off: {box}"

    group = tab.locator(".md-content .tabbed-set").filter(has=tab.locator(".tabbed-labels", has_text="Django")).first
    group.locator(".tabbed-labels > label", has_text=re.compile(r"^\s*Django\s*$")).click()
    toggle.click()
    assert not side_by_side(tab)
    assert one_panel_per_group(tab) == []
    wrong = [labels for labels, chosen in selected_tabs(tab) if "Django" in labels and labels[chosen] != "Django"]
    assert not wrong, f"back in tabs, these groups do not show Django: {wrong}"
    assert not watch.problems


# The drawn labels of each tab group shown in columns: text, computed colour, and its contrast with
# the background it is drawn on (the first ancestor with an opaque background; the label's alpha blended in).
LABEL_COLOURS = """async () => {
    const all = [...document.querySelectorAll(".md-content .tabbed-labels > label")]
    await Promise.all(all.flatMap(label => label.getAnimations()).map(fade => fade.finished))  // Material fades their colour
    const rgba = text => { const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number); return [r, g, b, a] }
    const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
        .map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0)
    const background = element => {
        for (let e = element; e; e = e.parentElement) {
            const colour = rgba(getComputedStyle(e).backgroundColor)
            if (colour[3] === 1) return colour
        }
        return [255, 255, 255, 1]
    }
    const text = getComputedStyle(document.querySelector(".md-content .md-typeset")).color
    return {text, groups: [...document.querySelectorAll(".md-content .tabbed-set")].map(set =>
        [...set.querySelectorAll(":scope > .tabbed-labels > label")].filter(l => l.getBoundingClientRect().width > 1).map(label => {
            const colour = getComputedStyle(label).color, [r, g, b, a] = rgba(colour), under = background(label)
            const drawn = [r, g, b].map((c, i) => c * a + under[i] * (1 - a))
            const [light, dark] = [luminance(drawn), luminance(under)].sort((x, y) => y - x)
            return {name: label.textContent.trim(), colour, contrast: (light + 0.05) / (dark + 0.05)}
        }))}
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_column_s_label_reads_as_its_heading(new_context, site, lang):
    """Side by side shows every column, so every label heads its column in the text's colour; Material
    gave it only to the checked tab's label (Flask) and left FastAPI and Django grey, as if not chosen
    (partials/side-by-side.css.html). Light and dark, contrast at least 4.5:1."""
    page, _ = chapter_and_next(site)
    for scheme in ("light", "dark"):
        context, watch = new_context(viewport=WIDE, color_scheme=scheme)
        tab = context.new_page()
        tab.goto(site.url(lang, page), wait_until="load")
        switch_on(tab, lang)
        found = tab.evaluate(LABEL_COLOURS)
        groups = [g for g in found["groups"] if len(g) > 1]
        assert groups, f"{tab.url}: no tab group shows two columns or more"
        for labels in groups:
            colours = {label["colour"] for label in labels}
            assert colours == {found["text"]}, \
                f"{tab.url} ({scheme}): the columns' labels are not all in the text's colour {found['text']}: {labels}"
            weak = [label for label in labels if label["contrast"] < 4.5]
            assert not weak, f"{tab.url} ({scheme}): labels under 4.5:1 contrast: {weak}"
        assert not watch.problems
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_nothing_side_by_side(new_context, site, lang):
    page, _ = chapter_and_next(site)
    context, watch = new_context(viewport=MEDIUM, color_scheme="light")
    tab = context.new_page()
    tab.goto(site.url(lang, page))
    switch_on(tab, lang)
    b.scroll_through(tab)
    found = axe_both_schemes(tab)
    assert not found, "axe, side by side:\n" + "\n".join(found)
    assert not watch.problems


def test_the_view_is_loaded_only_where_tab_groups_are(site):
    """The stylesheet and script come with the pages that have a tab group, and only with them."""
    wrong = []
    for lang in LANGUAGES:
        for page in nav_pages():
            html = built(site, lang, page)
            if ('class="tabbed-set' in html) != ("__sbs.mount()" in html):
                wrong.append(f"{lang}/{page}")
    assert not wrong, f"side by side loaded where there is no tab group, or missing where there is one: {wrong}"


# Every listing and output of the page that scrolls sideways: a code block whose lines are longer
# than its box (Material's `pre > code` scrolls), with its first line to name it.
SCROLLING = """() => {
    const code = [...document.querySelectorAll('.md-content pre > code')].filter(code => code.getClientRects().length)
    return {count: code.length, scrolling: code.filter(code => code.scrollWidth > code.clientWidth)
        .map(code => `${code.scrollWidth} > ${code.clientWidth}: ${code.textContent.split('\\n')[0].slice(0, 60)}`)}
}"""


def copy_of(tab, block) -> str:
    block.scroll_into_view_if_needed()
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    return b.evaluate_promise(tab, "() => navigator.clipboard.readText()", what="clipboard.readText", seconds=10)


def compare_chapters() -> list[str]:
    from guide_tools.website import content

    pages = [page for page in nav_pages() if page.startswith("compare/") and page in set(content.chapter_pages())]
    assert len(pages) >= 5, pages
    return pages


def test_no_listing_of_the_side_by_side_chapters_scrolls_sideways_in_three_columns(new_context, site):
    """1600 px, three columns (504 px each): every listing and output of every chapter of the
    "Side by side" section fits its column; lines longer than a column wrap (side-by-side.css.html)."""
    pages = compare_chapters()
    context, watch = new_context(viewport=WIDE)
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, pages[0]))
    switch_on(tab, DEFAULT_LANGUAGE)
    problems, total = [], 0
    for page in pages:
        tab.goto(site.url(DEFAULT_LANGUAGE, page))
        assert side_by_side(tab)
        b.scroll_through(tab)
        found = tab.evaluate(SCROLLING)
        total += found["count"]
        problems += [f"{page}: {line}" for line in found["scrolling"]]
    assert total > 100, f"only {total} listings in {pages}"
    assert not problems, f"{len(problems)} of {total} listings scroll sideways at 1600 px:\n" + "\n".join(problems)
    assert not watch.problems


# A listing's rows beyond its lines: it wraps.
WRAPS = """block => { const code = block.querySelector('code'), style = getComputedStyle(code)
    const rows = (code.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / parseFloat(style.lineHeight)
    return Math.round(rows) > code.textContent.replace(/\\n$/, '').split('\\n').length }"""


def test_a_wrapped_listing_shows_where_it_wraps_and_copies_as_in_tabs(new_context, site):
    """The longest line of the first "Side by side" chapter's columns wraps, with a hanging indent and
    a wrap mark before each continued row; copying the listing gives the same text as in tabs: no
    line break where the line wrapped, no wrap mark."""
    page = compare_chapters()[0]
    context, watch = new_context(viewport=WIDE, permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site.url(DEFAULT_LANGUAGE, page))
    b.scroll_through(tab)
    listings = tab.locator(".md-content .tabbed-block .highlight:not(.language-text)").filter(
        has=tab.locator("button.md-code__button, button.md-clipboard"))
    index = listings.evaluate_all("""blocks => blocks.map(block => Math.max(...block.querySelector('code').textContent
        .split('\\n').map(line => line.length))).reduce((best, n, i, all) => n > all[best] ? i : best, 0)""")
    block = listings.nth(index)
    block.evaluate("""b => { const c = b.closest('.tabbed-block')
        c.closest('.tabbed-set').querySelectorAll(':scope > .tabbed-labels > label')[[...c.parentElement.children].indexOf(c)].click() }""")
    assert not block.evaluate(WRAPS), f"{tab.url}: a listing wraps in tabs"
    assert block.locator(".sbs-wrap-cue").count() == 0
    in_tabs = copy_of(tab, block)
    switch_on(tab, DEFAULT_LANGUAGE)
    assert block.evaluate(WRAPS), f"{tab.url}: the listing with the longest line does not wrap in columns"
    tab.wait_for_function("b => b.querySelectorAll('.sbs-wrap-cue').length > 0", arg=block.element_handle(), timeout=3_000)
    cue, code = block.locator(".sbs-wrap-cue").first.bounding_box(), block.locator("code").bounding_box()
    assert code["x"] <= cue["x"] and cue["x"] + cue["width"] <= code["x"] + code["width"], f"{tab.url}: the wrap mark is outside its listing"
    assert copy_of(tab, block) == in_tabs, f"{tab.url}: a wrapped listing copies differently in columns"
    assert not watch.problems


# The drawer's entries and its contents title, each as painted: a box-shadow's spread and blur count.
DRAWER_BOXES = """() => {
    const drawer = document.querySelector('.md-sidebar--primary')
    const painted = element => {
        const box = element.getBoundingClientRect(), shadow = getComputedStyle(element).boxShadow
        let grow = 0
        if (shadow !== 'none') {
            const [x, y, blur, spread] = (shadow.match(/-?[\\d.]+px/g) || []).map(parseFloat)
            grow = Math.max(0, (spread || 0) + (blur || 0) / 2 + Math.max(Math.abs(x || 0), Math.abs(y || 0)))
        }
        return {top: box.top - grow, bottom: box.bottom + grow, left: box.left - grow, right: box.right + grow}
    }
    const title = drawer.querySelector('.md-nav--secondary > .md-nav__title')
    const entries = [...drawer.querySelectorAll('a.md-nav__link, label.md-nav__link')].filter(e => e.getClientRects().length && e.checkVisibility({visibilityProperty: true}))
    return {title: title && title.getClientRects().length ? [title.textContent.trim(), painted(title)] : null,
            entries: entries.map(e => [e.textContent.trim(), e.getBoundingClientRect().toJSON()])}
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_drawer_s_contents_title_covers_no_entry(new_context, site, lang):
    """1600 px, side by side: in the drawer, the page's table of contents sits under the current
    page's entry, headed by its title; the title, as painted (Material gave it a shadow of the page's
    colour, 0.4rem around it), overlaps no entry, also after the drawer's list has scrolled."""
    page, _ = chapter_and_next(site)
    context, watch = new_context(viewport=WIDE)
    tab = context.new_page()
    tab.goto(site.url(lang, page), wait_until="load")
    switch_on(tab, lang)
    tab.locator("label.md-header__button[for=__drawer]").click()
    tab.wait_for_function("() => getComputedStyle(document.querySelector('.md-sidebar--primary .md-nav--secondary')).opacity === '1'", timeout=3_000)
    tab.wait_for_timeout(300)  # the drawer slides in
    for scrolled in (0, 200):
        tab.evaluate("y => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTo(0, y)", scrolled)
        found = tab.evaluate(DRAWER_BOXES)
        assert found["title"], f"{tab.url}: the drawer shows no table of contents title"
        name, title = found["title"]
        covered = [entry for entry, box in found["entries"]
                   if box["top"] < title["bottom"] - 0.5 and title["top"] < box["bottom"] - 0.5
                   and box["left"] < title["right"] and title["left"] < box["right"]]
        assert not covered, f"{tab.url} (drawer scrolled {scrolled} px): {name!r} covers {covered}"
    assert not watch.problems
