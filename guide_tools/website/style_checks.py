"""The style checks: each language's STYLE_RULES (style_rules.py) over a text's prose, and the rules
that need more than a regular expression (Korean particles after code and links, chapter links by
their nav titles, link texts, Russian verbs of refusing with an exception)."""

from __future__ import annotations

import re

from guide_tools.website import content
from guide_tools.website.prose import _block_lines, prose_lines
from guide_tools.website.style_rules import STYLE_RULES, StyleRule


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
