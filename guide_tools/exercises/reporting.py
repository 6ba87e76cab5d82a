"""What the reader reads: a run's report in their language (statuses, the checks' messages translated,
hints, the place in their file), and which messages would reach a Korean or Russian reader in
English (`untranslated`)."""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from guide_tools.exercises import messages as said
from guide_tools.exercises.catalog import CHECK_TIMEOUT, Exercise, RUN_TIMEOUT, battery_messages
from guide_tools.exercises.checking import Result
from guide_tools.exercises.texts import MESSAGES

STATUSES = {"passed": "\u2713", "failed": "\u2717", "timeout": "\u2717", "skipped": "\u2717"}  # outcome -> mark
YES = {"y", "yes", "д", "да", "예", "네", "ㅇ"}


def width(text: str) -> int:
    """Columns a terminal gives `text`: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))



def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


PLACE = re.compile(r"(?P<file>[^\s:]+\.py):(?P<line>\d+): ")  # how plugin.describe() starts: `app.py:3: `


def located(message: str, lang: str) -> str:
    """A message that starts with the reader's file and line as the plugin writes them (`app.py:3: TypeError: …`)
    in the reader's language (`app.py, line 3: TypeError: …`); any other message as it is."""
    place = PLACE.match(message)
    if place is None:
        return message
    return f"{MESSAGES[lang]['at_line'].format(file=place['file'], line=place['line'])}: {message[place.end():]}"


# What a check says that the reader reads in their language (runner.report, so the command and the
# page alike): the runner's and the plugin's own words (a check that did not run, an assert without
# a message), and the frame most checks' messages are written in, `GET /books/99 answered 500,
# expected 404`, when nothing but values fills it: a request line, a status (and the body's repr),
# a repr, a media type. Its English is MESSAGES["en"], which the regular expression is made from.
# Any other message is the check's own English sentence and stays as it was written.
REQUEST = r"(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /\S*"
VALUE = r"""\d{3}(?: (?:[\[{'"].*|None))?|[\[{'"].*|[\w.+-]+/[\w.+-]+(?:;.*)?|None|True|False|JSON"""
SAID = ("assertion_failed", "did_not_run")


def _frame(template: str) -> re.Pattern:
    pieces = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>{REQUEST if piece == 'request' else VALUE})"
                              for i, piece in enumerate(pieces)))


FRAMES = {key: _frame(MESSAGES["en"][key]) for key in ("answered_expected", "answered")}
SAMPLE = "404"  # a value, as frame_of reads a template


def frame_of(template: str) -> tuple[str, dict[str, str]] | None:
    """A check's message template (messages.py: `{}` per value) that the frame translates: (the
    frame's key, each slot as a template of its own), or None.

    A template is the frame's when, each `{}` read as a status code (SAMPLE), it fullmatches a frame
    and each `{}` lies wholly inside one slot: the template's own text then fits the frame (a request
    line, `expected 404`, a literal repr or media type), and whatever values the check puts in go
    into the slots as values. A template whose text does not fit (`expected a redirect to {}`) is
    not the frame's: it needs its `[[messages]]` entry in exercise.toml."""
    pieces, sample, at = said.parts(template), "", []
    for piece in pieces:
        if piece is None:
            at.append(len(sample))
        sample += SAMPLE if piece is None else piece
    if template in (MESSAGES["en"][key] for key in SAID):
        return None
    for key, frame in FRAMES.items():
        found = frame.fullmatch(sample)
        if found is None:
            continue
        slots, taken = {}, 0
        for name in frame.groupindex:
            start, end = found.span(name)
            inside = [i for i in at if start <= i and i + len(SAMPLE) <= end]
            if any(start < i + len(SAMPLE) and i < end for i in at if i not in inside):
                return None  # a value would straddle the frame's own text
            text, cursor = "", start
            for i in inside:
                text += sample[cursor:i].replace("{", "{{").replace("}", "}}") + "{}"
                cursor = i + len(SAMPLE)
            slots[name] = text + sample[cursor:end].replace("{", "{{").replace("}", "}}")
            taken += len(inside)
        return (key, slots) if taken == len(at) else None
    return None


def frame_filled(frame: tuple[str, dict[str, str]], values: list[str], lang: str) -> str:
    """The frame in `lang`, its slots filled with the check's values, in order."""
    key, slots = frame
    filled, used = {}, 0
    for name, slot in slots.items():
        count = said.parts(slot).count(None)
        filled[name] = slot.format(*values[used:used + count])
        used += count
    return MESSAGES[lang][key].format(**filled)


_CATALOGUES: dict[tuple, dict[str, object]] = {}
SUPPORT_FILE = Path(__file__).with_name("support.py")  # the checks' shared helpers: their messages are in it too


def support_messages() -> list[dict[str, str]]:
    """The shared helpers' messages (guide_tools/exercises/support.py, MESSAGES) as [[messages]] entries."""
    from guide_tools.exercises import support

    return [{"en": en, **texts} for en, texts in support.MESSAGES.items()]


def catalogue(exercise: Exercise) -> dict[str, object]:
    """What reads the exercise's messages back: template -> its [[messages]] entry (en, ko, ru), or,
    for a template the frame translates, its frame (frame_of). Read once per version of the files."""
    paths = [p for p in [exercise.checks_file, *exercise.shared_checks()] if p.is_file()]
    key = (tuple((str(p), p.stat().st_mtime_ns) for p in paths), json.dumps(exercise.messages, sort_keys=True))
    if key not in _CATALOGUES:
        found: dict[str, object] = {entry["en"]: entry for entry in exercise.messages
                                    if isinstance(entry, dict) and isinstance(entry.get("en"), str)}
        for entry in support_messages():
            found.setdefault(entry["en"], entry)
        for battery in exercise.batteries():
            try:
                entries = battery_messages(battery)
            except ValueError:  # a broken MESSAGES (runner.problems names it): its messages stay in English
                entries = []
            for entry in entries:
                found.setdefault(entry["en"], entry)
        for site in exercise.message_sites():
            for template in site.templates or []:
                if template not in found and (frame := frame_of(template)) is not None:
                    found[template] = frame
        _CATALOGUES[key] = found
    return _CATALOGUES[key]


def by_template(message: str, lang: str, exercise: Exercise) -> str | None:
    """A check's own message in `lang`: read back as the template it was written from (messages.match),
    its values put into that template's Korean or Russian, or into the frame. None if it is no
    template's, or its template has no text in `lang` yet."""
    known = catalogue(exercise)
    found = said.match(message, list(known))
    if found is None:
        return None
    template, candidates = found
    how = known[template]
    if isinstance(how, tuple):
        return said.said_once([frame_filled(how, values, lang) for values in candidates])
    text = how.get(lang)
    if not isinstance(text, str) or not text.strip():
        return None
    try:  # every plausible split of the values; English unless they all read the same
        return said.said_once([text.format(*values) for values in candidates])
    except (IndexError, KeyError, ValueError):  # a broken entry (message_problems names it): English
        return None


def translated(message: str, lang: str, exercise: Exercise | None = None) -> str:
    """A check's message in the reader's language where it is one the runner knows: its own words
    (SAID); the check's template, with the exercise (by_template: its [[messages]] entry, or the
    frame); a message in the frame with nothing but values in its slots (FRAMES). Else as `located`
    gives it (the place in the reader's file in their language, the rest as written: Python's own
    error from the reader's code stays as Python wrote it). English: as the check wrote it.

    The template comes before the bare frame: a message of a template with words of its own could
    also fit the frame's loose value (`'x' instead of JSON` is a repr and a tail), and would be read
    as the frame with English left in it."""
    for key in SAID:
        if message == MESSAGES["en"][key]:
            return MESSAGES[lang][key]
    if exercise is not None and lang != "en" and (text := by_template(message, lang, exercise)) is not None:
        return text
    for key, frame in FRAMES.items():
        if match := frame.fullmatch(message):
            return MESSAGES[lang][key].format(**match.groupdict())
    return located(message, lang)


# Python's own error, as plugin.describe writes it (`app.py:3: TypeError: ...`, `KeyError: 'item'`):
# what the reader's code raised stays as Python wrote it (only the place is in their language).
PYTHON_ERROR = re.compile(r"^(?:[^\s:]+\.py:\d+: )?(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:: |$)")


def untranslated(exercise: Exercise, result: Result, langs: tuple[str, ...] = ("ko", "ru")) -> list[str]:
    """The messages of a run's failed and skipped checks that a reader of `langs` would read in
    English (`translated` left them as they are), as `check (lang): message`; Python's own error is
    not counted."""
    return [f"{check['name']} ({lang}): {check['message']}" for check in result.checks
            if check["outcome"] in ("failed", "skipped") and not PYTHON_ERROR.match(check["message"])
            for lang in langs if translated(check["message"], lang, exercise) == check["message"]]


def report(exercise: Exercise, result: Result, lang: str, **limits) -> tuple[list[str], int]:
    """What the reader is told about a run, line by line, and the exit code (0: every check passes).
    The local command prints these lines; Check on the page shows the same ones (web.py)."""
    m = MESSAGES[lang]
    if result.timed_out:
        return [m["run_timeout"].format(seconds=limits.get("run_timeout", RUN_TIMEOUT))], 1
    if result.broken:  # "Fix that line" only when the error names one of the reader's lines
        key = "broken" if PLACE.match(result.broken[0]) else "broken_nowhere"
        return [m[key].format(where=located(result.broken[0], lang))], 1
    if not result.checks:
        return [m["no_checks"].format(detail=(result.output.strip().splitlines() or ["?"])[-1])], 1
    lines = []
    columns = max(8, *(width(m[outcome]) for outcome in STATUSES))
    for check in result.checks:
        status = f"  {STATUSES[check['outcome']]} {pad(m[check['outcome']], columns)} {check['name']}"
        if check["outcome"] == "passed":
            lines.append(status)
            continue
        if check["outcome"] == "timeout":
            detail = m["check_timeout"].format(seconds=limits.get("check_timeout", CHECK_TIMEOUT))
        elif check["outcome"] == "skipped":
            detail = m["check_skipped"].format(reason=translated(check["message"], lang, exercise))
        else:
            detail = translated(check["message"], lang, exercise)
        lines.append(f"{status}: {detail}")
        cause = check.get("cause", "")
        hint = (exercise.causes.get(cause, {}).get(lang) if cause else None) or \
            exercise.hints.get(check["name"], {}).get(lang)
        if hint and check["outcome"] != "skipped":
            lines.append(f"      {m['hint']}: {hint}")
    lines += [f"  ! {m['deprecated'].format(where=located(warning, lang))}" for warning in result.warnings]
    if result.ok:
        return [*lines, m["summary_ok"].format(total=len(result.checks), command=exercise.command())], 0
    return [*lines, m["summary_fail"].format(passed=result.passed, total=len(result.checks))], 1

