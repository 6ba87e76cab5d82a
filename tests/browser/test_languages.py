"""The reader's language, everywhere the interface speaks: the theme's strings (Material's, with the
project's Korean and Russian overrides in overrides/partials/languages/), the light/dark switch, the
heading permalinks, the quiz and the copy buttons. A string in another language is read aloud by a
screen reader in the wrong voice, so every label, tooltip and button of a page is checked after the
theme's script has run."""

from __future__ import annotations

import http.server
import unicodedata
from pathlib import Path

import pytest

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES
from tests.browser import browser as b
from tests.site.test_pages import nav_pages

pytestmark = pytest.mark.slow

# What the interface says: (where, text) for every accessible name, tooltip and placeholder, and the
# text of the theme's and the quiz's controls. Left out: the language menu (each language's name in
# that language), the navigation and the header's page title (page titles, checked with the pages),
# tab labels (framework names, the same in every language), an exercise's file tabs (file names)
# and code.
INTERFACE_STRINGS = """() => {
  const out = [];
  const skip = el => el.closest('code, .md-select__list, .md-nav__link, .md-header__topic, .tabbed-labels, .sbs-exercise__file')
    || (el.closest('pre') && el.localName !== 'button');  // a code block's buttons are interface
  const where = el => el.localName + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const push = (el, kind, text) => {
    text = (text || '').replace(/\\s+/g, ' ').trim();
    if (text && !skip(el)) out.push([`${where(el)} ${kind}`, text]);
  };
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
    for (const attr of ['aria-label', 'title', 'placeholder']) push(el, attr, el.getAttribute(attr));
  const controls = 'button, .md-skip, .md-top, .md-footer__direction, .md-search-result__meta, '
    + '.md-nav--secondary > .md-nav__title, .quiz-intro p, #quiz-progress-sidebar, .quiz-results-progress';
  for (const el of document.querySelectorAll(controls)) push(el, 'text', el.innerText);
  return out;
}"""

SCRIPT_OF = {"ko": "HANGUL", "ru": "CYRILLIC"}


def scripts(text: str) -> set[str]:
    """The non-Latin scripts whose letters `text` has (HANGUL, CYRILLIC)."""
    return {script for c in text if c.isalpha() for script in SCRIPT_OF.values() if unicodedata.name(c, "").startswith(script)}


def wrong_language(lang: str, strings: list[list[str]]) -> list[str]:
    """The strings not in `lang`: an English page has no Hangul or Cyrillic, a Korean or Russian
    string has letters of its own script and none of the other's. Strings without letters pass."""
    problems = []
    for where, text in strings:
        found = scripts(text)
        if not any(c.isalpha() for c in text):
            continue
        own = SCRIPT_OF.get(lang)
        if (own is None and found) or (own is not None and (own not in found or found - {own})):
            problems.append(f"{where}: {text!r}")
    return sorted(set(problems))


def interface_pages(site: b.SiteServer) -> list[str]:
    """Every kind of interface the site has, chosen from nav: the home page, the first chapter (code
    blocks, a quiz) and the page with the framework chooser (its form comes from a script)."""
    from guide_tools.website import content

    pages = nav_pages()
    chapters = set(content.chapter_pages())

    def built(page: str) -> str:
        path = site.url(DEFAULT_LANGUAGE, page).removeprefix(site.origin + "/")
        return (site.root / path / "index.html").read_text(encoding="utf-8")

    return [pages[0], next(p for p in pages if p in chapters), next(p for p in pages if 'id="chooser"' in built(p))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_interface_strings_are_in_the_pages_language(new_context, site, lang):
    context, watch = new_context(color_scheme="light")
    problems = []
    for page in interface_pages(site):
        tab = context.new_page()
        tab.goto(site.url(lang, page))
        b.scroll_through(tab)  # code blocks get their copy buttons when they come into view
        problems += [f"{tab.url}: {p}" for p in wrong_language(lang, tab.evaluate(INTERFACE_STRINGS))]
        tab.close()
    assert not problems, f"interface strings not in {lang}:\n" + "\n".join(problems)
    assert not watch.problems


# Material's strings the project rewords (overrides/partials/languages/<lang>.html) and the heading
# permalink's title (the MkDocs hook): the new text, and the old one that must be gone.
THEME_STRINGS = {
    "ko": {"검색 준비 중…": "검색 초기화", "맨 위로": "맨위로", "언어 선택": "언어설정", "이 제목으로 바로 가는 링크": "Permanent link"},
    "ru": {"Поиск загружается…": "Инициализация поиска", "Наверх": "К началу", "Ссылка на этот раздел": "Permanent link"},
}


@pytest.mark.parametrize("lang", sorted(THEME_STRINGS))
def test_built_pages_carry_the_projects_theme_strings(site, lang):
    """Material's own Korean strings read badly where readers see them often (검색 초기화 stays on
    screen while the search index loads; 맨위로, 언어설정): every built page carries the overrides."""
    for page in nav_pages():
        path = site.url(lang, page).removeprefix(site.origin + "/")
        built = (site.root / path / "index.html").read_text(encoding="utf-8")
        for new, old in THEME_STRINGS[lang].items():
            assert new in built, f"{path}: {new!r} (overrides/partials/languages/{lang}.html, or the hook) is not in the built page"
            assert old not in built, f"{path}: still says {old!r}"


# --------------------------------------------------------------------------- the 404 page

HOME_OF = {lang: "" if lang == DEFAULT_LANGUAGE else f"{lang}/" for lang in LANGUAGES}


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Answers a missing address as GitHub Pages does: status 404 with the site's one /404.html."""

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_host(site):
    with b.serve_site(site.root, PagesLikeHandler) as server:
        yield server


def missing(host: b.SiteServer, lang: str) -> str:
    return f"{host.origin}/{HOME_OF[lang]}no-such-page/at/all/"


def not_the_404_itself(problems: list[str], url: str) -> list[str]:
    """A browser reports the 404 of the document it was asked for (the response, and Chromium's
    console line about it); anything else is a problem."""
    return [p for p in problems if url not in p and "status of 404" not in p]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_mistyped_address_answers_in_the_readers_language(new_context, pages_host, lang):
    context, watch = new_context()
    tab = context.new_page()
    url = missing(pages_host, lang)
    response = tab.goto(url)
    assert response.status == 404
    # The page is built in English (its header, search and menus); each message carries its own lang.
    assert tab.evaluate("document.documentElement.lang") == DEFAULT_LANGUAGE
    first = tab.locator(".sbs-not-found > section").first
    assert first.get_attribute("lang") == lang, f"{url}: the first message is not the {lang} one"
    assert tab.title().startswith(first.locator("h2").inner_text())
    home = first.locator("a[href]")
    assert home.evaluate("a => a.href") == f"{pages_host.origin}/{HOME_OF[lang]}"
    menu = tab.eval_on_selector_all(".md-select__link", "links => links.map(a => a.href)")
    assert sorted(menu) == sorted(f"{pages_host.origin}/{home}" for home in HOME_OF.values()), (
        f"{url}: the language menu must lead to each language's home page, not to {menu}"
    )
    assert not b.axe_violations(tab)
    home.click()
    tab.wait_for_load_state()
    assert tab.url == f"{pages_host.origin}/{HOME_OF[lang]}"
    assert tab.evaluate("document.documentElement.lang") == lang
    assert not not_the_404_itself(watch.problems, url)


def test_a_mistyped_address_answers_in_every_language_without_javascript(new_context, pages_host):
    context, watch = new_context(java_script_enabled=False)
    tab = context.new_page()
    for lang in LANGUAGES:
        url = missing(pages_host, lang)
        assert tab.goto(url).status == 404
        sections = tab.eval_on_selector_all(
            ".sbs-not-found > section",
            "ss => ss.map(s => [s.lang, s.querySelector('h2').innerText, s.querySelector('a[href]').href])",
        )
        assert sorted(s[0] for s in sections) == sorted(LANGUAGES), f"{url}: messages in {[s[0] for s in sections]}"
        for code, title, href in sections:
            assert scripts(title) == ({SCRIPT_OF[code]} if code in SCRIPT_OF else set()), f"{url}: {code} title {title!r}"
            assert href == f"{pages_host.origin}/{HOME_OF[code]}", f"{url}: the {code} home link is {href}"
            assert b.fetch_ids(href)[0] == 200
    assert not [p for p in watch.problems if "no-such-page" not in p and "status of 404" not in p]


def test_the_interface_language_check_can_fail():
    assert wrong_language("en", [["label title", "Включить тёмную тему"]]) == ["label title: 'Включить тёмную тему'"]
    assert wrong_language("ko", [["a.headerlink title", "Permanent link"], ["span", "0 / 5"]]) == ["a.headerlink title: 'Permanent link'"]
    assert wrong_language("ru", [["p", "Поиск 검색"], ["p", "Поиск"]]) == ["p: 'Поиск 검색'"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_quiz_says_it_cannot_save_in_the_pages_language(new_context, site, lang):
    """With the browser's storage refusing writes, answering a question shows the quiz plugin's
    warning; its text was an English literal in the plugin's script on every page."""
    context, watch = new_context()
    context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    tab = context.new_page()
    tab.goto(site.url(lang, interface_pages(site)[1]))
    quiz = tab.locator(".quiz").first
    quiz.scroll_into_view_if_needed()
    quiz.locator("input[data-correct]").first.check()  # a solved question is saved (a wrong answer is tried again)
    quiz.locator("button.quiz-button").first.click()
    warning = tab.locator(".quiz-storage-warning").first.inner_text(timeout=10_000)
    assert wrong_language(lang, [["quiz-storage-warning", warning]]) == [], f"{tab.url}: {warning!r}"
    # The plugin logs the failed write with console.error; that is the plugin's report of the refusal.
    assert not [p for p in watch.problems if "Failed to save quiz progress" not in p]
