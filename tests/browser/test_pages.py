"""Every page in every language, in a real browser: it loads cleanly and offline, its internal
links and anchors resolve, its language switcher points at the same page, and axe-core finds
no accessibility violation in the light scheme, nor by the colour rules in the dark one. The colour
rules run on the English pages only: the three languages share the stylesheet and the pages'
structure (tests/site/test_pages.py: the same anchors, listings and annotations), so a translation
would repeat the English page's findings, and those rules are most of axe's time on a page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES
from tests.browser import browser as b
from tests.browser.conftest import PAGES

pytestmark = pytest.mark.slow

def test_the_site_has_exactly_the_pages_in_nav(site):
    """The pages checked here (from nav) are the pages the build published (its sitemap)."""
    tree = ET.parse(site.root / "sitemap.xml")  # noqa: S314 - our own build output
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    built = set()
    for url in tree.getroot().findall("s:url", ns):
        built.add(b.page_of(url.find("s:loc", ns).text, site))
        for alternate in url.findall("x:link", ns):
            built.add((alternate.get("hreflang"), b.page_of(alternate.get("href"), site)[1]))
    assert built == set(PAGES), f"built but not in nav: {sorted(built - set(PAGES))}; in nav but not built: {sorted(set(PAGES) - built)}"


@pytest.mark.parametrize(("lang", "page"), PAGES, ids=[f"{lang}/{page}" for lang, page in PAGES])
def test_page_in_the_browser(new_context, site, lang, page):
    url = site.url(lang, page)
    context, watch = new_context(color_scheme="light")
    tab = context.new_page()
    response = tab.goto(url, wait_until="networkidle")  # late requests (search worker, index) included
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert tab.locator("html").get_attribute("lang") == lang
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "default"
    problems = []

    # Material's own links to code annotations are handled by its JavaScript, not followed.
    hrefs = tab.eval_on_selector_all("a[href]:not(.md-annotation__index)", "links => links.map(a => a.href)")
    live_ids = set(tab.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
    problems += [f"broken link: {p}" for p in b.broken_links(hrefs, url, site.origin, live_ids)]
    switcher = dict(tab.eval_on_selector_all("a.md-select__link[hreflang]", "links => links.map(a => [a.hreflang, a.href])"))
    for other in LANGUAGES:
        if switcher.get(other) != site.url(other, page):
            problems.append(f"language switcher: {other} goes to {switcher.get(other)}, not {site.url(other, page)}")

    # Tables come wrapped from the build (guide_tools/website/theme_css.py, "Tables"): Material's script wraps none again.
    problems += tab.eval_on_selector_all(".md-content table", """tables => tables
        .filter(t => !(t.classList.contains("sbs-table") && t.parentElement.matches(".md-typeset__scrollwrap > .md-typeset__table")
                       && !t.parentElement.parentElement.parentElement.closest(".md-typeset__scrollwrap")))
        .map(t => `table not as the build wrapped it: ${t.parentElement.parentElement.outerHTML.slice(0, 120)}`)""")
    b.scroll_through(tab)  # code blocks get their buttons and annotations when first in view
    problems += [f"[light] axe: {line}" for line in
                 b.axe_violations(tab, exclude=() if lang == DEFAULT_LANGUAGE else b.COLOUR_RULES)]
    # The reader's palette toggle: the same page in the dark (slate) scheme. A scheme changes colours
    # only, so the dark page is checked again by the rules colours can break (in English, as above).
    if lang == DEFAULT_LANGUAGE:
        tab.locator(b.PALETTE_TOGGLE).first.click()
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
        # The pointer leaves the toggle: its tooltip, shown on hover, could start fading in after the wait
        # for transitions below and be measured between its two colours (once in a fresh-clone run).
        tab.mouse.move(0, tab.viewport_size["height"] - 1)
        problems += [f"[dark] axe: {line}" for line in b.axe_violations(tab, rules=b.COLOUR_RULES)]
    problems += watch.problems
    assert not problems, f"{url}:\n  " + "\n  ".join(problems)


def test_a_page_that_breaks_the_rules_is_caught(new_context, site):
    """The checks above can fail: a page with a missing image, a console error, a request to another
    host, an unnamed button and a broken anchor is reported on every count."""
    context, watch = new_context()
    tab = context.new_page()
    tab.goto("/404.html", wait_until="networkidle")
    tab.set_content(
        '<html lang="en"><head><title>bad</title></head><body><main><h1>Bad</h1>'
        '<img src="/missing.png" alt="x"><button></button>'
        '<a href="https://example.invalid/x">x</a><a href="/compare/routing/#no-such-anchor">bad anchor</a>'
        "<script>console.error('boom')</script></main></body></html>",
        wait_until="networkidle",
    )
    hrefs = tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert any("no-such-anchor" in p for p in b.broken_links(hrefs, tab.url, site.origin))
    assert any(line.startswith("button-name") for line in b.axe_violations(tab))
    tab.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<p style="color:#777;background:#888">grey on grey</p>')""")
    colour_only = b.axe_violations(tab, rules=b.COLOUR_RULES)  # as the dark scheme is checked
    assert any(line.startswith("color-contrast") for line in colour_only), colour_only
    assert not any(line.startswith("button-name") for line in colour_only), colour_only
    but_colour = b.axe_violations(tab, exclude=b.COLOUR_RULES)  # as a translation is checked
    assert any(line.startswith("button-name") for line in but_colour), but_colour
    assert not any(line.startswith("color-contrast") for line in but_colour), but_colour
    problems = "\n".join(watch.problems)
    assert re.search(r"HTTP 404 for .*/missing\.png", problems)
    assert "console error: boom" in problems
    assert "request to another host" not in problems  # a link is not a request
    tab.evaluate("fetch('https://example.invalid/x').catch(() => null)")
    tab.wait_for_timeout(200)
    assert "request to another host: https://example.invalid/x" in "\n".join(watch.problems)
