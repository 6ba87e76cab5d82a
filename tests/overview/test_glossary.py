"""The glossary: every term defined in every language (page and tooltip), each linked to the
chapter that shows it, and tooltips that work for Korean particles without touching code,
links or headings."""

from __future__ import annotations

import re

import markdown
import pytest

from guide_tools.website import content, glossary
from guide_tools.website.content import DOCS, LANGUAGES, ROOT, SNIPPETS

TERMS = glossary.load_terms()


def test_every_term_has_a_tooltip_in_every_language():
    problems = glossary.problems(LANGUAGES)
    assert not problems, "\n".join(problems)


def sections(text: str) -> dict[str, tuple[str, str]]:
    """anchor -> (heading title without the anchor, the text up to the next heading)."""
    body = content.strip_front_matter(text)
    parts = re.split(r"^###[ \t]+(.*?)[ \t]*\{[ \t]*#([\w-]+)[ \t]*\}[ \t]*$", body, flags=re.MULTILINE)
    return {parts[i + 1]: (parts[i], parts[i + 2].split("\n## ")[0]) for i in range(1, len(parts) - 1, 3)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_page_defines_every_term_and_links_its_chapter(lang):
    page = content.page_path(lang, glossary.PAGE)
    found = sections(page.read_text(encoding="utf-8"))
    entries = glossary.load_language(lang)
    assert list(found) == list(TERMS), (
        f"{content.rel(page)}: the terms (### headings with anchors) must be exactly those of "
        f"includes/glossary/terms.yml, in its order.\n  page: {list(found)}\n  terms.yml: {list(TERMS)}"
    )
    for term_id, (title, body) in found.items():
        assert title == entries[term_id]["term"], (
            f"{content.rel(page)}: the heading of #{term_id} is '{title}', but includes/glossary/{lang}.yml "
            f"calls the term '{entries[term_id]['term']}'. Make them the same."
        )
        links = [m.group("target") for m in content.LINK_RE.finditer(body)]
        assert TERMS[term_id] in links, (
            f"{content.rel(page)}: the entry #{term_id} must link to the chapter that shows it, "
            f"{TERMS[term_id]} (from includes/glossary/terms.yml)."
        )
        assert len(content.prose(body).split()) >= 12, f"{content.rel(page)}: the entry #{term_id} needs a definition"


def test_glossary_files_are_the_per_language_exception():
    """includes/glossary/<lang>.yml differ by language by design. They sit outside docs/ and
    snippets/, no page includes them with `--8<--` (the hook appends each language's own file), so
    the rules 'a translation includes the same snippets' and 'every snippet is shown in every
    language' do not apply to them."""
    for lang in LANGUAGES:
        path = glossary.language_file(lang)
        assert path.is_file()
        assert DOCS not in path.parents and SNIPPETS not in path.parents
    for lang in LANGUAGES:
        for page in content.pages(lang):
            text = content.page_path(lang, page).read_text(encoding="utf-8")
            assert "includes/glossary" not in text, (
                f"docs/{lang}/{page}: do not include the glossary by hand; the MkDocs hook appends it to every page."
            )


# --------------------------------------------------------------------------- matching


def render(text: str, lang: str) -> str:
    md = markdown.Markdown(extensions=[glossary.GlossaryExtension(), "attr_list", "toc", "pymdownx.superfences"])
    return md.convert(text + "\n\n" + glossary.abbreviation_lines(lang) + "\n")


def abbreviated(html: str) -> list[str]:
    return re.findall(r"<abbr title=\"[^\"]+\">([^<]+)</abbr>", html)


def test_korean_particles():
    html = render("WSGI는 동기 방식이고, ORM을 쓰면 SQL을 덜 씁니다. 채널 레이어를 거쳐 컨슈머가 받습니다.", "ko")
    assert abbreviated(html) == ["WSGI", "ORM", "채널 레이어", "컨슈머"]
    assert '<abbr title="Web Server Gateway Interface: Python' in html and "</abbr>는" in html
    # A two-word term wrapped across lines in the source is still the term (issue 33).
    assert abbreviated(render("스레드가 이벤트\n루프를 막고, 채널\n    레이어를 거칩니다.", "ko")) == ["이벤트\n루프", "채널\n    레이어"]


def test_untouched_code_links_headings_and_longer_words():
    html = render(
        "## WSGI와 ASGI { #wsgi }\n\n"
        "`WSGI` 코드, [WSGI 문서](https://peps.python.org/pep-3333/), WSGIServer, MYORM, ORM_x.\n\n"
        "```python\napp = WSGI()  # ORM\n```\n",
        "ko",
    )
    assert abbreviated(html) == []
    assert "<abbr" not in html


def test_russian_hyphenated_forms_and_inflections():
    # Decision: a Latin abbreviation joined to a Russian word by a hyphen («ORM-модели»,
    # «WSGI-сервер») is the abbreviation and gets the tooltip; Cyrillic terms match the
    # inflected forms listed in ru.yml and never part of a longer word.
    html = render("ORM-модели, WSGI-сервер и сериализатора; сериализаторный — нет.", "ru")
    assert abbreviated(html) == ["ORM", "WSGI", "сериализатора"]


def test_russian_terms_match_every_case_form():
    html = render(
        "Воркерам и воркерах, в сериализаторе и сериализаторами, консьюмерам, слоями каналов, "
        "в цикле событий, о миграциях, внедрением зависимостей; сериализаторный и воркерский — нет.",
        "ru",
    )
    assert abbreviated(html) == [
        "Воркерам", "воркерах", "сериализаторе", "сериализаторами", "консьюмерам", "слоями каналов",
        "цикле событий", "миграциях", "внедрением зависимостей",
    ]
    assert '<abbr title="Один процесс сервера приложений' in html


# Case endings of Russian nouns, the test's own list: wider than the matcher's, so that a form the
# matcher does not know is found here. Adjectives (сериализаторный) end otherwise and are not terms.
_RU_NOUN_ENDINGS = (
    "ия ие ии ию ий ией ием иям иями иях а я у ю ом ем ём ой ою ей ею е и ы ов ев ёв ам ям ами ями ах ях ь й"
).split()
_NOT_TOOLTIPPED_HERE = re.compile(
    r"<(abbr|code|pre|a|h[1-6]|script|style)\b[^>]*>.*?</\1>", re.DOTALL
)


def untooltipped(lang: str, html: str) -> list[str]:
    """Occurrences of a glossary term in `html` outside an <abbr> and outside the elements that
    never get one (code, links, headings): in Russian any case form of the term's head word, in
    Korean the term with any particle."""
    text = _NOT_TOOLTIPPED_HERE.sub(" ", html)
    text = re.sub(r"<[^>]+>", " ", text)
    found = []
    for entry in glossary.load_language(lang).values():
        for form in entry["forms"]:
            head, _, rest = form.partition(" ")
            if re.fullmatch(r"[а-яёА-ЯЁ]+", head):
                # One final vowel, й or ь goes: слой -> сло (слоя, слоями), миграция -> миграци.
                # Stripping all of them left сл, and no ending here turned сл into слоями (issue 33).
                stem = head[:-1] if head[-1] in "аеёиоуыэюяйь" else head
                endings = "|".join(sorted(_RU_NOUN_ENDINGS, key=len, reverse=True))
                pattern = rf"(?<!\w)[{stem[0].lower()}{stem[0].upper()}]{stem[1:]}(?:{endings})?" + (r"\s+" + re.escape(rest) if rest else "") + r"(?!\w)"
            elif re.search(r"[\uac00-\ud7a3]", form):
                # A line break inside the term (the source wrapped 이벤트 / 루프) is the same term.
                pattern = r"(?<!\w)" + re.escape(form).replace(r"\ ", r"\s+")
            else:
                continue
            found += [" ".join(m.group(0).split()) for m in re.finditer(pattern, text)]
    return found


def test_untooltipped_finds_a_missed_inflection():
    """The check below, on a matcher that knows only the forms listed (the old behaviour)."""
    html = '<p><abbr title="x">воркер</abbr>, воркерам, <code>воркерах</code>; <abbr title="y">워커</abbr>가, 워커는</p>'
    assert untooltipped("ru", html) == ["воркерам"]
    assert untooltipped("ko", html) == ["워커"]
    # A head word that ends in a vowel and й: слой каналов in every case (issue 33).
    assert untooltipped("ru", "<p>слоями каналов, слоя каналов, слоёв каналов</p>") == [
        "слоями каналов", "слоя каналов", "слоёв каналов"]
    # A two-word term wrapped across lines, which the matcher once missed in Korean (issue 33).
    assert untooltipped("ko", "<p>스레드가 이벤트\n루프를 막습니다</p>") == ["이벤트 루프"]


def _without_fenced_code(text: str) -> str:
    """The text without its fenced code blocks (never tooltipped; highlighting them is most of
    the rendering time), each replaced by a blank line."""
    out, fence = [], None
    for line in text.split("\n"):
        m = re.match(r"^[ \t]*(`{3,}|~{3,})", line)
        if fence is None and m:
            fence = m.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
                out.append("")
            continue
        out.append(line)
    return "\n".join(out)


# The block syntax of the pages (mkdocs.yml's markdown_extensions that hold prose), without snippets.
PAGE_EXTENSIONS = ["attr_list", "md_in_html", "toc", "tables", "admonition", "pymdownx.details",
                   "pymdownx.superfences", "pymdownx.tabbed"]


@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_every_inflected_term_on_the_pages_gets_its_tooltip(lang):
    """Each page rendered as the build renders its prose (the glossary appended), quizzes left out:
    the quiz extension renders them on its own, without the page's abbreviation table."""
    missed = []
    for page in content.pages(lang):
        source = content.strip_front_matter(content.page_path(lang, page).read_text(encoding="utf-8"))
        source = re.sub(r"<quiz>.*?</quiz>", "", source, flags=re.DOTALL)
        source = _without_fenced_code(source)
        md = markdown.Markdown(extensions=[glossary.GlossaryExtension(), *PAGE_EXTENSIONS])
        html = md.convert(source + "\n\n" + glossary.abbreviation_lines(lang) + "\n")
        missed += [f"docs/{lang}/{page}: {word}" for word in untooltipped(lang, html)]
    assert not missed, (
        f"{len(missed)} glossary term(s) without a tooltip (extend the matching in guide_tools/website/glossary.py, "
        "or the form in includes/glossary/" + lang + ".yml):\n" + "\n".join(sorted(set(missed)))
    )


def test_english_terms():
    html = render("Each worker runs an event loop; ASGI's lifespan, N+1 queries, middleware.", "en")
    assert abbreviated(html) == ["worker", "event loop", "ASGI", "lifespan", "N+1", "middleware"]


def test_a_broken_language_file_names_itself(tmp_path):
    (tmp_path / "terms.yml").write_text("wsgi: ../django/wsgi_asgi.md\norm: ../compare/orm.md\n", encoding="utf-8")
    (tmp_path / "en.yml").write_text("wsgi:\n  term: WSGI\n  forms: [WSGI]\n  tooltip: x\n", encoding="utf-8")
    (tmp_path / "ko.yml").write_text("wsgi:\n  term: WSGI\n  forms: []\n  tooltip: x\n", encoding="utf-8")
    problems = "\n".join(glossary.problems(("en", "ko", "ru"), tmp_path))
    assert "en.yml: no entry for the term `orm`" in problems and "Add its term, forms and tooltip" in problems
    assert "ko.yml: `wsgi` needs a non-empty `forms`." in problems
    assert "ru.yml does not exist" in problems


def test_glossary_data_lives_in_the_repository():
    assert glossary.GLOSSARY_DIR == ROOT / "includes" / "glossary"


def test_servers_start_one_worker_unless_told(monkeypatch):
    """The Worker entry: Gunicorn and Uvicorn start one worker by default; --workers or
    WEB_CONCURRENCY asks for more."""
    import inspect

    import gunicorn.config
    from uvicorn import Config

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert Config(app="main:app").workers == 1
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert Config(app="main:app").workers == 3
    # Gunicorn reads the variable once, when its settings are declared: the default is it, else 1.
    assert 'default = int(os.environ.get("WEB_CONCURRENCY", 1))' in inspect.getsource(gunicorn.config.Workers)
