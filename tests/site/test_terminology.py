"""One term for one idea: Korean and Russian pages use the renderings chosen in
guide_tools/website/terminology/<lang>.yml, in prose and in the recurring section headings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest
import yaml

from guide_tools.website import content, glossary, terminology
from guide_tools.exercises import runner as exercises
from guide_tools.exercises import web as exercise_web
from guide_tools.runtime import listings
from guide_tools.website.content import ROOT, TRANSLATIONS
from tests.support.one_stack import on_one_stack

pytestmark = on_one_stack  # prose: the same files on every stack


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_pages_use_the_chosen_terms(lang):
    problems = terminology.problems(lang)
    assert not problems, (
        f"{len(problems)} rejected variant(s) in docs/{lang}/ (page:line: the word — the chosen term); "
        f"see guide_tools/website/terminology/{lang}.yml for why:\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_exercises_use_the_chosen_terms(lang):
    """The exercises' titles and hints (exercise.toml) and the runner's messages are prose the
    reader sees too: on the chapter's page and in the terminal."""
    assert any(where.endswith("exercise.toml") for where, _, _ in terminology.exercise_texts(lang))
    problems = terminology.exercise_problems(lang)
    assert not problems, (
        f"{len(problems)} rejected variant(s) in the {lang} text of the exercises (file:line: the word — the chosen term); "
        f"see guide_tools/website/terminology/{lang}.yml for why:\n" + "\n".join(problems)
    )


def test_exercise_code_carries_no_translated_text():
    """The checks and apps are English; Korean or Russian text there would escape the check above.
    A battery's MESSAGES (exercises/batteries/<name>.py) is the one place in code for it: the check
    above reads it (terminology.battery_texts)."""
    translated = re.compile(r"[\u0400-\u04ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
    read = {(content.rel(path), line) for path in sorted((exercises.EXERCISES / "batteries").glob("*.py"))
            for lang in TRANSLATIONS for line, _ in terminology.battery_texts(path, lang)}
    found = [
        f"{content.rel(path)}:{number}"
        for path in sorted(exercises.EXERCISES.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if translated.search(line) and (content.rel(path), number) not in read
    ]
    assert not found, (
        "Korean or Russian text in exercise code (a reader's text belongs in exercise.toml's hints, or in a "
        "battery's MESSAGES, where the terminology test reads it): " + ", ".join(found)
    )


def test_a_batterys_messages_are_read_for_the_terms(tmp_path):
    """A battery's messages moved out of exercise.toml (exercises/batteries/<name>.py, MESSAGES) are
    still the reader's text: each ko and ru string is read, at its own line."""
    (tmp_path / "batteries").mkdir()
    (tmp_path / "batteries" / "loud.py").write_text(
        'MESSAGES = {\n    "the log has {}": {\n        "ko": "로그: {0}",\n        "ru": "в журнале {0}"},\n}\n', encoding="utf-8")
    assert [(line, text) for where, line, text in terminology.exercise_texts("ru", tmp_path, runner=False)
            if where.endswith("batteries/loud.py")] == [(4, "в журнале `{0}`")]
    assert [(line, text) for where, line, text in terminology.exercise_texts("ko", tmp_path, runner=False)
            if where.endswith("batteries/loud.py")] == [(3, "로그: `{0}`")]
    assert any(where == "exercises/batteries/debug.py" for where, _, _ in terminology.exercise_texts("ru"))


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_runners_and_the_shared_helpers_messages_are_read_at_their_lines(lang):
    """The runner's own words (texts.py) and the checks' shared helpers' messages (support.py,
    MESSAGES as in a battery) reach the reader too: each is read, at the line that holds it."""
    texts = terminology.exercise_texts(lang)
    for name, holds in (("texts.py", lambda line: line.strip().startswith('"')),
                        ("support.py", lambda line: f'"{lang}":' in line)):
        found = [line for where, line, _ in texts if where == f"guide_tools/exercises/{name}"]
        source = (content.ROOT / "guide_tools" / "exercises" / name).read_text(encoding="utf-8").split("\n")
        assert len(found) >= 5 and all(holds(source[line - 1]) for line in found), (name, found[:5])


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_list_entry_is_complete(lang):
    terms = terminology.load(lang)
    assert terms.terms and terms.headings
    for term in terms.terms + terms.headings:
        assert term.use.strip() and term.why.strip(), term
        if term.reject:
            assert not term.pattern().search(term.use), (
                f"guide_tools/website/terminology/{lang}.yml: {term.en!r}: the chosen term {term.use!r} matches one of its own rejected variants"
            )


def test_every_listed_heading_exists_in_english():
    english = {
        content.ANCHOR_RE.sub("", h.title).strip()
        for page in content.pages("en")
        for h in content.headings(content.page_path("en", page).read_text(encoding="utf-8"))
    }
    for lang in TRANSLATIONS:
        stale = [t.en for t in terminology.load(lang).headings if t.en not in english and t.en != "Exercises"]
        assert not stale, f"guide_tools/website/terminology/{lang}.yml lists headings no English page has: {stale}"


def _mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and Python tags: not needed here
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_glossary_navigation_chooser_and_quiz_strings_use_the_chosen_terms(lang):
    """The glossary's terms and tooltips (includes/glossary/<lang>.yml), the nav titles
    (nav_translations in mkdocs.yml), the chooser's questions and reasons (its JSON, which the page's
    no-JavaScript list repeats word for word) and the quiz interface strings are prose the reader sees."""
    terms = terminology.load(lang)
    (i18n,) = [p["i18n"] for p in _mkdocs_config()["plugins"] if isinstance(p, dict) and "i18n" in p]
    (language,) = [entry for entry in i18n["languages"] if entry["locale"] == lang]
    sources = {
        f"includes/glossary/{lang}.yml": [f"{e['term']}\n\n{e['tooltip']}" for e in glossary.load_language(lang).values()],
        f"mkdocs.yml nav_translations ({lang})": list(language["nav_translations"].values()),
        f"docs/assets/chooser/{lang}.json": list(_strings(json.loads((ROOT / "docs/assets/chooser" / f"{lang}.json").read_text(encoding="utf-8")))),
        f"guide_tools/website/quiz_locales/{lang}.po": re.findall(r'^msgstr "(.+)"$', (ROOT / "guide_tools/website/quiz_locales" / f"{lang}.po").read_text(encoding="utf-8"), re.M),
    }
    assert all(sources.values()), f"a source of {lang} interface text is empty: {[k for k, v in sources.items() if not v]}"
    problems = [problem for where, texts in sources.items() for problem in terminology.text_problems(terms, where, "\n\n".join(texts))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_term_glossed_at_its_first_mention_is_glossed_there(lang):
    problems = terminology.first_mention_problems(lang)
    assert not problems, "\n".join(problems)


def test_a_first_mention_without_its_gloss_is_reported(tmp_path):
    """Only where the English prose uses the word, and only the first mention; code is not prose."""
    pages = {
        "a.md": ("An upstream that stops answering.", "Внешний сервис перестаёт отвечать; внешний сервис (upstream)."),
        "b.md": ("An upstream that stops answering.", "Если внешний сервис (upstream) молчит, внешний сервис ждут."),
        "c.md": ("A paid service.", "Платный внешний сервис."),
        "d.md": ("Call `/upstream`.", "Внешний сервис: `/upstream`."),
    }
    for name, (en, ru) in pages.items():
        for lang, body in (("en", en), ("ru", ru)):
            (tmp_path / lang).mkdir(exist_ok=True)
            (tmp_path / lang / name).write_text(f"# T {{ #t }}\n\n{body}\n", encoding="utf-8")
    found = terminology.first_mention_problems("ru", docs=tmp_path)
    assert [p.split(" — ")[0] for p in found] == ["docs/ru/a.md:3: “Внешний сервис”"], found
    assert "write “Внешний сервис (upstream)”" in found[0]


def test_a_first_mention_that_does_not_say_what_it_is_is_reported(tmp_path):
    """ru.yml's credential (rate-ru12): the sentence of the first mention says what they are; a
    later sentence that does is too late, and a page whose English never says credentials is not checked."""
    pages = {
        "a.md": ("A request without credentials.", "Запрос без учётных данных не ошибка. Учётные данные — это cookie сессии."),
        "b.md": ("A request without credentials.", "Запрос без учётных данных (логина и пароля, токена или cookie сессии) не ошибка."),
        "c.md": ("The browser sends credentials.", "Браузер сам отправляет учётные данные, а это прежде всего сессии на основе cookie."),
        "d.md": ("A user's account.", "Учётные данные не проверяются."),
    }
    for name, (en, ru) in pages.items():
        for lang, body in (("en", en), ("ru", ru)):
            (tmp_path / lang).mkdir(exist_ok=True)
            (tmp_path / lang / name).write_text(f"# T {{ #t }}\n\n{body}\n", encoding="utf-8")
    found = terminology.first_mention_problems("ru", docs=tmp_path)
    assert [p.split(" — ")[0] for p in found] == ["docs/ru/a.md:3: “учётных данных”"], found
    assert "does not say what they are" in found[0]


def test_a_rejected_variant_is_reported_with_page_word_and_chosen_term(tmp_path):
    """Prose is checked; code, link targets and blockquotes are not; headings match by anchor."""
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "ru.yml").write_text(
        "terms:\n  - {en: consumer, use: консьюмер, reject: [потребител], why: one term}\n"
        "  - {en: commit, use: фиксация, reject: [коммит], when: транзакц, why: two senses}\n"
        "headings:\n  - {en: Differences that bite, use: Подводные камни, reject: [], why: one heading}\n",
        encoding="utf-8",
    )
    for lang, body in {
        "en": "# Page { #page }\n\n## Differences that bite { #differences }\n",
        "ru": (
            "# Страница { #page }\n\nОтвет отправляют потребителю, а `потребитель` в коде не считается.\n\n"
            "> Цитата: потребитель.\n\n```python\npotrebitel = 'потребитель'\n```\n\n"
            "Коммит в git-репозитории.\n\nКоммит транзакции.\n\n"
            "## Различия, о которые спотыкаются { #differences }\n"
        ),
    }.items():
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text(body, encoding="utf-8")
    problems = terminology.problems("ru", docs=tmp_path / "docs", lists=tmp_path / "lists")
    assert problems == [
        "docs/ru/index.md:3: “потребителю” — use “консьюмер” (consumer)",
        "docs/ru/index.md:13: “Коммит” — use “фиксация” (commit)",
        "docs/ru/index.md: heading “Различия, о которые спотыкаются” { #differences } — use “Подводные камни” (Differences that bite)",
    ]


def test_a_rejected_variant_in_an_exercise_is_reported_with_file_line_and_term(tmp_path):
    """Every `ru` string of an exercise.toml is checked, at its own line; code in it is not."""
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "ru.yml").write_text(
        "terms:\n  - {en: log, use: лог, reject: [журнал], why: one term}\n"
        "headings: []\n",
        encoding="utf-8",
    )
    topic = tmp_path / "exercises" / "compare" / "demo"
    topic.mkdir(parents=True)
    (topic / "exercise.toml").write_text(
        '[title]\nen = "Logs"\nru = "Журналы"\n\n[flask]\nstarter_fails = ["a"]\n\n'
        '[flask.hints.a]\nen = "Log it"\nko = "journal"\nru = "Пишите в `журнал` и в журнал доступа."\n'
        # A check's message: its values, quoted strings, reprs and paths are code, the rest is prose.
        '\n[[messages]]\nen = "GET /журнал answered {}"\nko = "x"\nru = "ответ на GET /журнал: {0}"\n'
        '\n[[messages]]\nen = "the log has {}"\nko = "x"\n'
        'ru = "в \'журнал\' и [\'журнал\'] записано {0}, а журнал пуст"\n',
        encoding="utf-8",
    )
    problems = terminology.exercise_problems("ru", root=tmp_path / "exercises", lists=tmp_path / "lists", runner=False)
    where = terminology.content.rel(topic / "exercise.toml")
    assert problems == [
        f"{where}:3: “Журналы” — use “лог” (log)",
        f"{where}:11: “журнал” — use “лог” (log)",
        f"{where}:21: “журнал” — use “лог” (log)",
    ]


def test_a_bad_list_says_which_file_and_entry(tmp_path):
    (tmp_path / "ko.yml").write_text("terms:\n  - {en: x, use: y}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ko\.yml: terms\[0\]: each entry needs `en`, `use` and `why`"):
        terminology.load("ko", tmp_path)
    (tmp_path / "ko.yml").write_text("terms:\n  - {en: x, use: y, why: z, reject: ['(']}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"rejected variant '\(' is not a valid regular expression"):
        terminology.load("ko", tmp_path)


def _strings(data: object) -> Iterator[str]:
    """Every string value in a JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _script_strings(path: str, lang: str) -> list[str]:
    """The string values of one language's block in a script's TEXTS table (`    ru: { … },`)."""
    text = (ROOT / path).read_text(encoding="utf-8")
    block = re.search(rf"\n    {lang}: {{\n(.*?)\n    }},?\n", text, re.DOTALL)
    assert block, f"{path}: no {lang} block in its TEXTS table"
    return re.findall(r'"((?:[^"\\\n]|\\.)*)"', block.group(1))


# The run and exercise panels' strings: their buttons' names and the sentences that name them.
SCRIPTS = ("docs/assets/runtime/run.js", "docs/assets/exercises/exercise.js")

# --------------------------------------------------------------------------- style rules
# What guide_tools/website/terminology/<lang>-style.md makes mechanical (terminology.STYLE_RULES).

@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_pages_follow_the_style_rules(lang):
    problems = terminology.style_problems(lang)
    assert not problems, (
        f"{len(problems)} style rule breach(es) in docs/{lang}/ (page:line: what was found — the rule); "
        f"see guide_tools/website/terminology/{lang}-style.md:\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_exercises_and_interface_strings_follow_the_style_rules(lang):
    """The exercises' hints and the runner's messages, the chooser, the quiz strings and the glossary."""
    problems = terminology.exercise_style_problems(lang)
    sources = {
        f"docs/assets/chooser/{lang}.json": list(_strings(json.loads((ROOT / "docs/assets/chooser" / f"{lang}.json").read_text(encoding="utf-8")))),
        f"guide_tools/website/quiz_locales/{lang}.po": re.findall(r'^msgstr "(.+)"$', (ROOT / "guide_tools/website/quiz_locales" / f"{lang}.po").read_text(encoding="utf-8"), re.M),
        f"includes/glossary/{lang}.yml": [f"{e['term']}: {e['tooltip']}" for e in glossary.load_language(lang).values()],
        **{path: _script_strings(path, lang) for path in SCRIPTS},
        # The line a page shows where Run or Check cannot work in the browser (issue 47: these
        # interface strings name the buttons' work too, and were outside every check).
        # Each reason is checked inside the line the reader sees (a bare `{reason}.` would read as a
        # sentence of its own to the rule against code standing as a sentence).
        **{where: [line.format(reason=reason.replace("{detail}", "pytest"), command="python3 dev.py exercise routing")
                   for reason in reasons.values()] for where, (line, reasons) in (
            ("guide_tools/exercises/web.py LOCAL", exercise_web.LOCAL[lang]),
            ("guide_tools/runtime/listings.py LOCAL", listings.LOCAL[lang]),
        )},
    }
    for where, texts in sources.items():
        problems += [p for text in texts for p in terminology.style_text_problems(lang, where, text)]
    assert not problems, "\n".join(problems)


STYLE_SAMPLES = [
    # (lang, rule, breaks it, keeps it)
    ("ru", "под + requests or commands (calque of under)", "PostgreSQL останавливается под 13 HTTP-запросами.",
     "Что будет под нагрузкой? Приложение под Gunicorn отвечает при 13 одновременных HTTP-запросах."),
    ("ru", "unit с followed by the preposition с", "Клиент получает `503` через 8–10 с с asyncpg.",
     "Клиент получает `503` через 8–10 с, с asyncpg; по умолчанию 30 с; с `--graceful-timeout` иначе."),
    ("ru", "общается с for a program's protocol", "Это единственная часть системы, которая общается с интернетом.",
     "Прокси работает с браузерами по HTTPS и обменивается сообщениями с консьюмером; люди общаются."),
    ("ru", "пол- glued to code", "Мастер проверяет воркеры каждые пол-`--timeout`.", "Раз в половину `--timeout`, через полсекунды."),
    ("ru", "класс воркера (the term is класс воркеров)", "Gunicorn принимает любой класс воркера.",
     "Класс воркеров `sync`; процесс воркера; у воркера класса нет."),
    ("ru", "code выбрасывает a bare noun (reads backwards)", "`Http404` выбрасывает представление, а `TimeoutError` (здесь `PoolTimeout`) выбрасывает пул.",
     "Представление выбрасывает `Http404`; `get()` выбрасывает исключение `DoesNotExist`; `f()` выбрасывает `KeyError`; `test_x` выбрасывает каждое из них; httpx выбрасывает подклассы."),
    ("ko", "쓴/쓰는 파일 (write or use?)", "요청을 처리하며 새로 쓴 파일이 아니라 기존 파일입니다. 테스트가 쓰는 사본은 지우지 않습니다.",
     "쿠키를 쓰는 응답은 캐시하지 않습니다. 파일 쓰기 권한이 없으면 대신 쓸 키가 없기 때문입니다."),
    ("ko", "여기 before a noun without 의", "여기 엔드포인트가 기다리는 것은 연결입니다. 여기 뷰는 모두 동기입니다.",
     "여기 적힌 그대로 실행하고, 여기서처럼 시작한 Daphne는 이 뷰를 부릅니다."),
    ("ko", "N번 설명 (the form is 설명 N)", "[Django 탭](#endpoint)의 4번 설명을 참고하세요. 설명 3번에서 본 것처럼.",
     "설명 4의 잠금 타임아웃과 같습니다(설명 5, 6). 3번 설명했듯이는 없습니다."),
    ("ko", "세션을 가지다 (held is 쥐고 있다)", "엔드포인트가 세션을 가진 동안 연결을 가지고 있는 요청은 기다립니다.",
     "세션을 쥐고 있는 동안, 세션 쿠키를 가진 브라우저는 기다립니다."),
    ("ru", "straight quotes", 'Сервер отвечает "ошибка" сразу.', 'Сервер отвечает «ошибка» сразу.\n\n!!! note "Заголовок блока"\n    Текст.'),
    ("ru", "English quotes", "Это “кеш” ответа.", "Это «кеш» ответа, а в цитате — „лапки“."),
    ("ru", "hyphen as a dash", "Воркер - это процесс.", "Воркер — это процесс, `a - b` в коде.\n\n- пункт списка\n- [Custom Response - orjson](https://x)"),
    ("ru", "unspaced dash", "Воркер—это процесс.", "Воркер — это процесс; коды 4000–4999, 2—3 раза."),
    ("ru", "number glued to its unit", "Запрос ждёт 20ms, занимает 3МиБ и грузит ядро на 100%.", "Запрос ждёт 20 ms, занимает 3 МиБ и грузит ядро на 100 %; `20ms` в коде."),
    ("ru", "four-digit number split", "Клиент перестал читать, а сервер отправил 1 200 сообщений и 2\u00a0261 байт.",
     "Сервер отправил 1200 сообщений, 47 832 запроса и 1 000 000 итераций; в UTF-8 258 байт.\n| 10 000+ | 1 000 |"),
    ("ru", "addressed as ты", "Запусти сервер, и ты увидишь ответ.", "Запустите сервер, и вы увидите ответ; лишь «ты можешь» в цитате."),
    ("ru", "button name not in «ёлочки»", "Измените файлы и нажмите Запустить. Кнопка **Проверить**\nзапускает проверки, а потом\nСбросить. "
     "Кнопка „Отменить сброс“ вернёт ваши, кнопка 'Скачать' — архив.",
     "Измените файлы и нажмите «Запустить». Кнопка **«Проверить»** запускает проверки. Запустить Daphne.\n- [ ] Запустить его в потоке"),
    ("ru", "только after a negated verb", "`after_request` не вызывается только в режимах отладки и тестирования. Хук не\nвыполняется только при `DEBUG`.",
     "Лишь в режимах отладки и тестирования `after_request` не вызывается. Он работает не только в Django; «не нужен только для тестов» — цитата."),
    # ru47 (issue 47): ru review S-15, S-19, Y-1
    ("ru", "pleonasm свой собственный", "это заголовок со своим собственным синтаксисом; в своей\nсобственной задаче",
     "это заголовок со своим синтаксисом; в собственном потоке; «свой собственный» в цитате"),
    ("ru", "colloquial здешний", "Здешний `receive()` отвечает ошибкой, как делают здешние тесты.",
     "Переопределённый здесь `receive()` отвечает ошибкой, как делают тесты этой главы; «здешний» в цитате."),
    ("ru", "two parentheses in a row", "имя с префиксом `__Host-` (пояснение 2 в разделе [Настройка](#setup))\n(`test_x`). Порт (8000) (`test_port`).",
     "имя с префиксом `__Host-` (пояснение 2 в разделе [Настройка](#setup);\n`test_x`). Вызов `f()` (`test_f`); (а) и (б)."),
    # rate-ru12 (compare/rest_apis:455, and async_io, wsgi_asgi): code, then «по умолчанию», read as the verb's adverb
    ("ru", "по умолчанию after code opening a sentence", "При `expire_on_commit=True` по умолчанию каждый отвечал `500`. С\n"
     "`thread_sensitive=True` по умолчанию вызовы идут в одном потоке. Со `strict` по умолчанию — так.",
     "При значении по умолчанию, `expire_on_commit=True`, каждый отвечал `500`. По\nумолчанию `thread_sensitive=True`, поэтому "
     "вызовы идут в одном потоке. Gunicorn работает с `sync` по умолчанию; с `X` по умолчанию; «При `X` по умолчанию» — цитата."),
    # s59-ko R3 (admin exercise and six other hints): *give X a Y* word for word
    ("ko", "calque of give X a Y (`X`를 주세요)", "모델 뷰에 `form_base_class = SecureForm`을 주세요. 뷰에 `is_accessible()`을\n주세요.",
     "모델 뷰의 `form_base_class`를 `SecureForm`으로 지정하세요. `--workers 4`를 주면 워커가 넷입니다. 시간을 주세요."),
    ("ko", "space before a parenthesis", "예제의 설정으로 실행합니다 ([이유](#settings-at-import)). 요청을 거부합니다\n(`test_refused`). "
     "출력한 결과입니다\n(세 번 실행한 값의 중앙값). 요청은 `cross-site`입니다 (2023년부터).",
     "예제의 설정으로 실행합니다([이유](#settings-at-import)). 요청을\n거부합니다(`test_refused`). Flask-Migrate는 (버전 4.0부터) 배치 모드를 켭니다. "
     "출력한 결과입니다(세 번 실행한 값의 중앙값). 요청은 `cross-site`입니다. (2023년부터 모든 브라우저가 보냅니다.)"),
    ("ko", "button name on a page not in bold", "일부 출력 아래에는 실행 버튼이 있습니다. 검사를\n누르세요. 대화형 문서의 \"Authorize\" 버튼",
     "일부 출력 아래에는 **실행** 버튼이 있습니다. **검사**를 누르세요. 대화형 문서의 **Authorize** 버튼. 다시 실행하면 검사 결과가"),
    ("ko", "number glued to its unit", "요청은 20ms를 기다립니다.", "요청은 20 ms를 기다립니다. `20ms`는 코드입니다."),
    ("ko", "space before a particle", "FastAPI 는 빠릅니다. `app` 을 만드세요. 헤더는 `Accept: application/json`\n입니다. `Vary` 입니다.",
     "FastAPI는 빠릅니다. `app`을 만드세요. (버전 4.0부터) 이 변경은 작습니다. 헤더는\n`Accept: application/json`입니다. 줄 끝의 `code`\n가장 짧은 줄."),
    ("ko", "-십시오 register", "서버를 실행하십시오.", "서버를 실행하세요."),
    ("ko", "number grouped by a space", "Python 3.11에서는 약 1 000단계, `[` 100 000개입니다.",
     "Python 3.11에서는 약 1,000단계, 객체 10,000개, 3.12와 3.13, 포트 8000 1개입니다. `1 000`은 코드입니다."),
    # rate-ko19 (compare/forms, and compare/auth, compare/admin): 3600초 with its counter
    ("ko", "number of thousands not grouped", "토큰은 3600초 뒤에 만료되고, 세션은 1209600초, 행은 10000개입니다.",
     "토큰은 3,600초 뒤에 만료되고, 세션은 1,209,600초, 행은 10,000개입니다. `3600`초, 2023년, 4000–4999번 코드, 8000번 포트, 0부터 9999까지, `le=1000`."),
    ("ko", "calque of it", "본문이 JSON이 아니어도 그것은 클라이언트의 실수입니다. 이벤트 루프가 그것을 기다립니다. 그것이 문제입니다.",
     "본문이 JSON이 아니어도 클라이언트의 실수입니다. 이벤트 루프가 호출이 끝나기를 기다립니다. 그것참, \"그것은 틀렸다\"는 인용입니다."),
    ("ko", "calque of by (passive)", "요청은 미들웨어에 의해 처리됩니다.", "미들웨어가 요청을 처리합니다."),
    ("ko", "plain (해라체) sentence in prose", "서버를 실행한다. 그다음 확인합니다.", '서버를 실행합니다. "서버가 빠르다." 같은 주장은 틀렸습니다. 둘 다. 해 봅시다. 요청마다.'),
    ("ko", "quiz options in two registers", "<quiz>\n질문?\n- [ ] 서버가 멈춘다\n- [x] 스레드가 기다립니다\n\n설명.\n</quiz>",
     "<quiz>\n질문?\n- [ ] 서버가 멈춥니다\n- [x] 스레드가 기다립니다\n- [ ] 요청마다\n\n설명.\n</quiz>"),
    ("ko", "에게 after a thing", "이 코드는 브라우저에게 다시 보내라고 알립니다. 첫 번째 클래스에게 묻고, 파인더에게 받아 옵니다.",
     "이 코드는 브라우저에 다시 보내라고 알립니다. 클라이언트에게 응답하고, 사용자에게 보여 줍니다."),
    ("ko", "calque of plain (평범한)", "뷰는 평범한 함수입니다. 뷰는 평범하게 작성하세요.",
     "뷰는 일반 함수입니다. 템플릿은 해시 없는 원래 이름을 돌려줍니다. \"평범한 예\"는 인용입니다."),
    ("ko", "count before the noun (N 개의)", "연달아 보낸 스무 개의 요청과 3개의 쿼리, 수천 개의 행.",
     "연달아 보낸 요청 스무 개와 쿼리 3개, 행 수천 개. 두 서버는 별개의 프로세스입니다."),
    ("ko", "calque of by hand (손으로)", "`/static/…`을 손으로 쓰지 마세요.", "`/static/…`을 직접 적지 마세요. 손으로는 셀 수 없습니다."),
    # rate-ko19 (compare/testing, and compare/project_structure): *its own* as 자신만의
    # rate-ko20 (django/channel_layers; compare/static_files, django/wsgi_asgi): the same calque as 자기만의
    ("ko", "calque of its own (자신만의, 자기만의)", "각 테스트가 자신만의 설정과 데이터베이스로 자신만의 앱을 만듭니다. 요청은\n자신만의 세션으로 실행됩니다. "
     "컨슈머의 채널에는 자기만의 큐가 없습니다.",
     "테스트마다 설정과 데이터베이스를 따로 두고 앱을 따로 만듭니다. 요청은 별도의 세션으로 실행됩니다. 관리자가 자신의 비밀번호로 로그인합니다. "
     "컨슈머 채널마다 큐가 따로 있지 않습니다. 자기 자신에게 보냅니다."),
    ("ko", "쓰다 with a file or code (write or use?)",
     "스토리지는 사본을 씁니다. WhiteNoise는 Brotli 파일을\n쓰는데, 브라우저는 예전 파일을 씁니다. 마이그레이션을 쓰는 동안, "
     "리비전을 쓸 때, 템플릿으로 쓴 것은 아니고 템플릿을 썼습니다. 블로킹 코드를 써도 되고 미들웨어를 직접 씁니다.",
     "스토리지는 사본을 만듭니다. WhiteNoise는 Brotli 파일을\n만드는데, 브라우저는 예전 파일을 사용합니다. 마이그레이션을 작성하는 동안, "
     "리비전을 생성할 때, 템플릿을 작성했습니다. 블로킹 코드를 사용해도 되고 미들웨어를 직접 작성합니다. 메모리를 씁니다."),
    # s60-ko 23 (kofix19): a key with 쓰다, wrote it or used it? Not 쿠키, which ends in 키
    ("ko", "쓰다 with a file or code (write or use?)", "두 번 다 같은 시크릿 키를 썼습니다. 설정이 코드에 적힌 키를 씁니다. 새 키를\n쓰세요.",
     "두 번 다 같은 시크릿 키를 사용했습니다. 설정이 코드에 적힌 키를 사용합니다. 쿠키를 쓰지 않는 API, 쿠키를 씁니다."),
    ("ko", "code and a period opening a parenthesis",
     "트랜잭션이 롤백됩니다(`test_twice`. 잠금으로 두 실행을 붙잡습니다). 스크립트를 확인합니다(`test_drivers`.\n짧게 돌립니다).",
     "트랜잭션이 롤백됩니다(`test_twice`는 잠금으로 두 실행을 붙잡습니다). 스크립트를 확인합니다(`test_drivers`, 짧게 "
     "돌린 값). 헤더는 `Vary`. (값은 `x`.) 예: `a`. 이름만 적습니다(`x`.)"),
    ("ko", "single quotes", "'값 없음'이 정상이면 ‘응답이 전송된 뒤’가 아닙니다.",
     "\"값 없음\"이 정상이면 `'0'`과 Django's 'app' 설정은 그대로입니다."),
    # issue 47: the interface strings name a button without quotes
    ("ko", "button name in quotes", "수정한 다음 \"실행\"을 누르세요. \"되돌리기 취소\"를 누르면, “검사”를 누르고 「중지」를 누르세요. 수정한 다음 \\\"실행\\\"을 누르세요.",
     "수정한 다음 **실행**을 누르세요. **되돌리기 취소**를 누르면, **검사**를 누르세요. \"실행 중입니다\"가 보입니다. \"실행해 보기\"라는 제목입니다"),
    # issue 47 (ko review D2): the reader is 여러분, never 내
    ("ko", "first-person 내 (the reader is 여러분)", "모든 서브도메인이 내 것일 때만 쓰세요. 나의 앱을 배포합니다. 설정을 바꾼 내\n코드가 실행됩니다.",
     "모든 서브도메인을 직접 관리할 때만 쓰세요. 여러분의 앱을 배포합니다. 기간 내 처리, 1초 내에 응답. `None`은 \"내 스킴이 아님\"이라는 뜻입니다. 내부 요청, 내려받기"),
    # issue 47 (ko review W2): a code span with a period after -니다 stands as a sentence no verb takes
    ("ko", "code standing as a sentence", "애플리케이션은 웹소켓을 거부합니다. `ValueError: not websocket.`(`test_refuses`). 그다음 봅니다.\n"
     "실행을 거부합니다. `RuntimeError: The Werkzeug web server is not designed to run in production and more`\n`so on`(`test_b`).",
     "애플리케이션은 웹소켓을 거부하고 `ValueError: not websocket.`을 발생시킵니다(`test_refuses`). 값은 `None`입니다.\n"
     "- `a`.\n| `x`. |\n1.  `b`."),
    # rate-ko1, rate-ko2 (templates, ai-chat): a remark's parenthesis and then the test's, with a line break between
    ("ko", "two parentheses in a row", "헤더를 설정하세요(Werkzeug의 `x`로 만들 수 있습니다)\n(`test_csp`). "
     "키를 요구합니다(아무 글자나\n괜찮습니다)\n([Ollama](https://x)). 포트 (8000) (`test_port`).",
     "헤더를 설정하세요(`test_csp`). Werkzeug의 `x`로 만들 수 있습니다. 키를 요구합니다(아무 글자나\n"
     "괜찮습니다. [Ollama](https://x) 참고). (가)와 (나), `f()`(`test_f`)."),
    # rate-ko22 (auth exercise, and compare/middleware's note 2): an English parenthesis moved to the
    # front of a sentence, where it modifies the noun after it
    ("ko", "parenthesis opening a sentence", "익명 방문자는 리다이렉트됩니다. (라우트 데코레이터 아래의) `@login_required`를 그대로 두세요.\n"
     "2.  (`async def`가 아닌) `def` 엔드포인트는 워커 스레드에서 실행됩니다.",
     "익명 방문자는 리다이렉트됩니다. `@login_required`를 라우트 데코레이터 아래에 그대로 두세요.\n"
     "2.  `async def`가 아닌 `def` 엔드포인트는 실행됩니다. (결과 목록은 그대로입니다.) Flask-Migrate는 (버전 4.0부터) 켭니다.\n"
     "(Flask와 FastAPI에서는 헤더로) 먼저 시험해 보세요."),
    ("ko", "parenthesis opening a hint", "(라우트 데코레이터 아래의) `@login_required`를 그대로 두세요.",
     "`@login_required`를 라우트 데코레이터 아래에 그대로 두세요. (결과 목록은 그대로입니다.)"),
    # rate-ko10 (performance/choosing): 응답하다 takes no object; the status code takes 로
    ("ko", "object of 응답하다", "nginx가 `/api/v2/`로 가는 `301`을\n응답합니다. 서버는 오류를 응답한 뒤, 본문을 응답해야 합니다.",
     "nginx가 `/api/v2/`로 가는 `301`로\n응답합니다. 서버는 요청에 응답한 뒤 `404`로 응답하며, 응답을 보냅니다. 오류를 응답 본문에 담습니다."),
    ("ko", "passive of 응답하다", "FastAPI의 `400`이 응답됩니다. Django 자체의 HTML `400`이 응답되었습니다.",
     "FastAPI는 `400`으로 응답합니다. Django가 자체 HTML `400`으로 응답했습니다. 응답 본문이 됩니다."),
    ("ko", "calque of whatever X says", "환경 변수가 무엇을 말하든 디버그 모드는 꺼져 있어야 합니다. `runserver`가 있거나 환경 변수가 켜라고 할 때마다 켜집니다.",
     "환경 변수에 어떤 값이 있든 디버그 모드는 꺼져 있어야 합니다. 무엇을 말하는지 적습니다. 환경 변수 값에 따라 켜집니다. 변수가 그대로 남습니다."),
    # s60-ko 22 (kofix19, nine exercises): a setting that answers a header; 응답하다 takes the request
    ("ko", "a header as what 응답하다 answers", "`ALLOWED_HOSTS = [\"*\"]`는 어떤 `Host` 헤더에도 응답하고, \"*\"는 어떤 Host\n헤더에 응답합니다.",
     "`ALLOWED_HOSTS = [\"*\"]`이면 Django가 어떤 `Host` 헤더로 온 요청에도 응답합니다. 헤더에 응답 코드를 적습니다. 응답 헤더에 붙입니다."),
    # s60-ko 19 (kofix19, rest_apis exercise): answered `200` as `200`으로 처리되다
    ("ko", "passive 처리되다 after code (`200`으로 처리되고)", "책에 없는 필드가 `200`으로 처리되고 버려졌습니다. 요청은 `handler()`로\n처리됩니다.",
     "책에 없는 필드를 보냈는데 앱이 `200`으로 응답하고 그 필드를 버렸습니다. `handler()`가 요청을 처리합니다. 오류는 미들웨어에서 처리됩니다."),
    # s60-ko 3 (kofix19, compare/middleware): an English bracket of sentences closed by an instruction
    ("ko", "sentences and an instruction inside a parenthesis",
     "담겨서는 안 됩니다(`ContextVar`에 두면 섞이지 않습니다. 다만\n`finally`에서 `reset(token)`을 호출하세요). 이 ID가",
     "담겨서는 안 됩니다. `ContextVar`에 두면 섞이지 않습니다. `finally`에서 `reset(token)`을 호출하세요. (결과 목록은 그대로입니다.) "
     "로컬에서 실행하세요(`python3 dev.py`). 값을 바꾸세요(`f()`는 그대로입니다).\n\n(단락이 바뀝니다. 새 단락입니다.) 설정하세요."),
    # rate-ko11 (performance/serialization): here as a modifier
    ("ko", "calque of here (여기의)", "여기의 뷰는 이를 `400`으로 바꾸는 파서를 씁니다",
     "이 페이지의 뷰는 이를 `400`으로 바꾸는 파서를 씁니다. 여기에 둡니다. 여기서 봅니다"),
    # rate-ko11 (performance/architecture): plain X as 그냥 before the code the sentence names
    # rate-ko17 (compare/responses): the code as the means or the place, 로/으로/에/에서 after it
    ("ko", "calque of plain X (그냥 `X`은)", "그냥 `uvicorn`은 uvloop를 설치하지 않고, 그냥\n`jinja2.Template`이나 그냥 `f()`인 뷰. "
     "`POST`에 그냥 `RedirectResponse(\"/thanks\")`로 응답하면, 문자열을 그냥 `Response`에 담으면",
     "추가 기능 없이 설치한 `uvicorn`은 설치하지 않고, 그냥 `save()`를 호출하면 그냥 `return`하면 그냥 반환합니다"),
    # rate-ko11 (performance/serialization): a particle cannot open a parenthesis
    ("ko", "particle inside a parenthesis", "`write_only`(와 그 반대인 `read_only`) 덕분에 Uvicorn(과 Daphne)은",
     "`write_only`와 그 반대인 `read_only` 덕분에 Uvicorn과 Daphne는 (과거에는) 와이파이(와이파이 6)로"),
    # rate-ko13 (compare/static_files, and two items of compare/templates): the particle inside the bold
    ("ko", "particle inside bold", "- **`{% load staticfiles %}`는** Django 2.1에서, **`directory=\"templates\"`는** 상대 경로, **Flask는** 고릅니다.",
     "- **`{% load staticfiles %}`**는 Django 2.1에서, **Flask**는 고르고 **이벤트 루프 위에서** 실행되며 **페이지에서**는 "
     "**`STATICFILES_DIRS`는 \"개발용\", `STATIC_ROOT`는 \"운영용\".** 둘 다 중요합니다."),
    # rate-ko1, rate-ko2: a particle after code that does not fit how the name is read aloud
    ("ko", "particle after code", "링크가 `evil.example`를 가리킵니다. `model`가 있고 `token`를 읽고 `json`로 보내며, "
     "`RuntimeError`을 발생시키고 `query`이 없으면 `HTML`으로 `ORM`와 `API`과 `test_socketio_on_gunicorn`가 함께 씁니다. "
     # rate-ko4: a lone `.` or `..` is 점, -ket is 켓, a message's closing period is not read, the quotative
     "`path` 컨버터는 `..`를 막지 않고, `startproject config .`가 만들고 `--pythonpath .`를 추가하며, 요청이 "
     "`evil.example`라고 하면 `not websocket.`를 발생시키고 `websocket`가 `query`이라는 `token`나 `model`라면. "
     "거부하고 `ValueError: Django can only handle ASGI/HTTP\nconnections, not websocket.`를 발생시킵니다.",
     "링크가 `evil.example`을 가리킵니다. `model`이 있고 `model`로 보내고 `token`을 읽고 `json`으로 보내며, "
     "`RuntimeError`를 발생시키고 `query`가 없으면 `query`입니다. `HTML`로 `ORM`과 `API`와 "
     "`test_socketio_on_gunicorn`이 함께 씁니다. `GET`은, `DIR`은, `app`은, `template`은, `Daphne`는, "
     "`record_audit()`은, `test_x_plus_the_edit` 테스트는, `500`은, `db_default=`는. "
     "`path` 컨버터는 `..`을 막지 않고, `startproject config .` 명령이 만들고 `--pythonpath .`을 추가하며, 요청이 "
     "`evil.example`이라고 하면 `not websocket.`을 발생시키고 `websocket`이 `query`라는 `token`이나 `model`이라면. "
     "`...`를 붙이고 `db_default=...`를 선언하고 `Admin(app, name=\"Shop\")`와 `/books/...`를. "
     "거부하고 `ValueError: Django can only handle ASGI/HTTP\nconnections, not websocket.`을 발생시킵니다."),
]


def style_problems(lang: str, text: str, rule: str, path: str = "sample.md") -> list[str]:
    """What one style rule (named as its message names it, "— <rule>") finds in a sample."""
    return [p for p in terminology.style_text_problems(lang, path, text) if f"— {rule}" in p]


def ru_term_problems(text: str, picked: Callable[[terminology.Term], bool], count: int) -> list[str]:
    """What the ru.yml terms that `picked` chooses find in a sample; there must be `count` of them, so a
    renamed entry fails the test instead of leaving it nothing to check."""
    terms = terminology.load("ru")
    chosen = terminology.Terminology("ru", tuple(t for t in terms.terms if picked(t)), ())
    assert len(chosen.terms) == count
    return terminology.text_problems(chosen, "sample", text)


@pytest.mark.parametrize("text,rejected", [
    # rate-ko1/rate-ko2: no period follows the code, so the line rule above does not see it. A test's
    # name closing a parenthesis after -니다 (websockets, ai-chat, orm), a command ending its paragraph.
    ("스킴·호스트도 받아들입니다. `test_socketio_on_gunicorn`). 그다음 봅니다.", True),
    ("타입을 검사합니다.\n`test_chat_ts_needs_only_browser_apis`).", True),
    ("    `django-admin`이 같은 일을 합니다.\n    `django-admin makemigrations blog --settings settings --pythonpath .`\n\n다음 문단.", True),
    ("같은 일을 합니다. `a`.)", True),
    ("스킴·호스트도 받아들이며, `test_socketio_on_gunicorn`이 이를 확인합니다). 그다음 봅니다.", False),
    ("같은 일을 할 수 있습니다. `django-admin makemigrations blog --settings settings --pythonpath .`처럼 실행하세요.\n\n다음.", False),
    ("이름을 씁니다. `SECRET_KEY`는 비밀입니다. 실패합니다(`no such column`;\n`test_rename`).", False),
    ("결과입니다.\n\n```text\nok\n```\n\n요청을 보냅니다.\n\n=== \"Flask\"\n\n    본문입니다.\n</details>\n", False),
    ("명령을 실행합니다. `python3 dev.py exercise\nrouting`을 실행하세요.", False),
    # rate-ko13 (performance/optimizing): the message's own period closes the span, at a line's end,
    # and the paragraph goes on; on the same line as -니다. too. Not when a verb takes it.
    ("    함께 쓰는 것을 거부합니다.\n    `ImproperlyConfigured: Pooling doesn't support persistent connections.`\n    ASGI에서는 쓰지 마세요.", True),
    ("웹소켓을 거부합니다. `ValueError: not websocket.`\n그다음 봅니다.", True),
    ("    함께 쓰면 `ImproperlyConfigured: Pooling doesn't support persistent connections.`를 발생시킵니다.\n    ASGI에서는 쓰지 마세요.", False),
    ("웹소켓을 거부합니다. 메시지는\n`ValueError: not websocket.`\n입니다.", False),
    # rate-ko17 (django/drf_viewsets): the colon's calque with a copula, the code alone as a sentence
    ("클라이언트는 미디어 타입의 매개변수로 버전을 요청합니다.\n`Accept: application/json; version=2.0`입니다.", True),
    ("버전을 요청합니다. `Accept: version=2.0`입니다. 그다음 봅니다.", True),
    ("클라이언트는 `Accept: application/json; version=2.0`처럼 버전을\n요청합니다. 헤더는\n`Accept: version=2.0`입니다. 값은 `None`입니다.", False),
])
def test_code_without_a_period_after_a_sentence_is_found(text, rejected):
    found = style_problems("ko", text, "code standing as a sentence:")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    # rate-ko17 (compare/responses, the errors exercise): plain X as 그냥 before code that is the
    # means or the place, 로/으로/에/에서 after it; a line break before the code renders as a space.
    ('폼 핸들러가 `POST`에 그냥 `RedirectResponse("/thanks")`로 응답하면', True),
    ("`json.dumps(...)` 문자열을 그냥 `Response`에 담으면", True),
    ("값을 그냥\n`dict`에서 읽으면", True),
    ('상태 코드를 지정하지 않은 `RedirectResponse("/thanks")`로 응답하면, `media_type` 없이 `Response`에 담으면, '
     "그냥 `save()`를 호출하면, (또는 그냥 `return`)로는 닫히지 않습니다", False),
])
def test_plain_x_is_found_before_code_as_the_means_or_the_place(text, rejected):
    found = style_problems("ko", text, "calque of plain X (그냥 `X`은):")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("page,old,new,rejected", [
    # rate-ko18 (performance/optimizing:522): the English link text is the heading it opens, the
    # Korean one a sentence that the reader does not find as the heading
    ("performance/optimizing.md", "[DRF: 비동기 뷰 없음](async_io.md#drf)", "[DRF: 비동기 뷰가 없습니다](async_io.md#drf)", True),
    # a chapter: the English [Optimizing each side] is the nav title
    ("performance/choosing.md", "[양쪽 최적화하기](optimizing.md)", "[최적화 방법](optimizing.md)", True),
    ("overview/profiles.md", "[콘텐츠 보안 정책](../compare/middleware.md#csp)", "[CSP 헤더](../compare/middleware.md#csp)", True),
    # rate-ko19 (compare/orm:972): the English [Connecting] is the heading's part before its colon
    # (Connecting: engine, session, connection); the Korean one names the Korean heading's part
    ("compare/orm.md", "[데이터베이스에 연결하기](#sessions)", "[연결](#sessions)", True),
    ("compare/orm.md", "[데이터베이스에 연결하기](#sessions)", "[데이터베이스에 연결하기: 엔진, 세션, 연결](#sessions)", False),
    # the heading's gloss left out: 콘텐츠 보안 정책 for 콘텐츠 보안 정책(CSP)
    ("overview/profiles.md", "[콘텐츠 보안 정책](../compare/middleware.md#csp)", "[콘텐츠 보안 정책(CSP)](../compare/middleware.md#csp)", False),
    # the English [optimization] names a topic, not the title: the Korean label is free
    ("performance/choosing.md", "[최적화](optimizing.md)", "[성능 개선](optimizing.md)", False),
])
def test_a_link_names_the_title_it_opens_where_the_english_does(page, old, new, rejected):
    """ko-style.md §4: the real page, with one link's text changed."""
    text = (ROOT / "docs/ko" / page).read_text(encoding="utf-8")
    assert old in text
    found = [p for p in terminology.style_text_problems("ko", f"docs/ko/{page}", text.replace(old, new, 1))
             if "link text not the title it opens" in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    # the rate-ko18 fix of optimizing:522 changed the link's text to the heading, 없음, and left 를
    ("[DRF: 비동기 뷰 없음](async_io.md#drf)를 참고하세요.", True),
    ("[배포](../compare/deployment.md)을 보세요. [최적화](optimizing.md)이 다룹니다. [모델](x.md)으로 갑니다. [`ORM`](orm.md)를 씁니다.", True),
    ("[DRF: 비동기 뷰 없음](async_io.md#drf)을 참고하세요. [배포](../compare/deployment.md)를 보세요. "
     "[최적화](optimizing.md)가 다룹니다. [모델](x.md)로 갑니다. [`ORM`](orm.md)을 씁니다. [Flask](x.md)를, "
     "[콘텐츠 보안 정책(CSP)](x.md#csp)를, [문서](x.md)이다", False),
])
def test_a_particle_after_a_link_fits_its_text(text, rejected):
    found = [p for p in terminology.style_text_problems("ko", "sample.md", text) if "particle after a link" in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("code,sound", [
    # settled endings (ko-style.md §3): ㄹ, ㄴ/ㅁ/ㅇ, vowel; an abbreviation by its last letter's name
    ("model", "ㄹ"), ("evil.example", "ㄹ"), ("URL", "ㄹ"), ("HTML", "ㄹ"), ("NOT NULL", "ㄹ"), ("str", "ㄹ"),
    ("token", "ㄴ"), ("json", "ㄴ"), ("ORM", "ㄴ"), ("HTTPException", "ㄴ"), ("test_socketio_on_gunicorn", "ㄴ"), ("stream", "ㄴ"),
    ("..", "consonant"), ("startproject config .", "consonant"), ("--pythonpath .", "consonant"), ("x/..", "consonant"),
    ("websocket", "consonant"), ("ValueError: Django can only handle ASGI/HTTP connections, not websocket.", "consonant"),
    ("RuntimeError: The Werkzeug web server is not designed to run in production.", "ㄴ"),
    ("query", "vowel"), ("RuntimeError", "vowel"), ("Depends", "vowel"), ("SECRET_KEY", "vowel"), ("API", "vowel"),
    ("TestClient", "vowel"), ("select()", "vowel"), ("Response", "vowel"), ("path", "vowel"), ("DRF", "vowel"), ("db", "vowel"),
    # not settled, so not judged: 오딧/비트, 템플릿/업데이트, 웹/튜브, 빅/로그, 체크/블록, 겟/지이티, 디알/디렉터리, 대프니/네임
    ("record_audit()", None), ("test_env_py_is_alembics_template_plus_the_edit", None), ("template", None), ("app", None),
    ("TooBig", None), ("check", None), ("GET", None), ("DIR", None), ("Daphne", None), ("500", None), ("db_default=", None),
    ("Depends(get_db)", None), ("DEBUG", None), ("...", None), ("db_default=...", None), ('Admin(app, name="Shop")', None),
    # a call whose last argument is a quoted word is read by that word (s59-ko R1): 로그인, 타이틀, 쿠키; 던 is not settled
    ('url_for("login")', "ㄴ"), ('redirect(url_for("login"))', "ㄴ"), ('Book.objects.order_by("title")', "ㄹ"),
    ('vary_on_headers("Cookie")', "vowel"), ('request.url_for("done")', None), ('get("")', None),
])
def test_a_code_names_reading_is_judged_only_where_it_is_settled(code, sound):
    assert terminology.final_sound(code) == sound


@pytest.mark.parametrize("text,rejected", [
    # s59-ko R1: the particle after a call follows its quoted last argument
    ('익명 방문자는 `redirect(url_for("login"))`로 보내세요.', True),
    ('경로 `url_for("login")`로 리다이렉트하세요.', True),
    ('`Book.objects.order_by("title")`를 실행하세요.', True),
    ('`redirect(url_for("login"))`으로 보내고 `url_for("login")`으로 리다이렉트하며 `order_by("title")`을, '
     '`order_by("title")`은, `redirect("done")`으로, `Admin(app, name="Shop")`와.', False),
])
def test_a_particle_after_a_call_follows_its_quoted_word(text, rejected):
    found = [p for p in terminology.style_text_problems("ko", "exercise.toml", text) if "particle after code" in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("where,text,rejected", [
    # s59-ko R5 (ko-style.md §4): a hint does not end a sentence with a colon and a code span
    ("exercise.toml", "불리언은 따로 거부하세요: `isinstance(value, bool)`.", True),
    ("exercise.toml", "기본값을 주세요: `author: str | None = None`", True),
    ("sample.md", "템플릿이 이스케이프하게 하세요: `{{ name }}`.\n다음 줄입니다.", True),
    ("exercise.toml", "`isinstance(value, bool)`로 불리언을 따로 거부하세요.", False),
    ("exercise.toml", "ada가 보낸 요청에 앱이 응답했습니다: `{0}`", False),
    ("exercise.toml", "설정합니다: `X`처럼 씁니다.", False),
])
def test_a_colon_and_code_ending_a_sentence_is_found(where, text, rejected):
    found = [p for p in terminology.style_text_problems("ko", where, text) if "colon and code ending a sentence" in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("where,text,rejected", [
    # s59-ko R2 (ko-style.md §6): each joined requirement carries its own -어야
    ("exercise.toml", "시크릿 키는 환경 변수에서 읽고, 디버그 모드는 꺼 두어야 합니다.", True),
    ("exercise.toml", "잘못된 ID는 새 ID로 바꾸며, 그 ID는 로그에 남기면 안 됩니다.", True),
    ("sample.md", "## 연습 문제\n\n### 관리자 { #exercise-admin }\n\n두 프레임워크 모두 시크릿 키는 환경 변수에서 읽고,\n"
     "디버그 모드는 꺼 두어야 합니다.\n\n=== \"Flask\"\n", True),
    ("exercise.toml", "시크릿 키는 환경 변수에서 읽어야 하고, 디버그 모드는 꺼 두어야 합니다.", False),
    # one subject, two verbs; a copula or 같다 stating a fact; a page outside the exercise statement
    ("exercise.toml", "클라이언트는 두 오류를 구별하고, 그 이유를 읽을 수 있어야 합니다.", False),
    ("exercise.toml", "끌 수 있는 곳은 테스트 설정뿐이며, 앱에서는 절대 끄면 안 됩니다.", False),
    ("sample.md", "## 설정\n\n시크릿 키는 환경 변수에서 읽고, 디버그 모드는 꺼 두어야 합니다.\n", False),
])
def test_a_joined_requirement_without_its_own_is_found(where, text, rejected):
    found = [p for p in terminology.style_text_problems("ko", where, text) if "a joined requirement without its own" in p]
    assert bool(found) is rejected, found


def test_every_style_rule_has_a_sample():
    names = {(lang, rule.name) for lang, rules in terminology.STYLE_RULES.items() for rule in rules}
    assert names <= {(lang, rule) for lang, rule, _, _ in STYLE_SAMPLES}


@pytest.mark.parametrize("lang,rule,bad,good", STYLE_SAMPLES, ids=[f"{s[0]}-{s[1]}" for s in STYLE_SAMPLES])
def test_a_style_rule_fails_on_its_sample_and_passes_the_fixed_one(lang, rule, bad, good):
    # A rule for the plain texts only (a hint, a message) is tried on one; the others on a page.
    plain = any(r.plain_text_only for r in terminology.STYLE_RULES.get(lang, ()) if r.name == rule)
    where = "exercise.toml" if plain else "sample.md"
    found = terminology.style_text_problems(lang, where, bad)
    assert found and all(f"— {rule}:" in p for p in found), found
    assert terminology.style_text_problems(lang, where, good) == []


def test_a_plain_text_rule_is_not_run_on_a_page():
    """A page's line may start in the middle of a sentence: "parenthesis opening a hint" is for the
    plain texts, where a line is a whole hint or message."""
    text = "(라우트 데코레이터 아래의) `@login_required`를 그대로 두세요."
    assert not [p for p in terminology.style_text_problems("ko", "sample.md", text) if "parenthesis opening a hint" in p]


@pytest.mark.parametrize("text,rejected", [
    ("무엇이든 하기 전에 `raise PermissionDenied`를 쓰세요.", True),
    ("`book_id not in BOOKS`이면 `raise HTTPException(status_code=404)`를\n씁니다.", True),
    ("`raise ValueError(\"x\")`을 썼습니다", True),
    # ko62: the same behind a list of code spans
    ("`if not app.secret_key:` 다음에 `raise RuntimeError(...)`나 `sys.exit(...)`를 쓰면 됩니다.", True),
    ("`raise ValueError`, `raise TypeError`를\n씁니다.", True),
    ("`raise KeyError(k)` 또는 `abort(404)`를 쓰세요.", True),
    # what the code does, raise in code that is not 쓰다's object, and another verb
    ("무엇이든 하기 전에 `PermissionDenied`를 발생시키세요. `HTTPException(403)`을 발생시키세요.", False),
    ("`raise ValueError(…)`로 예외를 발생시키세요. `raise`를 쓰는 줄, `raise X`를 지우세요.", False),
    ("`if not app.secret_key:`로 확인한 뒤 `RuntimeError(...)`를 발생시키거나 `sys.exit(...)`를 호출하면 됩니다.", False),
    ("`raise RuntimeError(...)`나 `sys.exit(...)`를 호출하세요. `raise X`와 `return`을 지우세요.", False),
])
def test_raise_as_written_code_is_found(text, rejected):
    """rate-ko22 (auth exercise, five hints): `raise PermissionDenied`를 쓰세요 hangs 쓰다 (write or
    use?) on a statement; the hints say `X`를 발생시키세요 (ko.yml, raise)."""
    found = [p for p in terminology.style_text_problems("ko", "exercise.toml", text) if terminology._RAISE_WRITTEN in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    ('수정한 다음 \\"실행\\"을 누르세요.', True),  # as _script_strings reads a JavaScript string: \" kept
    ("파일을 시작 코드로 되돌렸습니다. '되돌리기 취소'를 누르면 되돌리기 전의 파일이 돌아옵니다.", True),
    ("여기에서 시작 코드를 고친 뒤 “검사”를 누르세요.", True),
    ("예제의 파일입니다. 수정한 다음 실행을 누르세요. 되돌리기 취소를 누르면 파일이 돌아옵니다. \"실행 중입니다\"", False),
])
def test_the_interface_strings_name_a_button_without_quotes(text, rejected):
    """ko-style.md §4 (issue 47): the run and exercise panels' strings are plain text and name a
    button as the panel shows it, unquoted and unbolded."""
    script = "docs/assets/exercises/exercise.js"
    found = style_problems("ko", text, "button name", script) + style_problems("ko", text, "single quotes", script)
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    # ko-fresh-3: a row, a header and SQL are written (작성, 기록, 생성), and "as written" is 적힌 그대로.
    ("Flask-SQLAlchemy는 행을 쓰기 전에 항상 다시 읽습니다", True),
    ("Flask-SQLAlchemy는 행을 기록하기 전에 항상 다시 읽습니다. 여러 은행을 씁니다", False),
    ("헤더를 직접 썼습니다. `Set-Cookie` 헤더를\n쓰는 핸들러", True),
    ("헤더를 직접 작성했습니다. `Set-Cookie` 헤더를\n만드는 핸들러", False),
    ("Django는 SQL을 직접 씁니다", True),
    ("Django는 SQL을 직접 생성합니다. Alembic을 직접 쓰고, 뷰를 그대로 씁니다", False),
    ("브라우저는 해석하지만, 공격자는 쓴 그대로 보냅니다", True),
    ("브라우저는 해석하지만, 공격자는 적힌 그대로 보냅니다. 소문자 그대로 씁니다", False),
    # rateKO5: 만 and 도 leave the same two readings as 을/를 (행만 쓴다면: writes or uses only rows?)
    ("남은 마이그레이션이 행만 쓴다면 두 실행이 모두 적용합니다", True),
    ("코드도 직접 썼습니다", True),
    ("남은 마이그레이션이 행만 추가한다면 두 실행이 모두 적용합니다. 메모리도 씁니다. 은행만 씁니다", False),
])
def test_write_or_use_is_found_after_a_row_a_header_and_sql(text, rejected):
    found = style_problems("ko", text, "쓰다 with a file or code")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    # rateKO2: after -니다 a parenthesis explains the sentence, whatever it opens with
    ("`drivers`가 출력한 결과입니다\n(세 번 실행한 값의 중앙값).", True),
    ("요청은 `cross-site`입니다 (2023년부터 모든 주요 브라우저가 보냅니다).", True),
    ("`drivers`가 출력한\n결과입니다(세 번 실행한 값의 중앙값).", False),
    # issue 47 (ko review W3): a code span wrapped onto a line of its own is still prose's code,
    # so the line break between it and its parenthesis is found (it was blanked like a fence)
    ("실행을 거부하고\n  `RuntimeError: The Werkzeug web server is not designed to run in production.`\n  (`test_socketio_run`).", True),
    ("실행을 거부하고\n  `RuntimeError: The Werkzeug web server is not designed to run in production.`를\n  발생시킵니다(`test_socketio_run`).", False),
    ("```text\nRuntimeError: x\n```\n(`test_socketio_run`)는 코드 블록 다음 줄입니다.", False),
    ("요청은 `cross-site`입니다. (2023년부터 보냅니다.) Flask-Migrate는 (버전 4.0부터) 배치 모드를 켭니다.", False),
])
def test_a_parenthesis_after_a_sentence_ending_attaches(text, rejected):
    found = style_problems("ko", text, "space before a parenthesis:")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    ("Хук не\nвыполняется только при `DEBUG`.", True), ("Хук `after_request` не выполняется\nтолько при `DEBUG`.", True),
    ("Лишь при `DEBUG` хук `after_request` не\nвыполняется.", False), ("Он работает не\nтолько в Django.", False),
])
def test_only_after_a_negated_verb_is_found_across_a_line_break(text, rejected):
    """ru-style.md §3: «не вызывается только в …» reads both ways, and a line break anywhere in it
    renders as a space."""
    found = style_problems("ru", text, "только after a negated verb:")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    ("버전을 요청합니다. `Accept: application/json; version=2.0`\n입니다.", True),
    ("설정은 `SECRET_KEY`\n를 읽습니다.", True), ("서버는 FastAPI\n가 만든 앱을 실행합니다.", True),
    ("버전을 요청합니다.\n`Accept: application/json; version=2.0`입니다.", False),
    ("줄 끝의 `code`\n가장 짧은 줄입니다.", False), ("문단 끝의 `code`\n\n를 시작하는 문단.", False),
])
def test_a_line_break_before_a_particle_is_a_space_too(text, rejected):
    """ko-style.md §3: Markdown renders a line break as a space, so code at the end of a line and its
    particle at the start of the next read "`code` 입니다"."""
    found = style_problems("ko", text, "space before a particle:")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    ("그것은 클라이언트의 실수입니다.", True), ("이벤트 루프가 그것을 기다립니다.", True), ("그것이 문제입니다.", True),
    ("이벤트 루프가 호출이 끝나기를 기다립니다.", False), ("주고받기가 그것으로 끝납니다.", False), ("그것참, 빠릅니다.", False),
])
def test_the_korean_it_calque_is_found_in_every_case(text, rejected):
    """ko-style.md §5: *it* as 그것 is a calque whether it is the topic (은), the object (을) or the subject (이)."""
    found = style_problems("ko", text, "calque of it:")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    ("자신만의 앱을 만듭니다.", True), ("컨슈머의 채널에는 자기만의 큐가 없습니다.", True), ("앱에는 자기만의\n`static/`", True),
    ("앱마다 `static/` 폴더가 따로 있습니다.", False), ("자기 자신에게 보냅니다. 자신의 비밀번호", False),
])
def test_the_korean_its_own_calque_is_found_in_both_forms(text, rejected):
    """ko-style.md §5: *of its own* as 자신만의 or 자기만의 (rate-ko20: 자기만의 큐 on the channel layers page)."""
    found = style_problems("ko", text, "calque of its own")
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    ("В Django встроена ORM.", True), ("ORM встроена в Django.", True), ("Что каждая ORM отправила?", True),
    ("У Flask собственной ORM нет.", True), ("с ним работает любое ASGI-middleware", True),
    ("middleware должно передать запрос", True), ("middleware, стоящее первым", True),
    ("Этот ORM встроен.", False), ("Асинхронный ORM и каждый middleware.", False), ("ORM-модели", False),
    ("middleware должен передать запрос, включая middleware на пути", False),
    # ruE6: the feminine oblique forms in -ой/-ей, which no masculine adjective shares
    ("Без этой middleware обращение выбрасывает", True), ("у каждой ORM свой SQL", True),
    ("ни одной ORM", True), ("Без этого middleware, в этом ORM, любой ORM, такой middleware", False),
])
def test_the_russian_gender_of_orm_and_middleware_is_one(text, rejected):
    """ru.yml fixes ORM and middleware as masculine; feminine or neuter agreement is rejected."""
    assert bool(ru_term_problems(text, lambda t: "gender" in t.en, 2)) is rejected


@pytest.mark.parametrize("text,rejected", [
    ("Снисходительный (*lax*) режим Pydantic", True), ("даже в снисходительном режиме", True),
    ("Нестрогий (*lax*) режим Pydantic, даже в нестрогом режиме", False),
    ("соединение обрывается без закрывающего фрейма", True), ("без закрывающего\nфрейма", True),
    ("соединение обрывается без фрейма закрытия", False),
    ("сервер открыт для подделки межсайтовых запросов (CSRF)", True),
    ("сервер открыт для межсайтовой подделки запроса (CSRF)", False),
    ("Версионированный скрипт, меняющий схему", True), ("версионированные миграции", True),
    ("Версионируемый скрипт, меняющий схему; версионированный URL", False),
])
def test_one_russian_term_for_lax_close_frame_csrf_and_a_versioned_script(text, rejected):
    """rate-ru1: lax, close frame, CSRF and a migration's «versioned» each had two renderings."""
    assert bool(ru_term_problems(text, lambda t: "rate-ru1" in t.en, 4)) is rejected


@pytest.mark.parametrize("en,text,rejected", [
    # rate-ru14, compare/deployment: the GitHub word declined as a Russian noun
    ("issue, pull request (GitHub)", "около 40 мс. В issue среди затронутых назван и воркер", True),
    ("issue, pull request (GitHub)", "как сказано в этом\nissue; по тому pull request; об issue", True),
    ("issue, pull request (GitHub)", "В описании этой ошибки ([uvicorn issue #3149](https://x)) назван; "
     "(`test_x`; issue DRF #9853); pull request WebKit #71489", False),
    # rate-ru14, compare/responses: a stream called short or long beside a thread from the pool
    ("stream, streaming (a response body sent in parts as it is produced)",
     "короткий поток клиент получит целиком в конце; длинного\nпотока", True),
    ("stream, streaming (a response body sent in parts as it is produced)",
     "короткий потоковый ответ клиент получит целиком; пул из 40 потоков", False),
    # rate-ru15, django/channel_layers: the transliterated traceback beside трассировка
    ("traceback; trace (the printed order of the layers a request passes)",
     "Daphne закрывает каждое соединение и пишет в лог трейсбек на каждое", True),
    ("traceback; trace (the printed order of the layers a request passes)",
     "в трейсбэке; Трейсбеки", True),
    ("traceback; trace (the printed order of the layers a request passes)",
     "пишет в лог трассировку для каждого; трассировщик coverage; `traceback.print_exc()`", False),
])
def test_no_russian_issue_jargon_and_no_short_stream(en, text, rejected):
    """rate-ru14: «в issue» is chat jargon; a «короткий поток» is a stream beside a thread.
    rate-ru15: «трейсбек» is slang and a second word for трассировка."""
    found = ru_term_problems(text, lambda t: t.en == en, 1)
    assert bool(found) is rejected, found


@pytest.mark.parametrize("page,text,rejected", [
    ("performance/serialization.md", "сказано в главе [Аутентификация](../compare/auth.md#passwords).", True),
    ("compare/websockets.md", "(см.\n    [Аутентификация](auth.md#login))", True),
    ("compare/migrations.md", "из главы [ORM](orm.md#sessions)", True),
    ("performance/trade_offs.md", "см. главу [Формы](../compare/forms.md)", True),
    ("performance/serialization.md", "в главе [Аутентификация и авторизация](../compare/auth.md#passwords)", False),
    ("compare/migrations.md", "из главы [База данных и ORM](orm.md#sessions)", False),
    # a short label elsewhere names a topic or a thing, as in English: not judged
    ("overview/at_a_glance.md", "| [ORM](../compare/orm.md) | SQLAlchemy |", False),
    ("overview/at_a_glance.md", "об [ORM](../compare/orm.md) и [аутентификации](../compare/auth.md)", False),
    ("compare/websockets.md", "в главе [Эндпоинт](#endpoint)", False),
    # rate-ru5, rate-ru6: after «глава…» any label that is not the nav title; a shortened title
    # cited alone in parentheses; a nav path with a hyphen (projects/ai-chat.md)
    ("compare/rest_apis.md", "рассматриваются в главе [DRF на практике](../django/drf_viewsets.md).", True),
    ("compare/rest_apis.md", "строка загружается\n    заново ([ORM](orm.md#update)). Здесь", True),
    ("compare/errors.md", "приложение\n        ([Middleware](middleware.md#request-id-on-errors)).", True),
    ("performance/async_io.md", "из которого выросла глава [ИИ-чат](../projects/ai-chat.md).", True),
    ("compare/rest_apis.md", "посвящена глава [ViewSet, роутеры, версионирование](../django/drf_viewsets.md); "
     "заново ([База данных и ORM](orm.md#update))", False),
    # a parenthesised section or a list of topics is not a chapter's title
    ("compare/rest_apis.md", "ключи ([JSON и коды состояния](responses.md#json)); разобрать ([Тело JSON]"
     "(request_handling.md#json)); ([ORM](orm.md), [Формы](forms.md))", False),
    # rate-ru7: a chapter named in quotes, without a link, by a label that is not its nav title
    ("compare/routing.md", "Формы и их токены разбираются в главе «Формы».", True),
    ("compare/routing.md", "об этом в главе\n    «Бенчмарки».", True),
    ("compare/routing.md", "разбираются в главе «Формы и валидация»; в главе\n«Обработка ошибок»; "
     "глава о формах; поле «Формы»; главный «Формы»", False),
])
def test_a_russian_chapter_link_uses_the_nav_title(page, text, rejected):
    """ru-style §2 (rate-ru1, rate-ru2): «в главе […]», «см. […]» name the chapter by its nav title."""
    found = terminology.style_text_problems("ru", f"docs/ru/{page}", text)
    assert bool(found) is rejected, found
    assert all("chapter link not by its nav title" in p for p in found)


@pytest.mark.parametrize("page,text,rejected", [
    # rate-ru9: a chapter cited as a page, whatever the label
    ("compare/rest_apis.md", "обработчик на странице\n        [Обработка ошибок](errors.md) делает так же", True),
    ("overview/how_to_use.md", "версии перечислены на странице\n[Три фреймворка](profiles.md#versions))", True),
    ("compare/rest_apis.md", "на странице [Ошибки](errors.md)", True),
    ("compare/rest_apis.md", "обработчик из главы [Обработка ошибок](errors.md); в главе [Три фреймворка]"
     "(../overview/profiles.md); на [главной странице](../index.md); на главной странице [FAQ](../index.md#faq); "
     "на странице [входа](https://example.com/login); на странице [ниже](#put-patch)", False),
])
def test_a_russian_chapter_is_not_called_a_page(page, text, rejected):
    """ru-style §2 (rate-ru9): a chapter link is «в главе […]», not «на странице […]»."""
    found = [p for p in terminology.style_text_problems("ru", f"docs/ru/{page}", text)
             if "«на странице»" in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("en,text,rejected", [
    # rate-ru16, django/n_plus_one: "the lazy loads" in the plural
    ("lazy loading (a related object fetched on first access; uncountable)",
     "поэтому сериализатор запускает ленивые загрузки; логировать ленивые\nзагрузки", True),
    ("lazy loading (a related object fetched on first access; uncountable)",
     "сериализатор вызывает их ленивую загрузку; случаи ленивой загрузки; ленивых вычислений", False),
    # rate-ru16, performance/trade_offs: a second name for DRF's ViewSet
    ("viewset (DRF)", "представления и наборы представлений (viewsets), роутеры", True),
    ("viewset (DRF)", "представления и ViewSet, роутеры; набор полей представления", False),
    # rate-ru16, performance/async_io: one refused connection, two words
    ("a refused connection (the server or endpoint refuses to connect)",
     "как и отказ в соединении; может отказать в\nсоединении", True),
    ("a refused connection (the server or endpoint refuses to connect)",
     "отказ в подключении; отказать в подключении; в соединении отказано не было", False),
    # rate-ru16, performance/dependency_injection: the colloquial noun
    ("anonymous user (a request without credentials)", "считает анонимов аутентифицированными; | аноним |", True),
    ("anonymous user (a request without credentials)", "анонимных пользователей; анонимному запросу; `AnonymousUser`", False),
])
def test_rate_ru16_terms_have_one_rendering(en, text, rejected):
    """rate-ru16: «ленивые загрузки», «наборы представлений», «отказ в соединении» beside «отказ в
    подключении», «анонимы»."""
    found = ru_term_problems(text, lambda t: t.en == en, 1)
    assert bool(found) is rejected, found


@pytest.mark.parametrize("text,rejected", [
    # rate-ru16: the five places on main that said it
    ("отдельно, а `select_related(\"tags\")` просто отвергается с `FieldError`", True),
    ("драйвер, а сам asyncpg такой URL отвергает с `ClientConfigurationError` ещё до подключения", True),
    ("а PostgreSQL отклоняет его с `DataError`,\nкоторый не перехватывается", True),
    ("`JsonResponse` отвергает с `TypeError` всё, кроме `dict`", True),
    ("книгу 1200 года база\nданных отвергает с `IntegrityError` (`test_x`)", True),
    ("драйвер отклоняет значение с\n    `builtins.OverflowError: value out of int32 range`", True),
    # who raises it, «с ошибкой», a status code, a header, another sentence
    ("а на `select_related(\"tags\")` Django просто выбрасывает `FieldError`; asyncpg отвергает такой URL, "
     "выбрасывая `ClientConfigurationError`; и он отвергает её с ошибкой `invalid connection option`", False),
    ("форма отклоняется с `403`; прокси отклоняет `POST` с `Origin`; запрос отклоняется с кодом `400`", False),
    ("Django отклоняет запрос. Тест с `ValueError` проверяет это; отклоняет; сравните с `KeyError`", False),
])
def test_refused_with_an_exception_is_found(text, rejected):
    """rate-ru16: «отвергается с `FieldError`» is "refused with" carried over; checked in every ru
    text the style rules read (pages, exercise hints, interface strings)."""
    found = [p for p in terminology.style_text_problems("ru", "docs/ru/sample.md", text)
             if terminology._REFUSED_WITH in p]
    assert bool(found) is rejected, found


@pytest.mark.parametrize("lang,text,rejected", [
    ("ru", "f-строка ничего не экранирует; отрисуйте шаблон.", True),
    ("ru", "f-строка ничего не экранирует; отрендерьте шаблон.", False),
    ("ru", "это параллельность внутри одного запроса", True),
    ("ru", "это конкурентность внутри одного запроса", False),
    ("ru", "через один sync-воркер Gunicorn", True),
    ("ru", "синхронный воркер обрабатывает по одному запросу", True),
    ("ru", "через один воркер Gunicorn `sync`", False),
    ("ru", "глава «Бенчмарки с замерами»", True),
    ("ru", "исключение бросает сам класс", True),
    # ru-fix-2: verbs carried over from English, and words with two meanings (ru.yml, ru-style.md §5)
    ("ru", "`TestClient` по умолчанию заново выбрасывает исключения из приложения", True),
    ("ru", "а затем снова выбрасывает исключение, чтобы его записал сервер", True),
    ("ru", "Flask в режиме отладки повторно выбрасывает исключение", True),
    ("ru", "`TestClient` по умолчанию пробрасывает исключения из приложения в тест", False),
    ("ru", "Она говорит с клиентами по HTTP (и WebSocket)", True),
    ("ru", "Uvicorn по умолчанию говорит по HTTP/1.1", True),
    ("ru", "flask-sock говорит на обычном WebSocket", True),
    ("ru", "библиотека websockets на Socket.IO не говорят", True),
    ("ru", "Uvicorn по умолчанию работает по HTTP/1.1; цифры мало говорят о вашем API", False),
    ("ru", "HTTP-запрос, а затем разговор по WebSocket на том же порту", True),
    ("ru", "HTTP-запрос, а затем обмен сообщениями по WebSocket на том же порту", False),
    ("ru", "Lifespan выполняется, только если войти в клиент через `with`", True),
    ("ru", "`TestClient`, в который не вошли через `with`, отправляет запросы", True),
    ("ru", "`TestClient`, открытый без `with`, отправляет запросы", False),
    ("ru", "Тестовый клиент пропускает эту проверку, если только", True),
    ("ru", "где проверки CSRF никогда не пропускаются", True),
    ("ru", "Тестовый клиент не выполняет эту проверку; nginx пропускает рукопожатие `Upgrade`", False),
    ("ru", "`0.x`, фиксируйте версию", True),
    ("ru", "Зафиксируйте версию, на которой прошли тесты", True),
    ("ru", "Закрепите версию, на которой прошли тесты", False),
    ("ru", "с дополнениями Twisted `http2` и `tls`", True),
    ("ru", "Только с дополнением `websockets-sansio`", True),
    ("ru", "устанавливает только с дополнительной зависимостью (extra) `fastapi[standard]`", True),
    ("ru", "с необязательными зависимостями (extra) Twisted `http2` и `tls`; в дополнение к этому", False),
    ("ru", "`test_health_async` во FastAPI", True),
    ("ru", "Во FastAPI так не делают.", True),
    ("ru", "`test_health`, а в FastAPI ещё и `test_health_async`; во Flask иначе", False),
    # ru-fix-3: terms that drifted across pages (ru.yml; a failing and a passing sample each)
    ("ru", "для чтения нужен вошедший пользователь", True),
    ("ru", "на `POST` вошедшего пользователя без `X-CSRFToken`", True),
    ("ru", "для чтения нужен пользователь, выполнивший вход; он уже вошёл", False),
    ("ru", "За прокси, который завершает TLS, Django видит `http`", True),
    ("ru", "TLS завершает nginx", True),
    ("ru", "За прокси, который терминирует TLS, Django видит `http`; запрос завершается `403`", False),
    ("ru", "При `DEBUG = False` ограничение частоты отключено", True),
    ("ru", "При `DEBUG = False` троттлинг отключён; лимит запросов тот же", False),
    ("ru", "пагинация неупорядоченного queryset вызывает предупреждение", True),
    ("ru", "Queryset упорядочен", True),
    ("ru", "QuerySet упорядочен; `queryset` — атрибут представления", False),
    # ruB (issue 33): a term split within a page or between hints
    ("ru", "`get_json(silent=True)` превращает испорченный JSON в ничто", True),
    ("ru", "и падает на битом JSON", True),
    ("ru", "`get_json(silent=True)` возвращает `None` на некорректный JSON, а синтаксически неверный JSON — `400`", False),
    ("ru", "каждый знает только хешированные имена своего релиза", True),
    ("ru", "каждый знает только имена с хешем из своего релиза; в базе лежит хешированный пароль", False),
    # ruC: a chapter named by a label that is not its nav title, inside a real link (the target
    # is blanked, the `]` kept), and the async ORM methods called «методы запросов»
    ("ru", "Daphne, Uvicorn и Gunicorn сравниваются на странице [Серверы](servers.md).", True),
    ("ru", "подробности — в [Оптимизация](../performance/optimizing.md#pagination)", True),
    ("ru", "сравниваются в главе [Daphne, Gunicorn, Uvicorn](servers.md); [Оптимизация с обеих сторон](x.md)", False),
    ("ru", "Второй путь — асинхронные методы запросов Django (`afirst()`, `aget()`)", True),
    ("ru", "используйте асинхронный API запросов: `await Room.objects.aget(slug=slug)`", True),
    ("ru", "асинхронные методы ORM Django; асинхронный API `QuerySet`; методы запросов `GET` и `POST`", False),
    # ruE2: concurrent upgrade runs called обновления in a paragraph about migrations
    ("ru", "миграции применяются при старте, и обновления запускаются одновременно", True),
    ("ru", "запускает команду обновления со страницы дважды; миграция записана один раз", True),
    ("ru", "| Два обновления одновременно | блокировки нет |\n| Миграция за открытой транзакцией | ждёт |", True),
    ("ru", "| Два обновления подряд | блокировки нет |\n| Миграция за открытой транзакцией | ждёт |", True),
    ("ru", "несколько запусков миграций идут одновременно; после обновления Django примените миграции", False),
    ("ru", "два обновления одновременно: Django и Python", False),
    # rateRU (issue 33): a code note named three ways, a feature release, «глава о …» inside a link
    ("ru", "(см. примечание 2 на вкладке Flask)", True),
    ("ru", "имя с префиксом `__Host-` (пункт 2 в разделе «Настройка и секреты»)", True),
    ("ru", "(см. пояснение 2 на вкладке Flask); разбор JSON из пояснения 3; первый пункт плана", False),
    ("ru", "исправления получает только последняя функциональная версия", True),
    ("ru", "оно растёт с каждым функциональным выпуском", True),
    ("ru", "только последний выпуск с новыми возможностями; функциональные тесты", False),
    ("ru", "как показано в [главе о WebSocket](../compare/websockets.md#refusing).", True),
    ("ru", "дерево процессов показано в [главе о развёртывании](../compare/deployment.md#uvicorn).", True),
    ("ru", "в главе [WebSocket и работа в реальном времени](x.md); на [главной странице](../index.md)", False),
    # rateRU2: the same at a sentence's start, capital Г after the bracket
    ("ru", "Flask сам возвращает JSON.\n[Глава о REST API](../compare/rest_apis.md) объясняет, почему.", True),
    ("ru", "Глава [REST API](../compare/rest_apis.md) объясняет, почему. [Главная страница](../index.md)", False),
    ("ru", "Только в Django. Flask и FastAPI оставляют базу данных вам.", True),
    ("ru", "FastAPI оставляет выбор базы данных вам", True),
    ("ru", "Flask и FastAPI оставляют работу с базой данных вам; миграция оставляет базу данных без изменений", False),
    # finalru: a tab is «на вкладке», never «во вкладке»
    ("ru", "по той же причине, что и во вкладке Flask.", True),
    ("ru", "Во вкладках FastAPI и Django", True),
    ("ru", "см. пояснение 2 на вкладке Flask; во время запроса", False),
    ("ru", "Во второй вкладке (SuspiciousOperation) — запрос с чужим `Host`", True),
    ("ru", "На второй вкладке (SuspiciousOperation) — запрос; откройте ссылку в новой вкладке", False),
    # rateRU4: the same with a preposition inside the link
    ("ru", "например, [в главе о маршрутизации](../compare/routing.md#run-it).", True),
    ("ru", "Так сделано везде.\n[В главе о миграциях](x.md) это показано.", True),
    ("ru", "пример [из главы о формах](../compare/forms.md)", True),
    ("ru", "например, в главе [Маршрутизация](../compare/routing.md#run-it); на [главной странице](../index.md)", False),
    # rateRU5: the Channels chapter linked by the English label, and DRF's permission classes in a longer form
    ("ru", "Подробнее — на странице [Django Channels](channels.md).", True),
    ("ru", "Подробнее — в главе [Channels](channels.md); Django Channels работает под любым ASGI-сервером", False),
    # rate-ru5, rate-ru6: the AI chat chapter by the English pages' label
    ("ru", "Как сделать правильно, показывает [проект ИИ-чата](../projects/ai-chat.md).", True),
    ("ru", "[Проект ИИ-чата](../projects/ai-chat.md#nginx) проверяет оба способа", True),
    ("ru", "показано в главе [Бэкенд для ИИ-чата](../projects/ai-chat.md); набросок ИИ-чата; проект ИИ-чата", False),
    ("ru", "DRF добавляет роутеры, классы прав доступа и троттлинга", True),
    ("ru", "DRF добавляет роутеры, классы прав и троттлинга; у пользователя есть права доступа", False),
    # ru47 (issue 47): the Russian review's TERM findings and the slips a pattern can catch
    # M-1: a webhook delivery to drop is not «пропускайте»
    ("ru", "в одной транзакции с обработкой и пропускайте доставку, если вставка не удалась", True),
    ("ru", "пропустите эту доставку", True),
    ("ru", "а доставку, для которой вставка не удалась, не обрабатывайте; проверка пропустит обе копии", False),
    # T-1: credential is учётные данные
    ("ru", "получает удостоверение (credential), которое затем предъявляет", True),
    ("ru", "креденшелы клиента", True),
    ("ru", "получает учётные данные (credential) — cookie сессии или токен; учётная запись пользователя", False),
    # T-2: the Architecture chapter by its nav title
    ("ru", "в главах [WSGI и ASGI](x.md) и [Архитектура: ASGI и WSGI](../performance/architecture.md)", True),
    ("ru", "в главах [Архитектура](../performance/architecture.md) и [Архитектура DRF](x.md); архитектура: слои", False),
    # T-3: class-based view
    ("ru", "а представление на основе класса отвечает только на свои методы", True),
    ("ru", "Класс-представление `View`", True),
    ("ru", "представление-класс, унаследованное от `View`; классы представлений DRF; представления-классы", False),
    # rate-ru7: the function view, the same pair reversed
    ("ru", "| функция-представление: получает данные, выбирает шаблон |", True),
    ("ru", "`request.endpoint` — это имя функции-представления.", True),
    ("ru", "представление-функция получает данные; имя представления-функции; функция `view()`", False),
    # rate-ru7: API key in one form
    ("ru", "вызывает OpenAI с API-ключом прямо в коде", True),
    ("ru", "вызывает OpenAI с ключом API прямо в коде; ключ API храните в окружении; OpenAI API", False),
    # rate-ru7: a reversed URL
    ("ru", "| Шаблон | экранирование, обратные URL, пустой список |", True),
    ("ru", "см. [Обратное построение URL](routing.md#reverse); построение URL по имени маршрута; "
     "обратный прокси; URL в обратном порядке", False),
    # S-5: docstring
    ("ru", "тот же файл, только без docstring", True),
    ("ru", "тот же файл, только без строки документации (docstring); `__doc__`", False),
    # S-7: fork
    ("ru", "### Gunicorn: мастер и форкнутые воркеры", True),
    ("ru", "мастер форкает `--workers` своих копий", True),
    ("ru", "мастер через `fork()` создаёт копии; воркеры, порождённые через fork; форк репозитория", False),
    # S-10: wait in await
    ("ru", "пока те ждут на `await`; все запросы, которые ждут на `await`", True),
    ("ru", "Ждут на `await` все", True),
    ("ru", "пока те ждут в `await`; сервер ждёт на порту `8000`; ждут на\nсокете", False),
    # S-11: production settings
    ("ru", "Продакшен-настройки Django такую проверку отклоняют", True),
    ("ru", "Настройки Django для продакшена такую проверку отклоняют; продакшен-сервер", False),
    # S-18: colloquial crash
    ("ru", "Любой текст роняет обработчик на сервере", True),
    ("ru", "Какая команда уронит сборку в CI?", True),
    ("ru", "Любой текст вызывает ошибку в обработчике; из-за какой команды упадёт сборка; урон от атаки", False),
    # rate-ru9 (rufix7): «недоверенный» is not a Russian word; «за тем же адресом» is a calque of behind
    ("ru", "комментарий предупреждает, что результат — недоверенный ввод", True),
    ("ru", "| последний компонент пути, по-прежнему недоверенный |", True),
    ("ru", "результат — непроверенные данные от клиента, доверять им нельзя; доверенный прокси", False),
    ("ru", "сервис на FastAPI, который растёт рядом с Django — за тем же адресом", True),
    ("ru", "Несколько приложений за одним\nадресом", True),
    ("ru", "по тому же адресу; за прокси; за одним столом; за тем же адресатом", False),
    # rate-ru13 (rufix10): the same calque with хост or домен, and «за одним и тем же адресом»
    ("ru", "За одним хостом, как здесь, браузеру CORS не нужен", True),
    ("ru", "оба приложения за одним\n  доменом", True),
    ("ru", "сервисы за одним и тем же адресом", True),
    ("ru", "на одном хосте; по одному адресу; за одним хостингом; за тем же доменным именем", False),
    # s60-ru (rufix18): вход is the act of logging in, never what a cookie stores, sends or keeps alive
    ("ru", "Один внедрённый скрипт крадёт вход; скрипт может прочитать вход", True),
    ("ru", "флаг `HttpOnly` у cookie сессии Flask: вход в админку хранится в этой cookie.", True),
    ("ru", "каждый браузер сам решает, отправлять ли вход с запросами других сайтов", True),
    ("ru", "сохранение книги раз в семь часов продлевало вход\nбез конца", True),
    ("ru", "(`timedelta` или `None` — пока длится вход)", True),
    ("ru", "в этой cookie хранится сессия администратора; отправлять ли эту cookie; продлевало сессию; на всё время "
     "сессии; время входа хранится в сессии; успешный вход устанавливает cookie; отправляйте посетителя на вход; "
     "отправить форму входа; скрипт крадёт сессию", False),
    # s60-ru: «запасной» agreeing with a code name (the span is blanked before matching)
    ("ru", "Без `DJANGO_SECRET_KEY` настройки берут ключ из кода. Оставьте запасной `get_random_secret_key()` из заготовки.", True),
    ("ru", "Оставьте запасное значение из заготовки, `get_random_secret_key()`, или не задавайте запасного значения "
     "вовсе; ключ; с запасным ASCII-вариантом", False),
    # s60-ru: a crash that sends, the exception's text as «сообщение», DEBUG «выключенным по умолчанию»
    ("ru", "При включённом `DEBUG` сбой отправляет клиенту техническую страницу Django", True),
    ("ru", "работает в режиме отладки: каждый сбой отправлял бы клиенту трассировку", True),
    ("ru", "при сбое Django отправляет клиенту свою техническую страницу; при каждом сбое трассировка уходила бы "
     "клиенту; сбой отправки письма", False),
    ("ru", "`FastAPI(debug=True)` при сбое отправляет клиенту трассировку со всем, что есть в сообщении", True),
    ("ru", "трассировку вместе с текстом исключения, что бы в нём ни было; со всем, что есть в запросе; в сообщении "
     "WebSocket", False),
    ("ru", "Оставьте `DEBUG = False` или читайте его из окружения, выключенным по умолчанию.", True),
    ("ru", "(`DEBUG = True` или значение из окружения, включённое по умолчанию)", True),
    ("ru", "читайте значение из окружения так, чтобы по умолчанию отладка была выключена; значение читается из "
     "окружения и по умолчанию отладка включена", False),
    # s60-ru: "read into memory"
    ("ru", "Тело больше 2,5 МиБ отклоняется до того, как будет прочитано в память", True),
    ("ru", "тело может прислать любой, а читается оно в память до проверки подписи", True),
    ("ru", "до того, как будет считано в память; считывается оно в память; читает тело; память процесса", False),
    ("ko", "`summary`를 지연(defer)시킵니다", True),
    ("ko", "지연된 필드 읽기", True),
    ("ko", "`defer()`로 미뤄 둔 필드와 지연 로딩", False),
    ("ko", "요청이 짧다면 동기 워커로 충분합니다", True),
    ("ko", "요청이 짧다면 sync 워커로 충분합니다", False),
    ("ko", "SQLAlchemy는 드라이버의 플레이스홀더(`?`)를 씁니다", True),
    ("ko", "SQLAlchemy는 드라이버의 자리 표시자(`?`)를 씁니다", False),
    ("ko", "점 경로로 import할 수 있습니다", True),
    ("ko", "구문 오류나 import 오류가 난 줄", True),
    ("ko", "점 경로로 임포트할 수 있습니다. `import` 문은 맨 위에 둡니다", False),
    ("ko", "로그인 실패는 요청 제한 횟수에 포함되지 않습니다", True),
    ("ko", "비율 제한은 IP 주소 기준입니다", True),
    ("ko", "| 허용 횟수 초과 | `429` |", True),
    ("ko", "로그인 실패는 요청 한도에 포함되지 않습니다", False),
    ("ko", "`CharField`는 기본적으로 공백을 제거합니다", True),
    ("ko", "`CharField`는 기본으로 공백을 제거합니다", False),
    ("ko", "명령은 내 사본을 절대 덮어쓰지 않습니다", True),
    ("ko", "## 내 컴퓨터에서 실행하기", True),
    ("ko", "명령은 여러분의 사본을 절대 덮어쓰지 않습니다. `None`은 \"내 스킴이 아님\"이라는 뜻입니다", False),
    ("ko", "<quiz>\n바뀔까요?\n- [x] 아니요. 바뀌지 않습니다\n- [ ] 예. 바뀝니다\n\n아니요. 인증이 먼저 실행됩니다.\n</quiz>", True),
    ("ko", "<quiz>\n바뀔까요?\n- [x] 아니요. 바뀌지 않습니다\n- [ ] 예. 바뀝니다\n\n아닙니다. 인증이 먼저 실행됩니다.\n</quiz>\n\n| NULL 허용 | 아니요(`Mapped[X]`) |", False),
    ("ko", "주문이 아닌 본문은 모두 거절하세요", True),
    ("ko", "주문이 아닌 본문은 모두 거부하세요", False),
    ("ko", "뷰가 예외를 일으키면 실행되지 않습니다", True),
    ("ko", "둘 다 `TypeError`를 일으킵니다", True),
    ("ko", "파서가 `ValueError`를 일으킬 때", True),
    ("ko", "뷰가 예외를\n던졌을 때", True),
    ("ko", "예외가 의존성 안으로 던져지므로", True),
    ("ko", "뷰가 `TypeError`를 발생시키면 문제를 일으킵니다. 지연 로딩을 일으킵니다", False),
    ("ko", "어떤 ASGI 서버든 Channels 애플리케이션을 서비스합니다", True),
    ("ko", "`runserver`가 서비스할 앱", True),
    ("ko", "어떤 ASGI 서버든 Channels 애플리케이션을 실행합니다. 작은 서비스, 다른 서비스를 기다립니다", False),
    ("ko", "Twisted의 `http2` extra를 설치하세요", True),
    ("ko", "`websockets-sansio` 추가 패키지", True),
    ("ko", "`sqladmin[auth]` 추가 의존성", True),
    ("ko", "Twisted의 `http2` 추가 기능(extra)을 설치하고, `extra=\"forbid\"`를 주세요", False),
    ("ko", "본문을 돌려주는 호출 가능한 객체입니다", True),
    ("ko", "본문을 돌려주는 호출 가능 객체입니다. 호출 가능한 함수", False),
    ("ko", "## 경로 탐색(path traversal) { #path-traversal }", True),
    ("ko", "`../../etc/passwd` 같은 경로 탐색을 막지 못합니다", True),
    ("ko", "## 경로 순회(path traversal) { #path-traversal }", False),
    ("ko", "Flask는 `static/` 폴더를 서브합니다", True),
    ("ko", "Flask는 `static/` 폴더를 서빙합니다. 형제 서브도메인의 폼", False),
    # editor-ko (issue 33): terms split between pages, and typography (ko.yml)
    ("ko", "끝 슬래시 리디렉션의 `Location`", True),
    ("ko", "끝 슬래시 리다이렉트의 `Location`", False),
    ("ko", "빈도 제한은 서비스의 API 키에 걸립니다", True),
    ("ko", "| 요청 빈도를 제한함(`429`) |", True),
    ("ko", "요청 한도는 서비스의 API 키에 걸립니다. 클라이언트가 호출할 수 있는 빈도도 제한하세요", False),
    ("ko", "개발 서버이므로 자기 컴퓨터에서만 쓰세요", True),
    ("ko", "개발 서버이므로 로컬에서만 쓰세요", False),
    ("ko", "25초마다 보내는 ping은 유휴 연결을 유지합니다", True),
    ("ko", "25초마다 보내는 핑은 `ping_interval`로 정합니다. pre-ping이 죽은 연결을 알아챕니다", False),
    ("ko", "## Origin 확인 { #origin }", True),
    ("ko", "| `asgi.py`의 Origin 검증 |", True),
    ("ko", "## 출처 확인 { #origin }\n\n다른 출처(origin)의 페이지는 `Origin` 헤더를 보냅니다. \"Origin checking failed\"", False),
    ("ko", "컨슈머와 scope는 Channels 장에서 다룹니다", True),
    ("ko", "컨슈머와 스코프는 Channels 장에서 다룹니다. `scope[\"user\"]`, *스코프*(scope)", False),
    ("ko", "`send_json()`은 공백 없는 압축된 JSON을 씁니다", True),
    ("ko", "`send_json()`은 공백을 넣지 않은 JSON을 보냅니다. 정적 파일을 gzip으로 압축합니다", False),
    ("ko", "두 열에 모두 쓰고, 기존 행을 옮깁니다", True),
    ("ko", "둘 다 같은 클라이언트에 쓰고, 그 소켓에 핑을 씁니다", True),
    ("ko", "Pydantic이 Rust로 JSON 바이트를 씁니다. nginx는 요청이 끝날 때 로그를 씁니다", True),
    ("ko", "조각은 모델이 쓰는 대로 도착합니다", True),
    ("ko", "두 열에 모두 기록하고, 소켓으로 핑을 보냅니다. Pydantic이 JSON을 만들고 모델이 생성하는 대로 도착합니다. 메모리를 씁니다", False),
    ("ko", "| 상황 | Flask (Flask-Migrate) | FastAPI (Alembic) | Django |", True),
    ("ko", "| | FastAPI\n(이 페이지) |", True),
    ("ko", "| 상황 | Flask(Flask-Migrate) | FastAPI(Alembic) | Django |", False),
    ("ko", "[Werkzeug](https://werkzeug.palletsprojects.com/)(WSGI 툴킷). Flask-Migrate는 (버전 4.0부터) 배치 모드를 켭니다. `f()` (x)", False),
    # rateKO (issue 33): the admin interface had two names, 관리자 인터페이스 (the chapter) and 관리자 화면
    ("ko", "Django에는 관리자 화면이 내장되어 있습니다", True),
    ("ko", "| [관리자\n화면](../compare/admin.md) | Flask-Admin |", True),
    ("ko", "Django에는 관리자 인터페이스가 내장되어 있습니다. 로그인 화면의 폼, 관리자 권한이 있는 사용자", False),
    # rateKO: 처럼 after code, where 쓰다 reads write or use (ko.yml, write code in a given form)
    ("ko", "값을 출력할 때 적용하는 함수로, `{{ value|filter }}`처럼 씁니다", True),
    ("ko", "`db.Column(db.Integer)`처럼\n쓴 예제", True),
    ("ko", "`{{ value|filter }}`처럼 적습니다. `db.Column(db.Integer)`처럼 작성한 예제. 함수처럼 씁니다", False),
    # koE3: a lock is 잠금 (PostgreSQL's Korean documentation), not 락; 수락, 누락, 허락 end in 락
    ("ko", "테이블 락에 걸린 요청은 2초 뒤에 실패합니다", True),
    ("ko", "| 락 타임아웃에 걸림 |", True),
    ("ko", "락이 없으면 두 스레드가 같은 ID를 읽습니다", True),
    ("ko", "테이블 잠금에 걸린 요청, 잠금 타임아웃. 연결을 수락하고 누락된 필드를 서버가 허락하는 한 받습니다. `락`", False),
    # rateKO4: raise as a relative clause before 예외 (ko.yml, raise)
    ("ko", "`json.loads()`가 일으키는 예외를 아무도 잡지 않습니다", True),
    ("ko", "뷰가 일으킨\n예외는 미들웨어로 갑니다", True),
    ("ko", "파서가 던지는 예외", True),
    ("ko", "`json.loads()`가 발생시키는 예외를 아무도 잡지 않습니다. 문제를 일으키는 쿼리, 지연 로딩을 일으킨 예제", False),
    # issue 47 (ko review 2026-11-26): a term split by a word in between, 하위 도메인, 관리자 사이트
    ("ko", "Uvicorn은 소켓에 다시 쓸 수 있을 때까지 기다립니다", True),
    ("ko", "스레드가 그 소켓에\n곧바로 씁니다", True),
    ("ko", "두 열에 한꺼번에 쓰고", True),
    ("ko", "nginx는 로그를 다시 씁니다", True),
    ("ko", "Pydantic이 JSON을 직접 씁니다", True),
    ("ko", "Uvicorn은 소켓으로 다시 보낼 수 있을 때까지 기다립니다. 열에 맞춰 정렬하고, 소켓에. 쓸 수 있습니다. 로그를 그대로 씁니다", False),
    ("ko", "`.example.com`은 `example.com`과 모든 하위 도메인을 뜻합니다", True),
    ("ko", "형제 하위도메인의 페이지", True),
    ("ko", "`.example.com`은 `example.com`과 모든 서브도메인을 뜻합니다. 하위 폴더와 하위 경로", False),
    ("ko", "Django의 관리자 사이트는 세션으로 로그인시킵니다", True),
    ("ko", "| 상황 | Flask-Admin | Django 관리자\n사이트 |", True),
    ("ko", "Django의 관리자 인터페이스는 세션으로 로그인시킵니다. 관리자 앱, 기본 사이트(`admin.site`), 관리자가 사이트를 엽니다", False),
    # rate-ko3, rate-ko4: the admin as 관리자 페이지, a close frame, a numbered note, mark safe, noise
    ("ko", "1.  관리자 페이지를 홈 페이지와 함께 `/admin/`에 마운트합니다", True),
    ("ko", "\"FastAPI에는 관리자\n페이지가 없으니 직접 만들어야 한다.\"", True),
    ("ko", "관리자 인터페이스를 마운트합니다. 관리자 인터페이스의 페이지를 보여 주기 전에, 로그인 페이지로 보냅니다", False),
    ("ko", "30초까지 기다린 뒤 닫기 프레임 없이 연결을 끊습니다", True),
    ("ko", "종료 프레임(close frame)을 보냅니다. 연결을 닫기 전에 프레임을 모읍니다", False),
    ("ko", "(Flask 탭의 주석 2 참고)", True),
    ("ko", "설정 절의 주석 2번에서 본 `__Host-` 이름", True),
    ("ko", "Flask 탭의 첫 번째 주석을 보세요", True),
    ("ko", "(Flask 탭의 설명 2 참고). 이 파서의 주석은 경고합니다. 주석 처리된 예시와 `# 주석 2`", False),
    ("ko", "그 출력만 safe로 표시하세요", True),
    ("ko", "그 출력만 안전하다고 표시하세요. `|safe` 필터로 표시한 값", False),
    ("ko", "이유는 비밀 유지가 아니라 소음입니다", True),
    ("ko", "이유는 비밀 유지가 아니라 로그에 쌓이는 잡음을 줄이는 데 있습니다", False),
    # rate-ko3 deployment-2, -3: a connection is not 놓다, sleep is not 잠들다
    ("ko", "이런 프록시는 유휴 업스트림 연결을\n서버가 닫기 전에(기본값은 Uvicorn 5초, Gunicorn 2초) 먼저 놓아야 합니다", True),
    ("ko", "트랜잭션은 연결을\n놓지 않기 때문입니다", True),
    ("ko", "먼저 닫아야 합니다. 풀에 연결을 반환합니다. 연결을 놓쳤습니다. 연결을 그대로 열어 놓습니다", False),
    ("ko", "두 프로세스가 뷰가 잠드는 시간 정도 만에 응답합니다", True),
    ("ko", "이 함수가 잠든 동안에는 다른 요청이 처리되지 않습니다", True),
    ("ko", "뷰의 `sleep()` 시간 정도 만에 응답합니다. 테이블 잠금, 잠금 타임아웃, `잠든`", False),
    # rate-ko5, rate-ko6 (kofix3): sleep's polite form and Latin sleep, cross-site, reversing a URL,
    # newer, a literal `/../`, overlapping the waits
    ("ko", "`fetch_rate()`는 블로킹 호출입니다(동기 드라이버가 기다리듯 잠듭니다)", True),
    ("ko", "요청 네 개를 1초 동안 sleep하는 뷰로 보냅니다", True),
    ("ko", "네 번의 sleep이 네 스레드에서 동시에 진행됩니다", True),
    ("ko", "`time.sleep()`으로 기다립니다. `sleep()` 호출 네 번, `sleep`이 있다면. 잠금을 잡습니다", False),
    ("ko", "SQLAdmin 폼은 교차 사이트 POST에 열려 있습니다", True),
    ("ko", "| 교차사이트 보호 | CSRF 미들웨어 |", True),
    ("ko", "브라우저는 크로스 사이트\n하위 요청에 쿠키를 싣지 않습니다", True),
    ("ko", "사이트 간 요청 위조, 사이트 간 하위 요청. 크로스 사이트 스크립팅(XSS), 크로스\n사이트 스크립팅. 교차 출처 `POST`", False),
    ("ko", "URL은 라우트 이름으로 역방향 조회(reverse)해 만듭니다", True),
    ("ko", "| 템플릿 | 이스케이프, 역방향 URL, 빈 목록 |", True),
    ("ko", "URL은 라우트 이름으로 역으로 만듭니다(reverse). 역방향 관계, 역방향 외래 키, 이름으로 만든 URL, 조회 쿼리", False),
    ("ko", "두 번째이자 더 새로운 레이어가 있습니다", True),
    ("ko", "가능하면 더\n새로운 Node를 쓰세요", True),
    ("ko", "나중에 나온 Responses API, 그 이후 버전의 Node, 새 프로젝트, 새로운 연결을 더 엽니다. 더 새로 고칩니다", False),
    ("ko", "브라우저는 보내기 전에 문자 그대로의 `/../`를 정리합니다", True),
    ("ko", "경로에 그대로 적힌 `/../`, 문자 그대로 옮긴 문장, 문자 그대로의 의미", False),
    ("ko", "올바른 세 가지 버전은 대기 시간을 겹칩니다", True),
    ("ko", "약 1초. 비동기 뷰가 대기를 겹칩니다", True),
    ("ko", "DRF 워커 하나가 네 번의 기다림을\n서로 겹쳐 처리했습니다", True),
    ("ko", "기다리는 시간이 서로 겹칩니다. 대기가 겹칩니다. 데코레이터를 겹쳐 붙이고, `%`를 두 번 겹쳐 적습니다", False),
    # rate-ko10 (kofix6): reverse as a bare Latin word, pretty-printed JSON spaced as two words, a
    # prefix that wins, Flask's mimetype as a word of the sentence
    ("ko", "URL 이름과 그 인자(reverse는 Django가 대신 해 줍니다)", True),
    ("ko", "URL 이름과 그 인자(이름으로 URL을 만드는 일은 Django가 대신 해 줍니다). 역으로 만듭니다(reverse). 역참조 접근자(reverse accessor), `reverse()`, [리버스 프록시 뒤에서](x.md#reverse-proxy)", False),
    ("ko", "이름으로 만든 URL. reverse를 Django가 합니다", True),
    ("ko", "JSON은 보기 좋게 들여 썼습니다", True),
    ("ko", "JSON은\n보기 좋게 들여\n쓰고, 헤더는", True),
    ("ko", "JSON 본문은 들여쓰기해 보기 좋게 표시했습니다. 네 칸 들여쓰기, 안으로 들여 놓습니다", False),
    ("ko", "가장 길게 일치하는 접두사가 이기므로", True),
    ("ko", "먼저 찾은 쪽이 이깁니다", True),
    ("ko", "가장 길게 일치하는 접두사가 우선하므로 먼저 찾은 쪽이 우선합니다. 이기종 데이터베이스, 이기적인", False),
    ("ko", "`text/*` mimetype이면 Flask가 붙입니다", True),
    ("ko", "MIME 타입이 `text/*`이면", True),
    ("ko", "미디어 타입이 `text/*`이면 `mimetype=\"text/csv\"`를 넘기세요. 콘텐츠 타입", False),
    # rate-ko11, rate-ko12 (kofix7): 거부당하다 for a submission, 아이템 beside 항목, Session 인증 in
    # a table, 규모 있는 for at scale
    ("ko", "실제 사용자의 제출은\n모두 거부당할 수 있습니다", True),
    ("ko", "실제 사용자의 제출은 모두 거부될 수 있습니다. 요청을 거부합니다", False),
    ("ko", "데이터베이스가 없습니다. 아이템은 메모리에 있습니다", True),
    ("ko", "항목은 메모리에 있습니다. `items`에 둡니다", False),
    ("ko", "자격 증명 없음, Session 인증이 첫 번째", True),
    ("ko", "자격 증명 없음, 세션 인증이 첫 번째. `SessionAuthentication`, Basic/Token 인증", False),
    ("ko", "Channels로 규모 있는 실시간 기능", True),
    ("ko", "Channels로 대규모 실시간 기능, 규모가 큰 시스템", False),
    # rate-ko17 (kofix10): 평문 HTTP beside the guide's 일반 HTTP, 뷰셋 for the chapter's ViewSet, a
    # test's setting override said 덮어쓰다 (overwrite)
    ("ko", "보내지 않는 브라우저(Safari 16.4 이전, 평문 HTTP로 연 페이지)", True),
    ("ko", "nginx와는 평문\nHTTP로 통신하는 로드 밸런서", True),
    ("ko", "일반 HTTP로 연 페이지. Starlette는 자체 평문 `Content Too Large`를 보냅니다", False),
    ("ko", "DRF의 뷰셋(ViewSet), 라우터", True),
    ("ko", "DRF의 ViewSet, 라우터, `ProductViewSet`", False),
    ("ko", "DRF는 테스트에서 덮어쓴 설정을 전부 무시합니다", True),
    ("ko", "테스트에서 이 설정을 덮어쓰면", True),
    ("ko", "테스트에서 오버라이드한 설정. 프록시가 헤더를 설정하거나 덮어쓰고, 두 재입고가 서로를 덮어쓸 수 없습니다", False),
    # rate-ko18 (compare/admin, django/mvt): the login redirect in the passive of 보내다; 범위 없는 for unbounded
    ("ko", "익명 방문자는 로그인 페이지로\n        보내집니다.", True),
    ("ko", "익명 방문자는 로그인 페이지로 보내지고, 요청은 로그인 페이지로 보내져", True),
    ("ko", "익명 방문자는 로그인 페이지로 리다이렉트됩니다. `@login_required`는 방문자를 로그인 페이지로 보낼 때, "
     "sqladmin이 나머지 사람을 로그인 페이지로 보냅니다. 쿠키를 보내지 않습니다", False),
    ("ko", "범위\n    없는 목록은 테이블과 함께 커집니다", True),
    ("ko", "상한 없는 목록은 테이블과 함께 커집니다. 범위 없는 요청", False),
    # rate-ko20 (compare/errors): Django's technical page as 기술 페이지
    ("ko", "`DEBUG = True`이면 Django는 대신 자체 기술 페이지를 보여 줍니다", True),
    ("ko", "Django는 자체 기술 `404`·`500` 페이지를 보여 주고", True),
    ("ko", "Django는 자체 기술\n  페이지를 보냅니다", True),
    ("ko", "Django는 개발자용 디버그 페이지를 보여 주고 자체 `404`·`500` 디버그 페이지를 보냅니다. 기술 문서, 기술 스택", False),
    # rate-ko20 (compare/websockets): 가입 for joining a Channels group, beside the channel layers
    # page's 그룹에 들어가다
    ("ko", "그룹 멤버십은 가입하고 `group_expiry`초가 지나면 끝납니다", True),
    ("ko", "멤버십이 끝나기 전에 다시\n가입하는 컨슈머", True),
    ("ko", "그룹 멤버십은 그룹에 들어가고 `group_expiry`초가 지나면 끝납니다. 회원 가입 폼", False),
    ("ko", "이 페이지의 코드는 회원 가입 폼을 하나씩 구현합니다. 회원 가입을 마친 사용자", False),
    # rate-ko21 (django/wsgi_asgi, and performance/async_io): a keyword pluralised, a bare English verb
    ("ko", "요청 하나 안에서는 await들이 여전히 겹칠 수 있습니다", True),
    ("ko", "업스트림 호출 두 개를 gather하는 뷰는", True),
    ("ko", "요청 하나 안에서는 대기가 겹칠 수 있습니다. `asyncio.gather()`로 함께 기다리는 뷰, `await`는 키워드입니다", False),
    # rate-ko21 (django/wsgi_asgi, and compare/deployment's table): *under WSGI* as X 아래의
    ("ko", "WSGI\n아래의 비동기 뷰는 동시성을 얻지 못합니다", True),
    ("ko", "Uvicorn(단독 또는 Gunicorn 아래에서)", True),
    ("ko", "WSGI에서는 비동기 뷰가 동시성을 얻지 못합니다. Uvicorn(단독으로, 또는 Gunicorn의 워커로). 아래 표", False),
    # rate-ko21 (performance/choosing): *lean towards* and *typed*
    ("ko", "| 상황 | 기울어지는 쪽 | 이유 |", True),
    ("ko", "자체 데이터와 타입이 있는 계약을 가진 작은 서비스", True),
    ("ko", "| 상황 | 더 알맞은 쪽 | 이유 | 타입을 명시한 SQLAlchemy 모델, 타입이 맞는 값", False),
    # rate-ko21 (overview/profiles): a plain install as 옵션 없이
    ("ko", "옵션 없이 `pip install`했을 때 함께 설치되는 패키지", True),
    ("ko", "옵션 없이 설치해도 패키지 여섯 개가\n함께 설치됩니다", True),
    ("ko", "추가 기능(extra) 없이 `pip install`했을 때 함께 설치되는 패키지. 옵션 없이 실행하면 기본값을 씁니다", False),
    # rate-ko22 (compare/auth, compare/forms, their exercises, the Channels pages)
    ("ko", "`TOKENS`에서 지운 토큰(로그아웃했거나 폐기된 토큰)", True),
    ("ko", "`TOKENS`에서 지운 토큰(로그아웃했거나 무효화된 토큰). 폐기 예정인 `@validator`", False),
    ("ko", "암호화되지 않은\nHTTP라면 Chromium은", True),
    ("ko", "일반 HTTP라면 Chromium은. 암호화되지 않은 일반 HTTP", False),
    ("ko", "모든 필드가 올바를 때만 실행되는 검증기", True),
    ("ko", "올바른 가입은 여전히 리다이렉트되어야 합니다. 올바른\n토큰이 없으면", True),
    ("ko", "모든 필드가 유효할 때만 실행되는 검증기. 유효한 가입 요청, 유효한 토큰. 올바른 JSON이 아닌 본문, 올바른 결과", False),
    ("ko", "`SameSite=Lax` 쿠키는 최상위 내비게이션에는 붙습니다", True),
    ("ko", "`SameSite=Lax` 쿠키는 최상위 탐색(navigation)에는 붙습니다.\n\n문서의 내비게이션 탭", False),
    ("ko", "브라우저가 인증 정보를 알아서 보내는 경우", True),
    ("ko", "브라우저가 자격 증명을 알아서 보내는 경우", False),
    ("ko", "시작 코드의 `RequestValidationError` 처리기를 그대로 두고", True),
    ("ko", "시작 코드의 `RequestValidationError` 핸들러를 그대로 두고", False),
    ("ko", "부여하거나 빼앗은 역할은 다음 요청부터 적용됩니다", True),
    ("ko", "부여하거나 회수한 역할은 다음 요청부터 적용됩니다.\n\n이벤트 루프에서 시간을 빼앗습니다", False),
    ("ko", "의존성은 사슬로 이어집니다. 의존성 사슬에", True),
    ("ko", "`get_editor`가 `get_current_user`에 의존합니다. await의 사슬은 일반 프레임의 사슬입니다", False),
    ("ko", "`disconnect()`에서 그룹을 떠납니다", True),
    ("ko", "`disconnect()`가 호출될 때 그룹에서 나갑니다. 클라이언트가 떠나면", False),
    ("ko", "코드에 적은 대체값 없이 읽으세요. 새 무작위 키를 만드세요", True),
    ("ko", "코드에 적은 대체 값 없이 읽으세요. 임의의 새 키를 만드세요. 무작위 UUID", False),
    # s60-ko (kofix19): one idea spelled two ways by two exercises written side by side, Pydantic's
    # modes in bare Latin, and the app's key as 비밀 값 beside 시크릿 키
    ("ko", "줄 바꿈 없는 공백, 중간의 탭이나 줄\n바꿈", True),
    ("ko", "줄바꿈 없는 공백, 중간의 탭이나 줄바꿈. 한 줄 바꿔 적습니다", False),
    ("ko", "폭이 없는 문자나 결합 문자", True),
    ("ko", "폭 없는 문자나 결합 문자, 폭 없는 공백(`\\u200b`). 폭이 좁은 화면", False),
    ("ko", "문자를 검사하는 코드(`isprintable()`, 정규 표현식)를 지우세요", True),
    ("ko", "문자를 검사하는 코드(`isprintable()`, 정규식)를 지우세요. 정규화를 거친 뒤", False),
    ("ko", "Pydantic은 lax 모드에서 JSON 불리언을 정수로 바꿉니다", True),
    ("ko", "`Book`처럼 필드를 strict로 만드세요", True),
    ("ko", "Pydantic의 기본 *관대한(lax)* 모드는", True),
    ("ko", "Pydantic의 기본(lax) 모드에서는", True),
    ("ko", "Pydantic의 기본 *느슨한(lax)* 모드는 엄격(strict) 모드와 달리 변환합니다. 엄격 모드로 검증하세요, "
     "엄격한 필드, 입력 규칙이 얼마나 관대한지, `strict`는 `true`를 거부합니다, `SameSite=lax`", False),
    ("ko", "디버그 모드는 꺼져 있어야 하고, 코드에 적힌 비밀 값이 없어야 합니다", True),
    ("ko", "환경 변수에 비밀 값이 없으면 앱이 코드에 적힌 키를 사용합니다", True),
    ("ko", "코드에 적힌 시크릿 키가 없어야 합니다. 토큰이 환경 변수이므로 코드에 비밀 값이 없습니다. 소스에 적힌 비밀 값", False),
    # s61-ko (kofix20): a header a client writes, a literal fallback, and a check's expected value as a passive
    ("ko", "헤더는 어떤 클라이언트든 마음대로 쓸 수 있습니다", True),
    ("ko", "클라이언트는 어떤 헤더든 마음대로 적어 보낼 수 있습니다. 헤더에 담으면 쓰기 요청도 막힙니다", False),
    ("ko", "시크릿 키는 리터럴 기본값 없이 환경 변수에서 읽어야 합니다", True),
    ("ko", "시크릿 키는 코드에 문자열로 적은 대체 값 없이 환경 변수에서 읽어야 합니다. 기본값인 `None`", False),
    ("ko", "만든 URL: {1}. GET처럼 https가 기대됩니다", True),
    ("ko", "만든 URL: {1}. 기대한 결과: GET 요청처럼 https", False),
    # ru62 (issue 47): the reader told to refuse to start, and a host answered or refused
    ("ru", "Если ключ не задан или пуст, откажитесь запускаться: `raise`. Откажитесь\nстартовать.", True),
    ("ru", "Если ключ не задан или пуст, приложение должно отказываться запускаться; не давайте приложению "
     "запуститься; пусть приложение откажется запускаться; откажитесь от этой идеи", False),
    ("ru", "чтобы на любой другой хост приложение\nотвечало `400`", True),
    ("ru", "и на любой другой хост Flask ответит `400`", True),
    ("ru", "Приложения Flask и FastAPI отвечают по HTTP на любой хост (`test_x`)", True),
    ("ru", "Приложение отказало собственному имени: в `TRUSTED_HOSTS` должны быть все имена", True),
    ("ru", "чтобы на запрос с любым другим хостом приложение отвечало `400`; Flask отвечает по HTTP на запрос с "
     "любым хостом; абсолютные URL указывали бы на чужой хост; Приложение отклонило запрос со своим же именем "
     "в `Host`; ответ на GET /where с Host: localhost", False),
])
def test_the_terms_settled_for_issue_33_are_enforced(lang, text, rejected):
    assert bool(terminology.text_problems(terminology.load(lang), "sample", text)) is rejected


def test_the_button_rules_know_the_interfaces_buttons():
    """terminology.BUTTONS is the list the button rules check: every button the run and exercise
    panels and the quiz show in Korean and Russian is in it, so a renamed button is not missed."""
    for lang in ("ko", "ru"):
        shown = set()
        for path in SCRIPTS:
            text = (ROOT / path).read_text(encoding="utf-8")
            block = re.search(rf"\n    {lang}: {{\n(.*?)\n    }},?\n", text, re.DOTALL).group(1)
            shown |= set(re.findall(r'\b(?:run|edit|reset|stop|check|undo|download): "([^"]+)"', block))
        po = (ROOT / "guide_tools/website/quiz_locales" / f"{lang}.po").read_text(encoding="utf-8")
        shown |= {re.search(rf'msgid "{key}"\nmsgstr "([^"]+)"', po).group(1) for key in ("Reset", "Submit", "Reset quiz")}
        assert shown <= set(terminology.BUTTONS[lang]), f"{lang}: buttons missing from terminology.BUTTONS: {shown - set(terminology.BUTTONS[lang])}"
