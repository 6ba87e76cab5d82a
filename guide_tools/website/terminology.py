"""One term for one idea: each translation's terminology list and the check of its pages.

`guide_tools/website/terminology/<lang>.yml` records, for Korean and Russian, the rendering chosen for
each recurring term (`terms`) and each recurring section heading (`headings`), the variants
rejected for it and why. `problems(lang)` lists every place where a page of that language uses a
rejected variant in its prose (code, link targets, HTML tags, attribute lists and blockquotes
are not prose), naming the page, the line, the word and the chosen term, and every heading whose
English original is in the list but whose translation is not the chosen one.
`exercise_problems(lang)` checks the same way the exercises' text in that language: the titles
and hints in `exercises/<section>/<topic>/exercise.toml` and the `dev.py exercise` runner's own
messages (`MESSAGES` in guide_tools/exercises/runner.py), naming the file and the line.

A rejected variant is a regular expression matched at the start of a word (not after a letter
or digit), with its first letter in either case, with any ending after it: `потребител` finds `потребителя`, and
`사용 중단` finds `사용 중단되었습니다`. Where one word has two senses (Russian `коммит` for a
version-control commit, `фиксация` for a transaction's), `when` restricts a term to paragraphs
that match it. `allow` lists exact phrases in which a variant is fine (a quoted title).
Standard library and PyYAML only.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide_tools.website import content
from guide_tools.exercises import runner as exercises

LISTS = Path(__file__).resolve().parent / "terminology"
FIELDS = {"en", "use", "reject", "why", "when", "allow"}

_FENCE_LINE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Not prose: replaced by spaces of the same length, so columns and line numbers stay true.
_NOT_PROSE = [
    re.compile(r"`(?:[^`\n]|\n(?![ \t]*\n))+`"),  # inline code, also across a line break
    # link targets; the `]` stays, so a rejected chapter title can be matched as a whole link text
    re.compile(r"(?<=\])\([^)\n]*\)"),
    re.compile(r"<!--.*?-->", re.DOTALL),  # comments
    re.compile(r"<[^>\n]*>"),  # html tags
    re.compile(r"\{[^}\n]*\}"),  # attribute lists / anchors
    re.compile(r"https?://\S+"),
    re.compile(r"^[ \t]*>.*$", re.MULTILINE),  # blockquotes: another text's words
    re.compile(r'^[ \t]*===\+? ".*"[ \t]*$', re.MULTILINE),  # tab labels: the same in every language
    content.INCLUDE_RE,
]
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。])\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])")


@dataclass(frozen=True)
class Term:
    en: str
    use: str
    reject: tuple[str, ...]
    why: str
    when: str | None = None
    allow: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern[str]:
        """Case matters except for a capital first letter (a sentence's start): `MIDDLEWARE` is
        Django's setting, not the word middleware."""
        # A space in a variant matches any run of whitespace: prose wraps phrases across lines.
        spaced = [r.replace(" ", r"\s+") for r in self.reject]
        variants = [f"(?:[{r[0]}{r[0].upper()}]{r[1:]})" if r[0].isalpha() else f"(?:{r})" for r in spaced]
        return re.compile(r"(?<![\w])(?:" + "|".join(variants) + r")[\w-]*")


@dataclass(frozen=True)
class Terminology:
    lang: str
    terms: tuple[Term, ...]
    headings: tuple[Term, ...]


def _entries(path: Path, data: dict, key: str) -> tuple[Term, ...]:
    out = []
    for i, entry in enumerate(data.get(key) or []):
        where = f"{content.rel(path)}: {key}[{i}]"
        if not isinstance(entry, dict) or not {"en", "use", "why"} <= entry.keys():
            raise ValueError(f"{where}: each entry needs `en`, `use` and `why` (and `reject`, a list)")
        unknown = set(entry) - FIELDS
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}; the fields are {sorted(FIELDS)}")
        reject = tuple(entry.get("reject") or ())
        for r in reject:
            try:
                re.compile(r)
            except re.error as exc:
                raise ValueError(f"{where}: rejected variant {r!r} is not a valid regular expression ({exc})") from None
        out.append(Term(entry["en"], entry["use"], reject, entry["why"], entry.get("when"), tuple(entry.get("allow") or ())))
    return tuple(out)


def load(lang: str, lists: Path = LISTS) -> Terminology:
    path = lists / f"{lang}.yml"
    if not path.is_file():
        raise FileNotFoundError(f"{content.rel(path)}: no terminology list for {lang!r}; create it (see contributing/pages-and-translations.md, \"Terminology\")")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Terminology(lang, _entries(path, data, "terms"), _entries(path, data, "headings"))


def _block_lines(lines: list[str]) -> set[int]:
    """The indices of the lines that belong to the front matter or a fenced code block."""
    blocks, fence = set(), None
    in_front = bool(lines) and lines[0] == "---"
    for i, line in enumerate(lines):
        if in_front:
            blocks.add(i)
            if i > 0 and line == "---":
                in_front = False
            continue
        m = _FENCE_LINE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)
            blocks.add(i)
            continue
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            blocks.add(i)
    return blocks


def prose_lines(text: str) -> list[str]:
    """The page's lines with everything that is not prose blanked out (same lines and columns)."""
    lines = text.split("\n")
    blocks = _block_lines(lines)
    out = [" " * len(line) if i in blocks else line for i, line in enumerate(lines)]
    body = "\n".join(out)
    for pattern in _NOT_PROSE:
        body = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return body.split("\n")


def _sentences(body: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs: split at sentence ends, blank lines and list items."""
    out, start = [], 0
    for m in _SENTENCE_END_RE.finditer(body):
        out.append((start, body[start : m.start()]))
        start = m.end()
    out.append((start, body[start:]))
    return out


def _paragraph(body: str, offset: int) -> str:
    """The paragraph (text between blank lines) around `offset`: a quiz question with its options,
    a list item with its neighbours."""
    starts = [m.end() for m in _BLANK_LINE_RE.finditer(body, 0, offset)]
    end = _BLANK_LINE_RE.search(body, offset)
    return body[starts[-1] if starts else 0 : end.start() if end else len(body)]


def term_problems(term: Term, rel_page: str, body: str, sentences: list[tuple[int, str]], first_line: int = 1) -> list[str]:
    """Rejected variants of `term` in a page's prose (`body`, from prose_lines, split into `sentences`);
    `first_line` is the line of the file on which `body` starts."""
    if not term.reject:
        return []
    pattern, problems = term.pattern(), []
    for offset, sentence in sentences:
        if term.when and not re.search(term.when, _paragraph(body, offset), re.IGNORECASE):
            continue
        for m in pattern.finditer(sentence):
            if any(sentence.find(a) <= m.start() < sentence.find(a) + len(a) for a in term.allow if a in sentence):
                continue
            line = body.count("\n", 0, offset + m.start()) + first_line
            problems.append(f"{rel_page}:{line}: “{' '.join(m.group(0).split())}” — use “{term.use}” ({term.en})")
    return problems


def heading_problems(terms: Terminology, lang: str, page: str, docs: Path = content.DOCS) -> list[str]:
    """Headings whose English original is listed must read exactly as chosen (matched by anchor)."""
    chosen = {t.en: t for t in terms.headings}
    english = content.headings(content.page_path(content.DEFAULT_LANGUAGE, page, docs).read_text(encoding="utf-8"))
    by_anchor = {h.anchor: content.ANCHOR_RE.sub("", h.title).strip() for h in english if h.anchor}
    problems = []
    here = content.page_path(lang, page, docs)
    for h in content.headings(here.read_text(encoding="utf-8")):
        term = chosen.get(by_anchor.get(h.anchor, ""))
        title = content.ANCHOR_RE.sub("", h.title).strip()
        if term and title != term.use:
            problems.append(f"docs/{lang}/{page}: heading “{title}” {{ #{h.anchor} }} — use “{term.use}” ({term.en})")
    return problems


def problems(lang: str, docs: Path = content.DOCS, lists: Path = LISTS) -> list[str]:
    terms = load(lang, lists)
    out = []
    for page in content.pages(lang, docs):
        body = "\n".join(prose_lines(content.page_path(lang, page, docs).read_text(encoding="utf-8")))
        sentences = _sentences(body)
        for term in terms.terms + terms.headings:
            out += term_problems(term, f"docs/{lang}/{page}", body, sentences)
        out += heading_problems(terms, lang, page, docs)
    return out


_TOML_TABLE_RE = re.compile(r"^\s*\[([^\[\]]+)\]\s*$")
_TOML_ARRAY_RE = re.compile(r"^\s*\[\[([^\[\]]+)\]\]\s*$")


# A check's message is plain text, not Markdown: what is code in it (a value's place, a quoted
# value, a list or dict repr, a path or an HTML entity) is not marked as code, so it is marked here
# before the term and style rules read the message.
_MESSAGE_CODE_RE = re.compile(r"""`[^`]*`|\{\d+\}|'[^']*'|"[^"]*"|\[[^\]]*\]|\{\{.*?\}\}|(?<![\w/])/[\w/.?=&%-]*|&#?\w+;""")


def _as_code(message: str) -> str:
    return _MESSAGE_CODE_RE.sub(lambda m: m.group() if m.group().startswith("`") else f"`{m.group()}`", message)


def _toml_texts(path: Path, lang: str) -> list[tuple[int, str]]:
    """(line, text) of every `lang = "..."` string in an exercise.toml (titles, hints, causes and
    the checks' messages, `[[messages]]`), with the line of its key in the file."""
    lines, table, arrays = {}, "", {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if m := _TOML_ARRAY_RE.match(line):
            name = m.group(1).strip()
            arrays[name] = arrays.get(name, -1) + 1
            table = f"{name}.{arrays[name]}"
        elif m := _TOML_TABLE_RE.match(line):
            table = m.group(1).strip()
        elif m := re.match(r"\s*(\w+)\s*=", line):
            lines[f"{table}.{m.group(1)}".lstrip(".")] = number

    out = []

    def walk(data: dict, where: str) -> None:
        for key, value in data.items():
            here = f"{where}.{key}".lstrip(".")
            if isinstance(value, dict):
                walk(value, here)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        walk(item, f"{here}.{i}")
            elif key == lang and isinstance(value, str):
                out.append((lines.get(here, 1), _as_code(value) if here.startswith("messages.") else value))

    walk(tomllib.loads(path.read_text(encoding="utf-8")), "")
    return out


def exercise_texts(lang: str, root: Path = exercises.EXERCISES, runner: bool = True) -> list[tuple[str, int, str]]:
    """(file, line, text): what the exercises show a reader in `lang`, outside the pages' Markdown:
    each exercise.toml's titles and hints (the chapter's Exercises section and the runner print
    them) and, with `runner`, the runner's own messages."""
    out = [(content.rel(path), line, text)
           for path in sorted(root.glob(f"*/*/{exercises.DATA_FILE}"))
           for line, text in _toml_texts(path, lang)]
    if runner:
        source = Path(exercises.__file__)
        lines = source.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.strip() == f'"{lang}": {{')
        for key, text in exercises.MESSAGES[lang].items():
            line = next((i for i in range(start, len(lines)) if lines[i].strip().startswith(f'"{key}":')), start) + 1
            out.append((content.rel(source), line, text))
    return out


def exercise_problems(lang: str, root: Path = exercises.EXERCISES, lists: Path = LISTS, runner: bool = True) -> list[str]:
    """Rejected variants in the exercises' `lang` text, as `file:line: “word” — use “term”`."""
    terms = load(lang, lists)
    return [problem for where, line, text in exercise_texts(lang, root, runner)
            for problem in text_problems(terms, where, text, first_line=line)]


def text_problems(terms: Terminology, where: str, text: str, first_line: int = 1) -> list[str]:
    """Rejected variants in one text outside the pages (a hint, a message, a tooltip), named by `where`."""
    body = "\n".join(prose_lines(text))
    sentences = _sentences(body)
    return [problem for term in terms.terms + terms.headings
            for problem in term_problems(term, where, body, sentences, first_line=first_line)]


# --------------------------------------------------------------------------- style rules
#
# What the style guides (guide_tools/website/terminology/<lang>-style.md) make mechanical. Each
# rule is a regular expression run over a text's prose: code, link targets, HTML tags, attribute
# lists and blockquotes are replaced by `x` letters of the same length (not by spaces, so that
# "`app`는" does not read as a particle after a space), and where `quotes` is false, text in
# straight or «» quotes (another text's words, such as a claim the guide corrects) is left out too.


@dataclass(frozen=True)
class StyleRule:
    name: str
    pattern: str
    use: str  # what to write instead, shown in the message
    quotes: bool = True  # whether quoted text is checked too
    skip_line: str | None = None  # lines that are syntax, not prose (admonition titles)
    # Also match where a line break stands between the two halves: Markdown renders the break
    # as a space, so "`app`" at the end of one line and "을" at the start of the next is "`app` 을".
    across_lines: bool = False
    # Only in Markdown (the pages, where **bold** renders): not in the exercises' hints, the
    # runner's messages, the chooser or the quiz strings, which show plain text.
    markdown_only: bool = False
    # Only in the plain texts (the exercises' hints, the runner's messages, the chooser, the quiz
    # strings), where a line is a whole text and its start a sentence's start: on a page, a line may
    # start in the middle of a sentence.
    plain_text_only: bool = False

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.MULTILINE)


# The interface's own buttons, as the reader sees them (docs/assets/runtime/run.js, the exercise
# panel's docs/assets/exercises/exercise.js, the quiz's quiz_locales/<lang>.po). A sentence that
# names one marks it: ru-style.md and ko-style.md, §4.
BUTTONS = {
    "ru": ("Запустить", "Изменить", "Сбросить", "Остановить", "Проверить", "Отменить сброс", "Скачать",
           "Ответить", "Начать заново"),
    "ko": ("실행", "편집", "되돌리기 취소", "되돌리기", "중지", "검사", "내려받기", "제출", "퀴즈 초기화", "초기화"),
}
_RU_BUTTON = "(?:" + "|".join(BUTTONS["ru"]) + ")"
_KO_BUTTON = "(?:" + "|".join(BUTTONS["ko"]) + ")"

_UNITS = r"(?:ms|мс|µs|мкс|ns|s|с|KiB|MiB|GiB|КиБ|МиБ|ГиБ|KB|MB|GB|КБ|МБ|ГБ)"
_ADMONITION = r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]"

STYLE_RULES: dict[str, tuple[StyleRule, ...]] = {
    "ru": (
        StyleRule("straight quotes", r'"[^"\n]*"', "«ёлочки» (внутри — „лапки“)", skip_line=_ADMONITION),
        StyleRule("English quotes", r"“[^„”\n]*”", "«ёлочки» (внутри — „лапки“)"),
        StyleRule("hyphen as a dash", r"(?<=[а-яёА-ЯЁ»)x.,\d])[ \t]+-[ \t]+(?=[а-яёА-ЯЁ«(\d])|(?<=[а-яёА-ЯЁ»])[ \t]+-[ \t]+(?=\w)", "тире с пробелами: « — »"),
        StyleRule("unspaced dash", r"(?<=[а-яёА-ЯЁ])—|—(?=[а-яёА-ЯЁ])", "тире с пробелами: « — » (без пробелов — только между цифрами)"),
        StyleRule("number glued to its unit", rf"(?<![\w.,])\d+(?:[.,]\d+)?(?:{_UNITS}(?!\w)|%)", "пробел между числом и единицей или знаком %: 20 ms, 3 МиБ, 100 %"),
        # ru-style.md §4 (s59-ru): a number of four digits is not split (1200 сообщений); a table row
        # may group it beside five-digit ones in a column (the benchmarks' «10 000+ / 1 000»).
        StyleRule(
            "four-digit number split",
            r"(?<![\w.,\-−])(?<!\d[\u00a0 ])\d[\u00a0 ]\d{3}(?![\d\w]|[\u00a0 ]\d{3})",
            "четырёхзначное число без пробела: 1200, 2261 (пробел — от 10 000)",
            skip_line=r"^[ \t]*\|",
        ),
        StyleRule(
            "addressed as ты",
            r"(?<!\w)(?:[Тт]ы|[Тт]ебя|[Тт]ебе|[Тт]обой|[Тт]во(?:й|я|ё|е|и|его|ему|ей|ю|их|им|ими))(?!\w)"
            r"|(?<!\w)(?!(?:[Бб]решь|[Тт]ишь|[Гг]лушь|[Мм]ышь|[Лл]ишь)(?!\w))[а-яё]{2,}(?:ешь|ёшь|ишь)(?!\w)"
            r"|(?<!\w)(?:[Зз]апусти|[Оо]ткрой|[Пп]осмотри|[Дд]обавь|[Пп]роверь|[Сс]делай|[Ии]спользуй|[Нн]апиши|[Пп]опробуй"
            r"|[Зз]амени|[Уу]бери|[Вв]ыбери|[Сс]оздай|[Уу]станови|[Пп]еречитай|[Уу]кажи|[Вв]ерни|[Пп]ередай|[Вв]ызови"
            r"|[Пп]оставь|[Оо]тключи|[Вв]ключи|[Пп]ерезапусти|[Зз]апомни|[Оо]брати)(?!\w)",
            "«вы» и повелительное наклонение на -те: запустите, проверьте, вы можете",
            quotes=False,
        ),
        StyleRule(
            # Capitalized inside a sentence (after a lower-case word, code or a comma) an infinitive
            # is a button's name; unquoted, «нажмите Запустить» reads as two verbs. A sentence that
            # starts with the word (a plan's step «Запустить Daphne…») is not checked.
            "button name not in «ёлочки»",
            # In „лапки“ or single quotes it is marked, but not as the convention marks a control
            # (ru-style.md, issue 47): one marking for every button, «».
            rf"[a-zа-яё0-9,;:)»`][ \t]+{_RU_BUTTON}(?![\w»])|(?<![«\w])\*\*{_RU_BUTTON}\*\*"
            rf"|[„‘‚']{_RU_BUTTON}[“’‘']",
            "название кнопки в «ёлочках»: нажмите «Запустить», кнопка **«Проверить»**",
            across_lines=True,
        ),
        StyleRule(
            # ru-style.md §3: a qualifier stands before what it limits. After a negated verb,
            # «только» reads both ways: «X не вызывается только в режиме отладки» is "only in debug
            # mode is X skipped" and "X is skipped not just in debug mode". «Не только» (not only),
            # with nothing between the two words, is another phrase and is not matched.
            "только after a negated verb",
            r"(?<![\wа-яёА-ЯЁ])[Нн]е[ \t]+[а-яё]{3,}[ \t]+только[ \t]+(?:в|во|при|когда|если|для|на|после|до|под|у|с|из|от)(?![\wа-яё])",
            "«лишь»/«только» перед тем, что ограничивает: «лишь в режиме отладки `after_request` не вызывается», "
            "а не «`after_request` не вызывается только в режиме отладки»",
            quotes=False,
            across_lines=True,
        ),
        # ru-style.md §5 (ru review S-15, issue 47): «свой собственный» says the same thing twice.
        StyleRule(
            "pleonasm свой собственный",
            r"(?<![\wа-яёА-ЯЁ])[Сс]во(?:й|я|ё|е|его|ему|ей|ю|им|ими|их|ём)[ \t]+собственн[а-яё]*",
            "«свой» или «собственный», не оба: «со своим синтаксисом», «с собственным циклом событий»",
            quotes=False,
            across_lines=True,
        ),
        # ru-style.md §1 (ru review S-19, issue 47): «здешний» is spoken; say whose.
        StyleRule(
            "colloquial здешний",
            r"(?<![\wа-яёА-ЯЁ])[Зз]дешн[а-яё]*",
            "назовите, чей: «тесты этой главы», «переопределённый здесь `receive()`»",
            quotes=False,
        ),
        # ru-style.md §3 (rate-ru12, compare/rest_apis): "With the default `X=True`" as «При
        # `X=True` по умолчанию каждый из них отвечал `500`»: code does not decline, so «по
        # умолчанию» after it reads as the verb's adverb ("answered 500 by default"). Only where
        # «При»/«С» opens the sentence with the code: «работает с `sync` по умолчанию» is right.
        StyleRule(
            "по умолчанию after code opening a sentence",
            r"(?<![\wа-яёА-ЯЁ])(?:При|Со?)[ \t]+x[x \t]*?[ \t]+по[ \t]+умолчанию(?![а-яё])",
            "«По умолчанию `X=True`, поэтому …» или «При значении по умолчанию, `X=True`, …»",
            quotes=False,
            across_lines=True,
        ),
        # ru-style.md §4 (ru review Y-1, issue 47): two parentheses in a row, «(пояснение 2) (`test_x`)»;
        # a line break between them renders as a space too. One parenthesis, the parts joined by «;».
        StyleRule(
            "two parentheses in a row",
            r"\)[ \t]+\(",
            "одни скобки, части через точку с запятой: «(пояснение 2 в разделе [Настройка](#setup); `test_x`)»",
            across_lines=True,
        ),
    ),
    "ko": (
        StyleRule("number glued to its unit", rf"(?<![\w.,])\d+(?:[.,]\d+)?{_UNITS}(?![A-Za-z])", "숫자와 단위 사이에 공백: 20 ms, 3 MiB"),
        StyleRule(
            "space before a particle",
            r"[A-Za-z0-9x][ \t]+(?:은|는|가|을|를|의|에|에서|에는|로|으로|와|과|만|보다|입니다)(?=[ \t\n.,)]|$)",
            "조사는 앞말에 붙여 씁니다: FastAPI는, `app`을",
            across_lines=True,
        ),
        StyleRule("-십시오 register", r"십시오", "-세요: 실행하세요, 확인하세요"),
        StyleRule("number grouped by a space", r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,])", "쉼표로 자릿수 구분: 1,000단계, 10,000개"),
        # ko-style.md §4 (rate-ko19, compare/forms): a count or a duration of four digits or more,
        # with its counter, is grouped too (3600초 -> 3,600초). Not a year (2023년), a code or a port
        # (4000–4999번 코드, 8000번 포트), nor a bare value that mirrors code (`le=1000`, 1000까지).
        StyleRule("number of thousands not grouped", r"(?<![\d.,\w])\d{4,}(?=(?:초|개|단계|자|건|명|줄|바이트|회|행|배))",
                  "쉼표로 자릿수 구분: 3,600초, 10,000개; a setting's value as code: `3600`"),
        StyleRule("calque of it", r"(?<![가-힣])그것[은을이](?![가-힣])", "이는, or drop the pronoun and name the thing", quotes=False),
        StyleRule("calque of by (passive)", r"에 의해(?:서)?(?![가-힣])", "active voice: X가 처리합니다", quotes=False),
        StyleRule(
            "에게 after a thing",
            r"(?<![가-힣])(?:브라우저|클래스|파인더|서버|페이지네이터|컨슈머|미들웨어|핸들러|함수|뷰|앱|프레임워크|엔진|드라이버"
            r"|워커|프로세스|캐시|라우터|시리얼라이저|데이터베이스|nginx|Gunicorn|Uvicorn|Daphne|Django|Flask|FastAPI|DRF)들?에게(?![가-힣])",
            "에 (에게 is for people and animals): 브라우저에, 클래스에",
        ),
        StyleRule("calque of plain (평범한)", r"(?<![가-힣])평범(?:한|하게)(?![가-힣])", "일반 (일반 함수, 일반 텍스트), or say what it lacks: 해시 없는 이름", quotes=False),
        StyleRule(
            "count before the noun (N 개의)",
            r"(?<![가-힣\w])(?:\d+ ?|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|서른|몇|수십|수백|수천|수만|여러) )개의(?= )",
            "the count after the noun: 요청 스무 개, 필터 수십 개",
            quotes=False,
        ),
        StyleRule("calque of by hand (손으로)", r"(?<![가-힣])손으로(?= )", "직접, 수동으로", quotes=False),
        # ko-style.md §5 (rate-ko19, compare/testing): *its own app, its own database* as 자신만의 앱,
        # 자신만의 데이터베이스, a calque that reads as translated, twice a sentence on that page.
        # 자기만의 is the same calque (rate-ko20, django/channel_layers: 자기만의 큐).
        StyleRule("calque of its own (자신만의, 자기만의)", r"(?<![가-힣])자(?:신|기)만의(?![가-힣])", "따로, 별도의, 각자: 테스트마다 앱을 따로 만듭니다", quotes=False),
        StyleRule(
            # What a reader writes or a tool generates: a file and its copies, a migration, a
            # revision, a template, code, middleware, SQL, a row, a header. 쓰다 after these reads
            # as write and as use, whether they take 을/를 or 만/도 (행만 쓴다면: writes only rows,
            # or uses only rows?); so does 쓴 그대로 ("as written"). Not 그대로 쓰다 (use as is) nor
            # 직접 쓰다 alone (Alembic을 직접 쓰고: use it directly), which are right as they stand.
            # s60-ko 23 (kofix19): a key too, 같은 시크릿 키를 썼습니다, 코드에 적힌 키를 씁니다 (wrote the
            # key? used it?); the same message said 사용했습니다 in three exercises. Not 쿠키를 쓰는 (a
            # cookie is used, and 쿠키 ends in 키).
            "쓰다 with a file or code (write or use?)",
            r"(?:(?:파일|사본|쌍둥이|마이그레이션|리비전|템플릿|코드|미들웨어|SQL|헤더|(?<![가-힣])행|(?<![가-힣])키)(?:을|를|만|도)[ \t]+(?:직접[ \t]+)?"
            r"(?:쓰|씁|써|쓴|쓸|썼)|(?<![가-힣])쓴[ \t]+그대로)",
            "작성하다, 만들다, 생성하다, 저장하다, 기록하다 (write; 적힌 그대로 for as written) or 사용하다 (use): 쓰다 reads as both",
            quotes=False,
            across_lines=True,
        ),
        StyleRule(
            # ko-style.md §3: quotations in straight double quotes. Straight single quotes around
            # Korean text (the drift this rule was written for) and curly single quotes.
            "single quotes",
            r"(?<![A-Za-z0-9'])'[^'\n]*[가-힣][^'\n]*'(?![A-Za-z'])|‘[^’\n]*’",
            'straight double quotes: "값 없음"',
        ),
        StyleRule(
            "plain (해라체) sentence in prose",
            r"(?<=[가-힣])(?<![니시마])다\.(?=[ \t\n*]|$)",
            "-ㅂ니다/-세요 (해라체는 따옴표 안의 인용에만)",
            quotes=False,
        ),
        StyleRule(
            # ko-style.md §4: parentheses attach to the word they explain. A line break before
            # one renders as a space too. Only a parenthesis that opens with code or a link (a
            # test's name, a source): (버전 4.0부터) before the word it modifies keeps its space.
            # And any parenthesis after a sentence's -니다: nothing follows it for the parenthesis
            # to modify, so it explains the sentence (결과입니다(세 번 실행한 값의 중앙값).).
            "space before a parenthesis",
            r"[가-힣A-Za-z0-9x*\]][ \t]+\((?=x|\[)|니다[ \t]+\(",
            "괄호는 앞말에 붙여 씁니다: 실행합니다([이유](#…)), 거부합니다(`test_…`), 결과입니다(세 번 실행한 값)",
            across_lines=True,
            markdown_only=True,
        ),
        StyleRule(
            # ko-style.md §4: a parenthesis that opens with code and a period, (`test_x`. 설명),
            # is a fragment: the code is a noun that no verb takes. The code becomes the subject
            # ((`test_x`는 …)) or a comma joins it to the remark ((`test_x`, 짧게 돌린 값)).
            "code and a period opening a parenthesis",
            r"\(x+\.(?=[ \t]|$)",
            "괄호 안에서 코드 뒤에 마침표를 찍지 않습니다: (`test_x`는 …), (`test_x`, …)",
        ),
        StyleRule(
            # ko-style.md §4: a button named on a page is in bold, without quotes. Only where the
            # sentence says it is a button (X 버튼, X을/를 누르다): 실행 and 검사 are also plain nouns.
            "button name on a page not in bold",
            rf"(?<![*가-힣\w]){_KO_BUTTON}(?:[ \t]+버튼|[을를][ \t]+누르)|\"[^\"\n]{{1,40}}\"[ \t]*버튼",
            "**실행** 버튼, **검사**를 누르세요 (따옴표 없이 굵게)",
            across_lines=True,
            markdown_only=True,
        ),
        StyleRule(
            # ko-style.md §4: a button is named as the interface
            # shows it, without quotes, in every text: the interface strings (plain text: 실행을
            # 누르세요), the hints and the pages (**실행**). Straight, curly, single, double and corner
            # quotes around one of the buttons are all rejected; a JavaScript string's \" counts.
            "button name in quotes",
            rf"(?:\\?[\"']|[‘“「『]){_KO_BUTTON}(?:\\?[\"']|[’”」』])",
            "버튼 이름은 따옴표 없이: 실행을 누르세요, 되돌리기 취소를 누르면 (페이지에서는 **실행**)",
        ),
        StyleRule(
            # ko-style.md §1: the reader is 여러분 or no pronoun, never 내 (my), which reads as the
            # guide speaking of its own: 모든 서브도메인이 내 것일 때만 (ko review 2026-11-26, D2).
            # ko.yml lists the phrases found so far (내 사본, 내 컴퓨터); this catches any 내/나의
            # before a word. 내 meaning *within* follows a noun of time or range (기간 내 처리) and is
            # kept; another speaker's words in quotes ("내 스킴이 아님") are not the reader.
            "first-person 내 (the reader is 여러분)",
            r"(?<![가-힣\w])(?<!(?:시간|기간|범위|한도|제한|구역|시한|예산) )(?:내|나의)[ \t]+(?=[가-힣])",
            "여러분의, or no pronoun: 고친 사본, 직접 관리하는 서브도메인; 로컬에서 for on your machine",
            quotes=False,
            across_lines=True,
        ),
        StyleRule(
            # ko-style.md §4: code that no verb takes. After a sentence's -니다, a code span alone
            # (with its test's name) and a period is an English colon's calque: 웹소켓을 거부합니다.
            # `ValueError: …`(`test_…`). (ko review 2026-11-26, W2). Make the code the verb's
            # object: 거부하고 `ValueError: …`를 발생시킵니다(`test_…`). A long code span wraps, so a
            # line that opens with the rest of one and ends the sentence is matched too. Code is
            # blanked to x letters but keeps its spaces, so a span is x runs with spaces between.
            "code standing as a sentence",
            r"(?:(?<=니다\.)[ \t]+|^[ \t]*)x{2,}[x \t]*(?:\(x+\))?\.(?=[ \t]|$)",
            "코드가 문장의 일부가 되게: 거부하고 `ValueError: …`를 발생시킵니다(`test_…`)",
        ),
        StyleRule(
            # ko-style.md §5 (rate-ko10, performance/choosing): 응답하다 takes no object; a status code
            # is what the server answers with, `301`로 응답합니다, not `301`을 응답합니다. Code is
            # blanked to x letters, so "`301`을 응답" is matched as "x을 응답"; a line break between the
            # two renders as a space and is matched too.
            "object of 응답하다",
            r"[을를][ \t]+응답(?:하|합|했|한|할|해)",
            "응답하다 takes 로 or 에: `301`로 응답합니다, 요청에 응답합니다",
            across_lines=True,
        ),
        StyleRule(
            # ko-style.md §5 (s58-ko 3, 7, request_handling): *FastAPI's `400` is answered*, *got
            # Django's own `400`* as `400`이 응답됩니다, 응답되었습니다, a passive 응답하다 does not take;
            # the framework answers, FastAPI는 `400`으로 응답합니다.
            "passive of 응답하다",
            r"응답(?:됩니다|되었|됐|되어|되고|되며|되는|된다)",
            "the answerer as the subject: FastAPI는 `400`으로 응답합니다, Django가 자체 HTML `400`으로 응답했습니다",
        ),
        StyleRule(
            # ko-style.md §5 (s60-ko 22, nine exercises' shared hint and message): *`ALLOWED_HOSTS = ["*"]`
            # answers any `Host` header* as 어떤 `Host` 헤더에도 응답합니다; 응답하다 takes the request,
            # which the header came with (어떤 `Host` 헤더로 온 요청에도 응답합니다).
            "a header as what 응답하다 answers",
            r"헤더(?:에|에도|에는|에만)[ \t]+응답(?:하|합|했|한|할|해)",
            "응답하다 takes the request: 어떤 `Host` 헤더로 온 요청에도 응답합니다",
            across_lines=True,
        ),
        StyleRule(
            # ko-style.md §5 (s60-ko 19, rest_apis exercise): *answered `200`* as `200`으로 처리되고, a
            # passive that says neither who answered nor that it was an answer. Code is blanked to x
            # letters; a line break between the two renders as a space.
            "passive 처리되다 after code (`200`으로 처리되고)",
            r"x(?:으로|로)[ \t]+처리(?:되|됐|된)",
            "who did what: 앱이 `200`으로 응답하고, 미들웨어가 `X`로 처리합니다",
            across_lines=True,
        ),
        StyleRule(
            # ko-style.md §5 (s58-ko 9, request_handling): *whatever the environment says* as 환경
            # 변수가 무엇을 말하든; a variable does not say anything in Korean, it holds a value.
            # s60-ko 21 (kofix19, websockets exercise): *on whenever a variable of the environment says so*
            # as 환경 변수가 켜라고 할 때마다; a variable says nothing either way (환경 변수 값에 따라).
            "calque of whatever X says",
            r"무엇을[ \t]+말하든|변수가[ \t]+(?:[가-힣]+라고|그렇게)[ \t]+(?:하|할|합|했|한)",
            "환경 변수에 어떤 값이 있든",
            quotes=False,
        ),
        StyleRule(
            # ko-style.md §5 (rate-ko11, performance/serialization): *The views here* as 여기의 뷰, a
            # calque of "here" used as a modifier; Korean says 이 페이지의, 이 예제의.
            "calque of here (여기의)",
            r"(?<![가-힣])여기의(?![가-힣])",
            "이 페이지의 뷰, 이 예제의 코드",
            quotes=False,
        ),
        StyleRule(
            # ko-style.md §5 (rate-ko11, performance/architecture): *plain `uvicorn`* as 그냥
            # `uvicorn`은, spoken register and a calque; say what it lacks. Only 그냥 before code that
            # the sentence names (은/는/이/가/인/이나/의): 그냥 `save()`를 호출하면 is an adverb on the
            # verb and stays. Code is blanked to x letters. rate-ko17 (compare/responses): the code
            # as the means or the place, 그냥 `RedirectResponse("/thanks")`로 응답하면 (a plain
            # redirect, one without a status code) and the errors exercise's 그냥 `Response`에 담으면
            # (a bare `Response`, without `media_type`): 로/으로/에/에서 too; there 그냥 reads as plain
            # and as the spoken "just", and either way the sentence should say what the code lacks.
            "calque of plain X (그냥 `X`은)",
            r"(?<![가-힣])그냥[ \t]+x+(?:은|는|이|가|인|이나|의|로|으로|에|에서)(?![가-힣])",
            "추가 기능 없이 설치한 `uvicorn`은, 옵션 없이 만든 `jinja2.Template`은 (say what it lacks)",
            across_lines=True,
        ),
        StyleRule(
            # ko-style.md §4 (rate-ko11, performance/serialization): an English bracket carried over
            # with its "and", `write_only`(와 그 반대인 `read_only`) 덕분에, Uvicorn(과 Daphne)은. A
            # Korean particle cannot open a parenthesis; 와/과 after "(" is never a word's start.
            "particle inside a parenthesis",
            r"\((?:와|과)[ \t]",
            "`write_only`와 그 반대인 `read_only`, Uvicorn과 Daphne는 (the particle outside, no brackets)",
        ),
        StyleRule(
            # ko-style.md §4 (rate-ko13, compare/static_files): bold marks the name, and its particle
            # follows outside, as every other item of an older-examples list has it:
            # **`{% load static %}`**는, not **`{% load static %}`는**. Only a bold that holds one
            # code span or one Latin name and its particle: **이벤트 루프 위에서** is a Korean phrase
            # emphasized whole and stays. Code is blanked to x letters.
            "particle inside bold",
            r"\*\*(?:x[x \t]*|[A-Za-z][\w.\-]*)(?:은|는|이|가|을|를|와|과|의|로|으로|에|에서|도|만)\*\*",
            "**`X`**는, **Flask**는 (the particle after the closing **)",
            markdown_only=True,
        ),
        StyleRule(
            # ko-style.md §4 (rate-ko1, rate-ko2): two parentheses in a row, 설정하세요(Werkzeug의 …로
            # 만들 수 있습니다) (`test_x`); a line break between them renders as a space too. One
            # parenthesis, or the remark as a sentence of its own.
            "two parentheses in a row",
            r"\)[ \t]+\(",
            "괄호 하나로: 설정하세요(`test_x`). 또는 (아무 글자나 괜찮습니다. [출처](…) 참고)",
            across_lines=True,
        ),
        # ko-style.md §4 (rate-ko22, auth exercise: (라우트 데코레이터 아래의) `@login_required`를 그대로
        # 두세요): the English parenthesis *Keep X (under Y)* moved to the front, where it modifies the
        # noun after it. A Korean sentence does not open with a parenthesis; the modifier becomes an
        # adverbial or a clause (`@login_required`를 라우트 데코레이터 아래에 그대로 두세요). Only a
        # parenthesis without a period inside followed by a word: a whole remark in parentheses,
        # (결과 목록은 … 그대로입니다.), is a sentence of its own and stays. On a page, after a
        # sentence's period (or a list item's number, 2.  (`async def`가 아닌) `def` 엔드포인트는 …).
        StyleRule(
            "parenthesis opening a sentence",
            r"(?<=[.!?])[ \t]+\([^()\n.]*\)[ \t]+(?=\S)",
            "괄호 속 수식어를 부사어나 절로: `@login_required`를 라우트 데코레이터 아래에 그대로 두세요, "
            "`async def`가 아닌 `def` 엔드포인트는",
        ),
        # The same at the start of a hint or a message, which is a sentence's start.
        StyleRule(
            "parenthesis opening a hint",
            r"^[ \t]*\([^()\n.]*\)[ \t]+(?=\S)",
            "괄호 속 수식어를 부사어나 절로: `@login_required`를 라우트 데코레이터 아래에 그대로 두세요",
            plain_text_only=True,
        ),
        StyleRule(
            # ko-style.md §5 (s59-ko R3, admin exercise): *give the views an `is_accessible()`*, *give
            # the column `server_default=…`* word for word, `is_accessible()`을 주세요, `…`를 주세요.
            # Korean defines a method (구현하다, 정의하다) and sets an attribute, an option or a value
            # (지정하다, 설정하다). Only the request 주세요 after code: `--workers 4`를 주면 (a
            # condition, an option given on a command line) is how Korean developers say it and stays.
            "calque of give X a Y (`X`를 주세요)",
            r"x[을를][ \t]+주(?:세요|십시오)(?![가-힣])",
            "`form_base_class`를 `SecureForm`으로 지정하세요, `is_accessible()`을 구현하세요, `lock_timeout`을 설정하세요",
            across_lines=True,
        ),
    ),
}


def _style_prose(text: str, quotes: bool) -> str:
    """The text with everything that is not prose replaced by `x` letters (lines and columns kept)."""
    blanked = "\n".join(prose_lines(text))
    # prose_lines blanked non-prose with spaces; put `x` where it did, except for the lines of
    # fences and front matter (those stay all spaces). A line that is nothing but inline code is
    # prose's code and gets its `x` letters: a code span wrapped onto a line of its own, followed
    # by "(`test_…`)" on the next, is a space before a parenthesis too (ko review W3).
    blocks = _block_lines(text.split("\n"))
    out = []
    for i, (original, line) in enumerate(zip(text.split("\n"), blanked.split("\n"))):
        if i in blocks or not original.strip():
            out.append(line)
            continue
        out.append("".join("x" if c == " " and o != " " else c for c, o in zip(line, original.ljust(len(line)))))
    body = "\n".join(out)
    if not quotes:
        body = re.sub(r'"[^"\n]*"|«[^«»\n]*»|“[^”\n]*”', lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return body


def _quiz_option(line: str) -> bool:
    return bool(re.match(r"^[ \t]*- \[[ xX]\] ", line))


def style_text_problems(lang: str, where: str, text: str, first_line: int = 1, rules: tuple[StyleRule, ...] | None = None) -> list[str]:
    """Breaches of `lang`'s style rules in one text, as `where:line: “found” — rule: use …`."""
    problems = []
    bodies = {quotes: _style_prose(text, quotes).split("\n") for quotes in (True, False)}
    original = text.split("\n")
    for rule in STYLE_RULES.get(lang, ()) if rules is None else rules:
        if rule.markdown_only and not where.endswith(".md"):
            continue
        if rule.plain_text_only and where.endswith(".md"):
            continue
        pattern = rule.compiled()
        for number, line in enumerate(bodies[rule.quotes], first_line):
            if rule.skip_line and re.match(rule.skip_line, original[number - first_line]):
                continue
            if rule.name.startswith("plain") and _quiz_option(line):
                continue  # options are checked as a set below: one register per quiz
            for m in pattern.finditer(line):
                problems.append(f"{where}:{number}: “{m.group(0).strip()}” — {rule.name}: use {rule.use}")
            previous = bodies[rule.quotes][number - first_line - 1].rstrip() if number > first_line else ""
            if rule.across_lines and previous:
                # The end of the previous line, a space, this line: report only a match that spans
                # the join (one within either line is reported on that line). 40 characters hold the
                # longest first half a rule needs: «не выполняется» before «только при» (ru).
                tail = previous[-40:]
                for m in pattern.finditer(tail + " " + line.lstrip()):
                    if m.start() < len(tail) < m.end():
                        problems.append(f"{where}:{number}: “{m.group(0).strip()}” (across a line break) — {rule.name}: use {rule.use}")
    if lang == "ko" and (rules is None or any(r.name.startswith("plain") for r in rules)):
        problems += _mixed_quiz_registers(where, text, first_line)
    if lang == "ko" and (rules is None or any(r.name == _CODE_SENTENCE for r in rules)):
        problems += _code_after_a_sentence(where, text, first_line)
    if lang == "ko" and rules is None:
        problems += _raise_as_written_code(where, text, first_line)
        problems += _particle_after_code(where, text, first_line)
        problems += _particle_after_link(where, text, first_line)
    if lang == "ko" and rules is None:
        problems += _link_text_follows_the_title(lang, where, text, first_line)
    if lang == "ko" and rules is None:
        problems += _colon_and_code_ending_a_hint(where, text, first_line)
        problems += _joined_requirement_without_its_own(where, text, first_line)
        problems += _sentences_in_a_parenthesis(where, text, first_line)
    if lang == "ru" and rules is None:
        problems += _chapter_link_titles(lang, where, text, first_line)
        problems += _chapter_called_a_page(lang, where, text, first_line)
        problems += _refused_with_an_exception(where, text, first_line)
    return problems


_COLON_CODE = "colon and code ending a sentence"
# ko-style.md §4 (s57-ko F1, s59-ko R5): the English colon before an example, 불리언은 따로 거부하세요:
# `isinstance(value, bool)`. Korean does not end a sentence with a colon; the code goes into the
# sentence (`isinstance(value, bool)`로 불리언을 따로 거부하세요) or in parentheses after the verb.
# Matched on the text itself, so that a code span is known by its backticks: a message's
# placeholder, `{0}`, stands for a value reported after a label (…응답했습니다: {0}) and is not
# judged here.
_COLON_CODE_RE = re.compile(r"(?:세요|니다)[:：][ \t]+`(?!\{\w*\}`)[^`\n]+`\.?[ \t]*$", re.MULTILINE)


def _colon_and_code_ending_a_hint(where: str, text: str, first_line: int) -> list[str]:
    if not where.endswith((".md", ".toml")):
        return []  # the interface's "로컬에서 검사하세요: `{command}`" ends on a command to copy, by design
    lines = text.split("\n")
    blocks = _block_lines(lines)
    body = "\n".join("" if i in blocks else line for i, line in enumerate(lines))
    return [f"{where}:{body.count(chr(10), 0, m.start()) + first_line}: “{m.group(0).strip()}” — {_COLON_CODE}: use "
            "`isinstance(value, bool)`로 불리언을 따로 거부하세요, or the code in parentheses after the verb"
            for m in _COLON_CODE_RE.finditer(body)]


_SENTENCES_IN_PARENTHESIS = "sentences and an instruction inside a parenthesis"
# ko-style.md §4 (s60-ko 3, compare/middleware's exercise statement): an English bracket of three
# sentences kept as one, the last an instruction: 담겨서는 안 됩니다(ID를 모듈 변수에 두면 … 읽을 수
# 있습니다. 다만 … 되돌려 놓아야 합니다. … `reset(token)`을 호출하세요). 이 ID가 … English may bracket
# a long aside; a Korean parenthesis is a remark, and sentences, above all an instruction, stand
# outside it. Only a parenthesis with a sentence's end (니다.) inside that closes on -세요: a whole
# remark, (결과 목록은 … 그대로입니다.), and a short instruction, (로컬에서 실행하세요), stay. Matched
# over line breaks (a page wraps a parenthesis), not over a blank line; code is blanked to x
# letters, so a call's parentheses do not end the match.
_SENTENCES_IN_PARENTHESIS_RE = re.compile(r"\((?:[^()\n]|\n(?![ \t]*\n))*?니다\.\s(?:[^()\n]|\n(?![ \t]*\n))*?세요\)")


def _sentences_in_a_parenthesis(where: str, text: str, first_line: int) -> list[str]:
    body = _style_prose(text, True)
    return [f"{where}:{body.count(chr(10), 0, m.start()) + first_line}: “{' '.join(m.group(0).split())[:80]}” — "
            f"{_SENTENCES_IN_PARENTHESIS}: use 괄호를 풀어 문장으로 (… 담겨서는 안 됩니다. ID를 모듈 변수에 두면 … `reset(token)`을 호출하세요.)"
            for m in _SENTENCES_IN_PARENTHESIS_RE.finditer(body)]


_JOINED_REQUIREMENT = "a joined requirement without its own -어야"
# ko-style.md §6 (s59-ko R2: admin, middleware, request_handling, rest_apis statements): where a
# sentence joins requirements, each carries its own -어야. 시크릿 키는 환경 변수에서 읽고, 디버그
# 모드는 꺼 두어야 합니다 reads as what the starter already does (a plain 읽고) and one rule (꺼 두어야).
# A heuristic, so held to the clear case: a clause with its own topic (X는/은 …) ending in a plain
# -고/-며 and a comma, then another topic, in a sentence that ends -야 합니다 or -면 안 됩니다. One
# subject with two verbs (구별하고, 읽을 수 있어야 합니다) shares its -어야 naturally and is not
# matched, nor is a copula or 같다 (뿐이며, 같고), which states a fact the requirement rests on. Only in
# an exercise's statement on a page (from its `{ #exercise-… }` heading to its first tab) and in
# the plain texts (hints, causes, messages); code spans are blanked so their periods end nothing.
_REQUIREMENT_END = r"(?:야[ \t]+합니다|면[ \t]+안[ \t]+됩니다|서는[ \t]+안[ \t]+됩니다|서도[ \t]+안[ \t]+됩니다)"
_JOINED_REQUIREMENT_RE = re.compile(
    r"[가-힣A-Za-z0-9)][은는][ \t][^.]*?[가-힣](?<!야 하)(?<!안 되)(?<!말)(?<!않)(?<!없)(?<!이)(?<!같)(?:고|며),[ \t]+"
    r"[^.]*?[가-힣A-Za-z0-9)][은는][ \t][^.]*?" + _REQUIREMENT_END)


def _joined_requirement_without_its_own(where: str, text: str, first_line: int) -> list[str]:
    lines = text.split("\n")
    if where.endswith(".md"):
        inside, kept = False, []
        for line in lines:
            if re.match(r"#+[ \t].*\{[ \t]*#exercise-", line):
                inside = True
                kept.append("")
                continue
            if inside and (line.startswith("===") or line.startswith("#")):
                inside = False
            kept.append(line if inside else "")
        lines = kept
    body = re.sub(r"`[^`\n]+`", lambda m: "x" * len(m.group(0)), "\n".join(lines))
    flat = re.sub(r"\s", " ", body)
    problems = []
    for sentence in re.finditer(r"[^.!?]+[.!?]?", flat):
        m = _JOINED_REQUIREMENT_RE.search(sentence.group(0))
        if m:
            start = sentence.start() + m.start()
            problems.append(f"{where}:{body.count(chr(10), 0, start) + first_line}: “{' '.join(m.group(0).split())[:80]}” — "
                            f"{_JOINED_REQUIREMENT}: use 환경 변수에서 읽어야 하고, 디버그 모드는 꺼 두어야 합니다")
    return problems


_CODE_SENTENCE = "code standing as a sentence"
# ko-style.md §4 (rate-ko1, rate-ko2): the cases the line rule "code standing as a sentence" does
# not see, because no period follows the code: after a sentence's -니다, a code span that closes a
# parenthesis, (… 받아들입니다. `test_x`), or that ends its paragraph, a command on a line of its
# own after 같은 일을 합니다. (the English colon dropped). Matched on the text itself, so that a
# span is known by its backticks (a blanked HTML tag or tab label on the next line is not code).
# rate-ko13 (performance/optimizing): a message whose own period closes the code span, left at
# a line's end after 거부합니다. while the paragraph goes on (`ImproperlyConfigured: … connections.`
# then ASGI에서는 …); the line rule blanks that period with the code, so it is matched here.
# rate-ko17 (django/drf_viewsets): the colon's calque with a copula, 버전을 요청합니다.
# `Accept: application/json; version=2.0`입니다. A sentence that is a code span and 입니다 has no
# subject and reads as unfinished; the code belongs in the sentence before it (…처럼 요청합니다).
_CODE_AFTER_SENTENCE_RE = re.compile(
    r"니다\.[ \t]*\n?[ \t]*`(?:[^`\n]|\n(?![ \t]*\n))+`(?:\.?(?=\)|[ \t]*(?:\n[ \t]*\n|\n?\Z)|(?<=\.`)[ \t]*\n)"
    r"|입니다\.)")


_RAISE_WRITTEN = "`raise X`를 쓰다 (raise as code that is written)"
# ko-style.md §2, ko.yml (raise): rate-ko22 (auth exercise, five hints): `raise PermissionDenied`를
# 쓰세요 puts a statement in code font and hangs 쓰다 on it, which reads as write and as use (ko-style
# §2), while the FastAPI hints beside them say `HTTPException(403)`을 발생시키세요. Say what the
# code does: `PermissionDenied`를 발생시키세요. Matched on the text itself, since the style rules
# blank code: a code span that begins with `raise `, then 을/를 and a form of 쓰다. ko62 (admin
# exercise, the Flask hint): the same slip behind a list, `raise RuntimeError(...)`나 `sys.exit(...)`를
# 쓰면 됩니다, where 쓰다's object is both spans; so code spans joined by 나, 이나, 와, 과, a comma or
# 또는 may stand between the `raise` span and 을/를 (`RuntimeError(...)`를 발생시키거나
# `sys.exit(...)`를 호출하면).
_RAISE_WRITTEN_RE = re.compile(
    r"`raise[ \t]+[^`\n]+`(?:(?:이나|나|와|과|,|[ \t]또는)[ \t]*\n?[ \t]*`[^`\n]+`)*"
    r"[을를][ \t]*\n?[ \t]*(?:쓰|씁|써|쓴|쓸|썼)")


def _raise_as_written_code(where: str, text: str, first_line: int) -> list[str]:
    return [f"{where}:{text.count(chr(10), 0, m.start()) + first_line}: “{' '.join(m.group(0).split())}” — "
            f"{_RAISE_WRITTEN}: use `PermissionDenied`를 발생시키세요, `HTTPException(404)`을 발생시키세요"
            for m in _RAISE_WRITTEN_RE.finditer(text)]


def _code_after_a_sentence(where: str, text: str, first_line: int) -> list[str]:
    lines = text.split("\n")
    blocks = _block_lines(lines)
    body = "\n".join("" if i in blocks else line for i, line in enumerate(lines))
    return [f"{where}:{body.count(chr(10), 0, m.start()) + first_line}: “{' '.join(m.group(0).split())}” — "
            f"{_CODE_SENTENCE}: use 코드가 문장의 일부가 되게: (… 받아들이며, `test_x`가 이를 확인합니다), "
            "`django-admin …`처럼 실행하세요"
            for m in _CODE_AFTER_SENTENCE_RE.finditer(body)]


# ko-style.md §3: a particle follows how a code name is read aloud (`app`은 [앱은], `SECRET_KEY`를
# [시크릿 키를]). A program cannot read every name aloud, but the endings whose Korean reading is
# settled can be judged: -l/-le is ㄹ (모델, 테이블), -m/-n/-ng is ㄴ/ㅁ/ㅇ (폼, 토큰, 스트링), and -r,
# -s/-x, -y, a vowel, -h, -f, a consonant before a final t (-st, -nt, -ct …) or a voiced -e
# (-se, -ce, -de, -ge, -ke, -ve, -ue …) end in a vowel (에러, 클래스, 쿼리, 해시, 리퀘스트, 리스폰스,
# 코드). The rest is not judged: -t, -d, -k, -p, -b, -g, -c and -te/-pe/-me/-ne have words of both
# kinds (비트 and 템플릿, 로드 and 굿, 체크 and 블록, 루프 and 앱, 버그 and 빅, 타입 and 파이프, 대프니),
# so there §3's advice stands: put a noun after the code (`record_audit()` 함수는). Two closed
# endings are settled too: -ket is 켓/킷 (소켓, 티켓, 패킷, 버킷; `websocket`을), and a lone `.` or `..`
# (a path argument: `startproject config .`, `--pythonpath .`, `..`) is 점 (or 닷). A period that
# closes a quoted message after a word (`… not websocket.`) is not read aloud.
_LAST_WORD_RE = re.compile(r"(?:[A-Z]?[a-z]+|[A-Z]+)$")
_VOWEL_END_RE = re.compile(r"(?:[aiouywfhsxv]|[aeiouy]r|[nrlsc]t|ght|ft|pt|nc|[sczgdkvuoi]e|ee)$")


def _word_sound(word: str) -> str | None:
    if word.endswith("ket"):
        return "consonant"
    if word.endswith(("l", "le")):
        return "ㄹ"
    if word.endswith(("m", "n")):
        return "ㄴ"
    if _VOWEL_END_RE.search(word) and not word.endswith(("te", "pe", "me", "ne")):
        return "vowel"
    return None


def _letters_sound(word: str) -> str | None:
    """An abbreviation read letter by letter (`HTML`, `DRF`, `db`): the last letter's Korean name
    (엘, 알 · 엠, 엔 · 에이, 비, 씨 …; 지/제트 for z is not settled)."""
    last = word[-1]
    return "ㄹ" if last in "lr" else "ㄴ" if last in "mn" else None if last == "z" else "vowel"


def final_sound(code: str) -> str | None:
    """How a code name ends when read aloud: "vowel", "ㄹ", "ㄴ" (any of ㄴ, ㅁ, ㅇ), or None where
    its reading is not settled."""
    name = code.strip().removesuffix("()")
    # ko-style.md §3 (s59-ko R1): a call whose last argument is a quoted word is read by that word,
    # where the voice ends: `url_for("login")`으로 [로그인으로], `order_by("title")`을 [타이틀을].
    if quoted := re.search(r"""(["'])([^"'\n]*)\1\)+$""", name):
        return final_sound(quoted.group(2)) if quoted.group(2).strip() else None
    if re.search(r"(?:^|[\s/])\.{1,2}$", name):
        return "consonant"  # 점, 점점 (or 닷, 닷닷)
    name = re.sub(r"(?<=[A-Za-z])\.$", "", name)
    m = _LAST_WORD_RE.search(name)
    if not m:
        return None  # ends in a digit, a symbol or an argument list
    word = m.group(0)
    low = word.lower()
    if not re.search(r"[aeiouy]", low):
        return _letters_sound(low)
    if word.isupper() and len(word) <= 3:
        # `GET` [겟 or 지이티], `DIR` [디렉터리 or 디알]: judged only where both readings agree (`URL`, `ORM`, `API`).
        sound = _word_sound(low)
        return sound if sound == _letters_sound(low) else None
    return _word_sound(low)


# A particle right after code; the two forms of each (after a vowel, after a consonant). The
# copula's quotative and connective forms too (`evil.example`이라고, `query`라는, `token`이나).
# A code span may wrap onto the next line (a long message: `… ASGI/HTTP` / `connections, not websocket.`를).
_CODE_SPAN_RE = re.compile(r"`((?:[^`\n]|\n(?![ \t]*\n))+)`")
_PARTICLE_RE = re.compile(r"(이라고|라고|이라는|라는|이라면|라면|이나|나|은|는|이|가|을|를|과|와|으로|로)"
                          r"(?:는|도|만|의|부터|까지|서)?(?![가-힣])")
_AFTER_A_CONSONANT = {"는": "은", "가": "이", "를": "을", "와": "과", "로": "으로",
                      "라고": "이라고", "라는": "이라는", "라면": "이라면", "나": "이나"}
_WRONG_PARTICLE = {
    "vowel": {"은": "는", "이": "가", "을": "를", "과": "와", "으로": "로",
              "이라고": "라고", "이라는": "라는", "이라면": "라면", "이나": "나"},
    "ㄴ": _AFTER_A_CONSONANT,
    "consonant": _AFTER_A_CONSONANT,
    "ㄹ": {**{k: v for k, v in _AFTER_A_CONSONANT.items() if k != "로"}, "으로": "로"},  # 로 after ㄹ: 모델로
}


def _particle_after_code(where: str, text: str, first_line: int) -> list[str]:
    """ko-style.md §3: a particle after code that does not fit the name's settled reading."""
    problems = []
    lines = text.split("\n")
    blocks = _block_lines(lines)
    body = "\n".join("" if i in blocks else line for i, line in enumerate(lines))
    for span in _CODE_SPAN_RE.finditer(body):
        m = _PARTICLE_RE.match(body, span.end())
        if not m:
            continue
        code = " ".join(span.group(1).split())
        sound = final_sound(code)
        right = _WRONG_PARTICLE.get(sound, {}).get(m.group(1)) if sound else None
        if right:
            number = body.count("\n", 0, span.end()) + first_line
            problems.append(f"{where}:{number}: “`{code}`{m.group(1)}” — particle after code: use "
                            f"`{code}`{right} (read aloud, it ends in {'a vowel' if sound == 'vowel' else 'a consonant' if sound == 'consonant' else sound}); "
                            "where the reading is unclear, a noun after the code: `x()` 함수는")
    return problems


_LINK_BEFORE_PARTICLE_RE = re.compile(r"(?<!!)\[([^\]\n]+)\]\([^)\s]*\)")


def _hangul_sound(syllable: str) -> str | None:
    """A Hangul syllable's final sound: "vowel" (no 받침), "ㄹ", or "consonant"."""
    if not "가" <= syllable <= "힣":
        return None
    final = (ord(syllable) - 0xAC00) % 28
    return "vowel" if final == 0 else "ㄹ" if final == 8 else "consonant"


def _particle_after_link(where: str, text: str, first_line: int) -> list[str]:
    """ko-style.md §3 (rate-ko18 fix, optimizing:522): the particle after a link attaches to its
    text, which the link's target stands between: [DRF: 비동기 뷰 없음](async_io.md#drf)을, not 를.
    Judged where the text ends in Hangul (its 받침 decides) or in code with a settled reading;
    changing a link's text to the title it opens changes its last syllable."""
    problems = []
    lines = text.split("\n")
    blocks = _block_lines(lines)
    body = "\n".join("" if i in blocks else line for i, line in enumerate(lines))
    for link in _LINK_BEFORE_PARTICLE_RE.finditer(body):
        m = _PARTICLE_RE.match(body, link.end())
        if not m:
            continue
        label = link.group(1).rstrip()
        code = re.search(r"`([^`]+)`$", label)
        sound = final_sound(code.group(1)) if code else _hangul_sound(label[-1])
        right = _WRONG_PARTICLE.get(sound, {}).get(m.group(1)) if sound else None
        if right:
            number = body.count("\n", 0, link.end()) + first_line
            problems.append(f"{where}:{number}: “[{label}]{m.group(1)}” — particle after a link: use "
                            f"[{label}](…){right} (its text ends in {'a vowel' if sound == 'vowel' else 'a consonant' if sound == 'consonant' else sound})")
    return problems


def _mixed_quiz_registers(where: str, text: str, first_line: int) -> list[str]:
    """A Korean quiz's options end either all in -ㅂ니다/a noun phrase or all in 해라체 (-다), the
    register of exam options; one quiz never mixes the two."""
    problems = []
    for quiz in re.finditer(r"<quiz>.*?</quiz>", text, re.DOTALL):
        options = [(text.count("\n", 0, quiz.start() + m.start()) + first_line, m.group(1).strip())
                   for m in re.finditer(r"^[ \t]*- \[[ xX]\] (.*)$", quiz.group(0), re.MULTILINE)]
        plain = [(n, o) for n, o in options if re.search(r"(?<=[가-힣])(?<![니시마])다\.?$", o)]
        polite = [(n, o) for n, o in options if re.search(r"니다\.?$", o)]
        if plain and polite:
            n, option = plain[0]
            problems.append(f"{where}:{n}: “{option[-12:]}” — quiz options in two registers: "
                            "use -ㅂ니다 (or a noun phrase) for every option of this quiz")
    return problems


_CHAPTER_LINK = "chapter link not by its nav title"
# «в главе «Формы»»: a chapter named in quotes rather than linked (rate-ru7)
_QUOTED_CHAPTER_RE = re.compile(r"\bглав[аеуыой]\w*\s+«([^«»\n]+)»", re.IGNORECASE)
_NAV_ENTRY_RE = re.compile(r"^[ \t]*- (.+?): ([\w/.-]+\.md)[ \t]*$", re.MULTILINE)
_MD_LINK_RE = re.compile(r"(?<!!)\[([^\]\n`]+)\]\((?!https?:)([^)#\s]+\.md)(#[^)\s]*)?\)")
_NAV_TITLES: dict[str, dict[str, str]] = {}


def nav_titles(lang: str) -> dict[str, str]:
    """Page path (compare/auth.md) -> its nav title in `lang`, from mkdocs.yml's nav and the
    locale's nav_translations."""
    if lang not in _NAV_TITLES:
        config = (content.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        nav = config[config.index("\nnav:"):]
        block = re.search(rf"- locale: {lang}\b.*?nav_translations:\n(.*?)\n[ \t]*theme:", config, re.DOTALL)
        names = {}
        for line in (block.group(1).splitlines() if block else []):
            key, _, value = line.strip().partition(": ")
            names[key] = value.strip().strip('"')
        _NAV_TITLES[lang] = {path: names.get(title, title) for title, path in _NAV_ENTRY_RE.findall(nav)}
    return _NAV_TITLES[lang]


def _chapter_link_titles(lang: str, where: str, text: str, first_line: int) -> list[str]:
    """ru-style.md §2 (rate-ru1, rate-ru2): a link that names a chapter by a shortened form of its
    nav title («[Аутентификация](auth.md)» for «Аутентификация и авторизация», «[ORM](orm.md)» for
    «База данных и ORM») uses the whole nav title. Judged are a link right after «глава…», whose
    label must be the nav title whatever it is («в главе [DRF на практике]» for «ViewSet, роутеры,
    версионирование», rate-ru5), and a shortened title right after «см.» or standing alone in
    parentheses, the page's way of citing a chapter («([Middleware](middleware.md#…))», rate-ru5,
    rate-ru6). Elsewhere a short label names a topic or a thing («[ORM]» in running prose, a topic
    table's first column, «[DRF]»), as the English does, and a parenthesised label that is not a
    shortened title names a section («([Тело JSON](request_handling.md#json))»). A chapter named in
    quotes after «глава…», without a link, is named by its nav title too («в главе «Формы и
    валидация»», rate-ru7)."""
    if not where.startswith(f"docs/{lang}/"):
        return []
    titles = nav_titles(lang)
    problems = []
    # A chapter named in quotes after «глава…» is named by its nav title exactly: the reader looks
    # for that title in the nav («в главе «Формы»» for «Формы и валидация», rate-ru7).
    known = {title.casefold() for title in titles.values()}
    for m in _QUOTED_CHAPTER_RE.finditer(text):
        if " ".join(m.group(1).split()).casefold() not in known:
            number = text.count("\n", 0, m.start()) + first_line
            near = [t for t in titles.values() if t.casefold().startswith(m.group(1).split()[0].casefold())]
            use = f"«{near[0]}»" if len(near) == 1 else "the chapter's title in the nav (mkdocs.yml)"
            problems.append(f"{where}:{number}: “«{m.group(1)}»” — {_CHAPTER_LINK}: use {use}")
    page_dir = where[len(f"docs/{lang}/"):].rpartition("/")[0]
    for m in _MD_LINK_RE.finditer(text):
        label, target = m.group(1).strip(), m.group(2)
        path = "/".join(_normpath(f"{page_dir}/{target}" if page_dir else target))
        title = titles.get(path)
        if not title or label.casefold() == title.casefold():
            continue
        short = title.casefold().startswith(label.casefold() + " ") or title.casefold().endswith(" " + label.casefold())
        before = text[max(0, m.start() - 30):m.start()]
        chapter = re.search(r"глав[аеуыой]\w*\s*$", before)
        cited = re.search(r"см\.\s*$", before) or (before.endswith("(") and text.startswith(")", m.end()))
        if chapter or (short and cited):
            number = text.count("\n", 0, m.start()) + first_line
            problems.append(f"{where}:{number}: “[{label}]” — {_CHAPTER_LINK}: use [{title}]")
    return problems


_LINK_TITLE = "link text not the title it opens"
_ANCHORED_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*\{[ \t]*#([\w-]+)[ \t]*\}[ \t]*$", re.MULTILINE)
_ANY_MD_LINK_RE = re.compile(r"(?<!!)\[([^\]\n]+)\]\((?!https?:)([^)#\s]*?(?:\.md)?)(?:#([\w-]+))?\)")


def _anchored_headings(lang: str, page: str) -> dict[str, str]:
    """Anchor -> heading text of one page (headings with an explicit `{ #anchor }`, as every
    section here has one)."""
    path = content.DOCS / lang / page
    if not path.is_file():
        return {}
    return {anchor: title for title, anchor in _ANCHORED_HEADING_RE.findall(path.read_text(encoding="utf-8"))}


def _links_by_target(text: str, page: str) -> dict[tuple[str, str | None], list[tuple[str, int]]]:
    """(target page, anchor) -> [(link text, offset)], in the page's order."""
    out: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    page_dir = page.rpartition("/")[0]
    for m in _ANY_MD_LINK_RE.finditer(text):
        target, anchor = m.group(2), m.group(3)
        if target and not target.endswith(".md"):
            continue
        if not target and not anchor:
            continue
        path = "/".join(_normpath(f"{page_dir}/{target}" if page_dir else target)) if target else page
        out.setdefault((path, anchor), []).append((m.group(1), m.start()))
    return out


def _same_title(label: str, title: str) -> bool:
    def norm(t: str) -> str:
        return " ".join(t.replace("`", "").replace("*", "").split()).casefold()
    return norm(label) == norm(title)


def _link_text_follows_the_title(lang: str, where: str, text: str, first_line: int) -> list[str]:
    """ko-style.md §4 (rate-ko18, performance/optimizing): where the English link text is the title
    of what the link opens, a section's heading ([DRF: no async views](async_io.md#drf)) or a
    chapter's title ([Optimizing each side](optimizing.md)), the Korean link text is that
    title as the Korean page shows it: [DRF: 비동기 뷰 없음], not [DRF: 비동기 뷰가 없습니다], a
    sentence that the reader then does not find. A chapter's Korean title is its nav title or its H1;
    a heading's gloss in parentheses may be left out ([콘텐츠 보안 정책] for 콘텐츠 보안 정책(CSP)).
    Links are paired with the English page's by target and order. Where the English link text is
    not the title (a topic named in running prose), the Korean one is free."""
    prefix = f"docs/{lang}/"
    if not where.startswith(prefix):
        return []
    page = where[len(prefix):]
    english = content.DOCS / "en" / page
    if not english.is_file():
        return []
    en_links = _links_by_target(english.read_text(encoding="utf-8"), page)
    en_nav, nav = nav_titles("en"), nav_titles(lang)
    problems = []
    for (target, anchor), links in _links_by_target(text, page).items():
        if anchor:
            en_title = _anchored_headings("en", target).get(anchor)
            title = _anchored_headings(lang, target).get(anchor)
            titles = [title, re.sub(r"\([^()]*\)$", "", title).rstrip()] if title else []
            # rate-ko19 (compare/orm:972): a heading "Connecting: engine, session, connection" is
            # named by its part before the colon too, [Connecting]; the Korean link then names the
            # Korean heading's part before its colon, [데이터베이스에 연결하기], not [연결].
            if en_title and title and ": " in en_title and ": " in title:
                en_titles = [en_title, en_title.split(": ", 1)[0]]
                titles.append(title.split(": ", 1)[0])
            else:
                en_titles = [en_title] if en_title else []
        else:
            en_title, title = en_nav.get(target), nav.get(target)
            h1 = _anchored_headings(lang, target)
            first = re.search(r"^#[ \t]+(.+?)(?:[ \t]*\{[^}\n]*\})?[ \t]*$",
                              (content.DOCS / lang / target).read_text(encoding="utf-8"), re.MULTILINE) if h1 else None
            titles = [t for t in (title, first.group(1) if first else None) if t]
            en_titles = [en_title] if en_title else []
        if not en_title or not titles:
            continue
        for (label, offset), (en_label, _) in zip(links, en_links.get((target, anchor), [])):
            if any(_same_title(en_label, t) for t in en_titles) and not any(_same_title(label, t) for t in titles):
                number = text.count("\n", 0, offset) + first_line
                use = titles[-1] if len(en_titles) > 1 and _same_title(en_label, en_titles[-1]) else titles[0]
                problems.append(f"{where}:{number}: “[{label}]” — {_LINK_TITLE}: use [{use}], "
                                f"as the English link says the title it opens ([{en_label}])")
    return problems


_CHAPTER_PAGE = "a chapter link after «на странице»"


def _chapter_called_a_page(lang: str, where: str, text: str, first_line: int) -> list[str]:
    """ru-style.md §2 (rate-ru9): a link to a page of the nav is a chapter, cited «в главе […]»,
    not «на странице […]» (rest_apis: «обработчик на странице [Обработка ошибок]»; how_to_use:
    «на странице [Три фреймворка]», which other pages call «глава»). Judged is «на странице» right
    before the link, whatever its label; «на главной странице», a link to another site and a
    section of the same page (#anchor) are not."""
    if not where.startswith(f"docs/{lang}/"):
        return []
    titles = nav_titles(lang)
    page_dir = where[len(f"docs/{lang}/"):].rpartition("/")[0]
    problems = []
    for m in _MD_LINK_RE.finditer(text):
        path = "/".join(_normpath(f"{page_dir}/{m.group(2)}" if page_dir else m.group(2)))
        title = titles.get(path)
        if title and re.search(r"(?<!\w)на\s+странице\s*$", text[max(0, m.start() - 30):m.start()]):
            number = text.count("\n", 0, m.start()) + first_line
            problems.append(f"{where}:{number}: “на странице [{m.group(1).strip()}]” — {_CHAPTER_PAGE}: "
                            f"use «в главе [{title}]» (ru-style.md §2)")
    return problems


_REFUSED_WITH = "«отвергает/отклоняет с» an exception"
# rate-ru16 (django/n_plus_one, performance/optimizing): «`select_related("tags")` просто
# отвергается с `FieldError`», «asyncpg такой URL отвергает с `ClientConfigurationError`» carry
# "refused with a FieldError" over word for word; a Russian verb of refusing takes no exception
# with «с». Say who raises it: «Django выбрасывает `FieldError`», «отвергает такой URL, выбрасывая
# `ClientConfigurationError`», or «с ошибкой `…`» for a message. Matched on the text itself, since
# the style rules blank code: the exception is a code span whose name ends in Error, Exception,
# Warning, Exit or Interrupt, right after «с», at most four words after the verb and in its
# sentence. A status code after «с» (`403`) and «отклоняет `POST` с `Origin`» are not judged.
_REFUSED_WITH_RE = re.compile(
    r"(?<!\w)(?:[Оо]тверг|[Оо]тклон)\w*(?:[ \t]*\n?[ \t]*[^\s.;:!?()—]+){0,4}?[ \t]*\n?[ \t]*с[ \t]*\n?[ \t]*"
    r"`[\w.]*(?:Error|Exception|Warning|Exit|Interrupt)\b[^`\n]*`")


def _refused_with_an_exception(where: str, text: str, first_line: int) -> list[str]:
    return [
        f"{where}:{text.count(chr(10), 0, m.start()) + first_line}: “{' '.join(m.group(0).split())}” — {_REFUSED_WITH}: "
        "use «… выбрасывает `XError`», «…, выбрасывая `XError`» or «с ошибкой `…`» (rate-ru16)"
        for m in _REFUSED_WITH_RE.finditer(text)
    ]


def _normpath(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


# A term whose list entry asks for the English word in parentheses at its first mention: the
# rendering (a pattern), the English word (a pattern on the English page's prose) and the gloss.
FIRST_MENTION_GLOSSES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "ru": (
        (r"внешн\w*\s+сервис\w*", r"\bupstream\b", "(upstream)"),  # ru.yml: upstream
        (r"обёрт\w*", r"\benvelope\b", "(envelope)"),  # ru.yml: envelope (rate-ru12)
    ),
}


# A term whose list entry asks the page to say what it is at its first mention: the rendering (a
# pattern), the English word (a pattern on the English page's prose), what the sentence of the first
# mention names (a pattern) and an example. ru.yml: credential (ru review T-1; rate-ru12, DRF
# architecture and Optimizing said «учётные данные» with nothing to say whether a password or a
# cookie was meant).
FIRST_MENTION_EXPLAINED: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "ru": ((r"учётн\w*\s+данн\w*", r"\bcredentials?\b", r"cookie|токен|парол|логин",
            "учётные данные (логин и пароль, токен или cookie сессии)"),),
}


def first_mention_problems(lang: str, docs: Path = content.DOCS) -> list[str]:
    """ru-style §2, ru.yml (upstream; rate-ru6): on a page whose English prose uses the word, the
    first mention of its rendering carries the English word in parentheses, where a reader will
    search for it: «внешний сервис (upstream)». And (credential; rate-ru12) the sentence of a
    term's first mention says what it is: «учётные данные (cookie сессии или токен)»."""
    out = []
    for page in content.pages(lang, docs):
        if not content.page_path("en", page, docs).exists():
            continue  # a missing translation is test_pages' to report
        english = "\n".join(prose_lines(content.page_path("en", page, docs).read_text(encoding="utf-8")))
        body = "\n".join(prose_lines(content.page_path(lang, page, docs).read_text(encoding="utf-8")))
        for rendering, word, gloss in FIRST_MENTION_GLOSSES.get(lang, ()):
            first = re.search(rendering, body, re.IGNORECASE)
            if first and re.search(word, english, re.IGNORECASE) and not re.match(r"\s*" + re.escape(gloss), body[first.end():]):
                number = body.count("\n", 0, first.start()) + 1
                out.append(f"docs/{lang}/{page}:{number}: “{' '.join(first.group(0).split())}” — the first mention "
                           f"without the English word: write “{' '.join(first.group(0).split())} {gloss}” here, "
                           f"then the Russian alone (guide_tools/website/terminology/{lang}.yml)")
        for rendering, word, names, example in FIRST_MENTION_EXPLAINED.get(lang, ()):
            first = re.search(rendering, body, re.IGNORECASE)
            if not first or not re.search(word, english, re.IGNORECASE):
                continue
            sentence = next(text for start, text in _sentences(body) if start <= first.start() < start + max(len(text), 1))
            if not re.search(names, sentence, re.IGNORECASE):
                number = body.count("\n", 0, first.start()) + 1
                out.append(f"docs/{lang}/{page}:{number}: “{' '.join(first.group(0).split())}” — the first mention "
                           f"does not say what they are: write “{example}” (what this page means) in its sentence "
                           f"(guide_tools/website/terminology/{lang}.yml)")
    return out


def style_problems(lang: str, docs: Path = content.DOCS) -> list[str]:
    """Breaches of the style rules on every page of `lang`."""
    out = []
    for page in content.pages(lang, docs):
        text = content.page_path(lang, page, docs).read_text(encoding="utf-8")
        out += style_text_problems(lang, f"docs/{lang}/{page}", text)
    return out


def exercise_style_problems(lang: str, root: Path = exercises.EXERCISES, runner: bool = True) -> list[str]:
    return [problem for where, line, text in exercise_texts(lang, root, runner)
            for problem in style_text_problems(lang, where, text, first_line=line)]
