"""The style rules that are regular expressions: what the style guides
(guide_tools/website/terminology/<lang>-style.md) make mechanical, per language (STYLE_RULES), and
the interface's button names (BUTTONS). style_checks.py runs them, and the rules that need more
than one expression."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
        # ru-style.md §5 (ed69-ru, issue 47): calques a native editor rewrote on the newest pages.
        StyleRule(
            "под + requests or commands (calque of under)",
            r"(?<![\wа-яёА-ЯЁ])[Пп]од[ \t]+(?:\d+[ \t]+)?(?:HTTP-|SQL-)?(?:запрос|команд)[а-яё]*",
            "«при 13 одновременных HTTP-запросах», «Когда приложение запущено командой с этой страницы, …»",
            across_lines=True,
        ),
        StyleRule(
            "unit с followed by the preposition с",
            r"\d[ \t\u00a0]?(?:с|мс)[ \t]+с[ \t]+",
            "запятая или другой порядок: «через 8–10 с, с asyncpg», «с asyncpg — через 8–10 с»",
            across_lines=True,
        ),
        StyleRule(
            "общается с for a program's protocol",
            r"(?<![а-яё])общ(?:ает|ают|ать)(?:ся|ь)?[ \t]+с[ \t]+(?:интернет|браузер|сервер|консьюмер|клиент|бэкенд)[а-яё]*",
            "«работает с браузерами по HTTPS», «доступна из интернета», «обменивается сообщениями с консьюмерами»",
            across_lines=True,
        ),
        StyleRule("пол- glued to code", r"(?<![а-яё])пол-x", "«раз в половину `--timeout`»"),
        StyleRule(
            "класс воркера (the term is класс воркеров)",
            r"(?<![а-яё])класс[а-яё]*[ \t]+воркера(?![а-яё])",
            "«класс воркеров `sync`»",
            across_lines=True,
        ),
        StyleRule(
            # «`Http404` выбрасывает представление»: the nominative and accusative read alike, so the code
            # reads as the subject and the sentence backwards. The one who raises goes first. Only nouns
            # that raise (a view, a pool, a driver...): «`X` выбрасывает каждое из них» is not backwards.
            "code выбрасывает a bare noun (reads backwards)",
            r"(?<![A-Za-z0-9])x{2,}[ \t]*(?:\([^)\n]*\))?[ \t]+выбрасыва[а-яё]*[ \t]+"
            r"(?:представлени|пул|функци|драйвер|сервер|клиент|фреймворк|метод|парсер|валидатор|декоратор|бэкенд"
            r"|приложени|middleware|вызов|код)[а-яё]*(?![а-яё])",
            "«представление выбрасывает `Http404`», «пул выбрасывает `TimeoutError`»",
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
        # ko-style.md §2 and §5 (ed69-ko, issue 47): slips a native editor rewrote on the newest pages.
        StyleRule(
            # §2: 쓰다 for *write* is ambiguous with *use*; the relative clause before a file slipped past
            # the X를 쓰다 rule (새로 쓴 파일). Only 파일 and 사본: 대신 쓸 키, 조건으로 쓰는 코드 mean *use*.
            "쓴/쓰는 파일 (write or use?)",
            r"(?<![가-힣])(?:쓴|쓰는|쓸)[ \t]+(?:파일|사본)(?=[ \t가-힣.,]|$)",
            "새로 만든 파일, 테스트가 기록하는 사본",
            across_lines=True,
        ),
        StyleRule(
            "여기 before a noun without 의",
            r"(?<![가-힣])여기[ \t]+(?:엔드포인트|뷰|앱|코드|예제|설정|라우트|컨슈머)(?:[가이은는을를의도]|들)",
            "이 엔드포인트가, 여기의 뷰는, 이 예제의 코드",
            across_lines=True,
        ),
        StyleRule(
            "N번 설명 (the form is 설명 N)",
            r"\d+번[ \t]+설명(?![했하합한해])|설명[ \t]+\d+번",
            "설명 4",
            across_lines=True,
        ),
        StyleRule(
            "세션을 가지다 (held is 쥐고 있다)",
            r"(?:세션|연결)(?:을|를)[ \t]+가(?:진|지고|집|져)",
            "세션을 쥐고 있는 동안, 연결을 쥐고 있는 요청",
            across_lines=True,
        ),
    ),
}
