"""The exercise runner's mechanisms (guide_tools/exercises/runner.py): the wrong-solution corpus,
failure causes, skipped checks, and the reader's command on rough input. Every test builds its own
exercise tree in tmp_path (a copy of a real exercise with its wrong solutions as patches, or a
small synthetic one): nothing here writes under exercises/."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide_tools.exercises import corpus, patches, runner, validate
from guide_tools.website.content import ROOT
from tests.support.services import free_port

REAL = runner.EXERCISES
FROZEN = Path(__file__).parent / "fixtures" / "routing"  # routing/flask as it was before its corpus


def run(argv: list[str], work: Path, root: Path = REAL, ask=None, **limits) -> tuple[int, str]:
    out = io.StringIO()
    code = runner.main(argv, work_root=work, out=out, ask=ask, root=root, **limits)
    return code, out.getvalue()


# --------------------------------------------------------------------------- trees to test on


def new_root(tmp_path: Path) -> Path:
    root = tmp_path / "exercises"
    root.mkdir()
    shutil.copy(REAL / "pytest.ini", root / "pytest.ini")
    return root


CAUSE_HINTS = {"en": "The 404 answers HTML: `abort(404)` renders a page; return a dict and 404.",
               "ko": "404가 HTML로 나갑니다. `abort(404)`는 페이지를 그립니다. 딕셔너리와 404를 반환하세요.",
               "ru": "404 приходит в HTML: `abort(404)` отдаёт страницу; верните словарь и 404."}


def toml_table(table: str, values: dict) -> str:
    def value(v) -> str:
        return "[" + ", ".join(value(x) for x in v) + "]" if isinstance(v, list) else tomlstr(v)

    return f"\n[{table}]\n" + "".join(f"{key} = {value(v)}\n" for key, v in values.items())


def tomlstr(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_patch(topic: Path, which: str, slug: str, app: str) -> Path:
    """routing/flask's <which>/<slug>.patch: the diff from the reference's app.py to `app`."""
    path = topic / "flask" / which / f"{slug}.patch"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(patches.diff({"app.py": (topic / "flask" / "solution" / "app.py").read_text()}, {"app.py": app}))
    return path


def routing_corpus(tmp_path: Path, wrong: dict[str, tuple[dict, str]]) -> Path:
    """A copy of the real routing exercise whose Flask checks tag the JSON assertion `[not_json]`
    (with its cause hint), and whose flask/wrong/ holds the given wrong solutions:
    slug -> (entry, app.py), app.py as the whole file (saved as its patch)."""
    root = new_root(tmp_path)
    topic = root / "compare" / "routing"
    shutil.copytree(FROZEN, topic, ignore=runner.IGNORED)
    checks = topic / "flask" / "checks.py"
    source = checks.read_text()
    tagged = source.replace('f"GET /books/99 answered {response.content_type}, expected JSON"',
                            'f"[not_json] GET /books/99 answered {response.content_type}, expected JSON"')
    assert tagged != source
    checks.write_text(tagged)
    data = topic / "exercise.toml"
    text = data.read_text() + toml_table("flask.causes.not_json", CAUSE_HINTS)
    for slug, (entry, app) in wrong.items():
        text += toml_table(f"flask.wrong.{slug}", entry)
        save_patch(topic, "wrong", slug, app)
    data.write_text(text)
    return root


SOLUTION = (FROZEN / "flask/solution/app.py").read_text()
NOT_FOUND = '        return {"detail": "Book not found"}, 404\n'


def edited(old: str, new: str, text: str = SOLUTION) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


HTML_404 = edited(NOT_FOUND, "        abort(404)\n", edited("from flask import Flask", "from flask import Flask, abort"))
WRONG = {
    "html_404": ({"kind": "wrong-mechanism", "why": "abort(404) answers Flask's HTML page.",
                  "fails": ["unknown_book_is_json_404"]}, HTML_404),
    "constant_for_id_99": ({"kind": "fits-inputs", "why": "A JSON 404 only for id 99, the id the checks send.",
                            "fails": ["unknown_book_is_json_404"]},
                           edited("    book = BOOKS.get(book_id)\n    if book is None:\n",
                                  "    if book_id == 99:\n", edited("    return book\n", "    return BOOKS[book_id]\n"))),
    "declares_the_wrong_check": ({"kind": "partial", "why": "Declared against a check it passes.",
                                  "fails": ["known_book"]}, HTML_404),
    "does_not_load": ({"kind": "partial", "why": "A syntax error.", "fails": ["unknown_book_is_json_404"]},
                      edited("def book_detail(book_id: int):", "def book_detail(book_id: int:")),
    "hangs": ({"kind": "partial", "why": "Waits forever for a known book.", "fails": ["known_book"]},
              edited("    return book\n", "    import time\n    time.sleep(60)\n    return book\n")),
}


FAKE_TOML = '''
[title]
en = "Two, not one"
ko = "1이 아니라 2"
ru = "Два, а не один"

[flask]
starter_fails = ["answer_is_two"]

[flask.hints.still_there]
en = "Keep `GET /n`."
ko = "`GET /n`을 그대로 두세요."
ru = "Оставьте `GET /n`."

[flask.hints.answer_is_two]
en = "Answer 2 instead of 1."
ko = "1 대신 2로 답하세요."
ru = "Ответьте 2 вместо 1."

[[messages]]
en = "GET /n answered no JSON"
ko = "GET /n 요청의 응답이 JSON이 아닙니다"
ru = "ответ на GET /n — не JSON"

[[messages]]
en = "GET /n answered {}: 2 as a string"
ko = "GET /n 요청의 응답: {0}. 2가 문자열입니다"
ru = "ответ на GET /n: {0}; 2 пришло строкой"
'''
FAKE_CHECKS = '''"""Checks of a synthetic exercise."""
import pytest
from app import app


def get():
    return app.test_client().get("/n").get_json()


def test_still_there():
    assert get() is not None, "GET /n answered no JSON"


def test_answer_is_two():
    body = get()
    assert body != {"n": "2"}, f"[string_not_number] GET /n answered {body!r}: 2 as a string"
    assert body == {"n": 2}, f"GET /n answered {body!r}, expected {{'n': 2}}"
'''
FAKE_APP = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/n")\ndef n():\n    return {"n": 1}\n'
FAKE_CAUSE = '''
[flask.causes.string_not_number]
en = "2 is a number: answer `{\\"n\\": 2}`, not the string."
ko = "2는 숫자입니다. 문자열이 아니라 `{\\"n\\": 2}`로 답하세요."
ru = "2 — число: ответьте `{\\"n\\": 2}`, а не строкой."
'''


def fake_exercise(tmp_path: Path, checks: str = FAKE_CHECKS, toml: str = FAKE_TOML + FAKE_CAUSE,
                  starter: str = FAKE_APP, solution: str = FAKE_APP.replace('{"n": 1}', '{"n": 2}')) -> Path:
    """A small Flask exercise `fake/flask` under compare/, its root returned."""
    root = new_root(tmp_path)
    topic = root / "compare" / "fake"
    (topic / "flask" / "starter").mkdir(parents=True)
    (topic / "flask" / "solution").mkdir()
    (topic / "exercise.toml").write_text(toml)
    (topic / "flask" / "checks.py").write_text(checks)
    (topic / "flask" / "starter" / "app.py").write_text(starter)
    (topic / "flask" / "solution" / "app.py").write_text(solution)
    return root


def one(root: Path, name: str) -> runner.Exercise:
    [exercise] = [e for e in runner.load_all(root) if e.name == name]
    return exercise


# --------------------------------------------------------------------------- the corpus's data


def test_the_real_tree_has_no_data_problem():
    assert runner.problems(runner.load_all()) == []


def test_wrong_solution_data_problems_are_named(tmp_path):
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    topic = root / "compare" / "routing"
    save_patch(topic, "wrong", "no_entry", HTML_404)
    save_patch(topic, "wrong", "same_as_reference", SOLUTION)
    (topic / "flask" / "wrong" / "whole_copy").mkdir()  # the corpus as it was: a folder of whole files
    (topic / "flask" / "wrong" / "whole_copy" / "app.py").write_text(HTML_404)
    text = (topic / "exercise.toml").read_text()
    text += toml_table("flask.wrong.no_folder", {"kind": "partial", "why": "x", "fails": ["known_book"], "told": ["not_jsn"]})
    text += toml_table("flask.wrong.same_as_reference", {"kind": "sloppy", "why": " ", "fails": ["known_boook"]})
    (topic / "exercise.toml").write_text(text)
    found = "\n".join(runner.problems(runner.load_all(root)))
    data = f"{root.as_posix()}/compare/routing/exercise.toml"
    wrong = f"{root.as_posix()}/compare/routing/flask/wrong"
    assert f"{wrong}/no_entry.patch has no entry [flask.wrong.no_entry] in {data}" in found
    assert f"{data}: [flask.wrong.no_folder] has no patch {wrong}/no_folder.patch" in found
    assert f"{data}: [flask.wrong.same_as_reference]: kind = 'sloppy' is not one of fits-inputs, protection-off" in found
    assert f"{data}: [flask.wrong.same_as_reference]: `why` must be one English line" in found
    assert f"{data}: [flask.wrong.same_as_reference]: fails names 'known_boook', which is no check" in found
    assert f"{wrong}/same_as_reference.patch changes nothing" in found
    assert (f"{wrong}/whole_copy is a folder: wrong/ holds one <slug>.patch per solution, a diff against the reference "
            "solution; make one from an edited copy with `python3 dev.py exercise routing/flask --save-wrong whole_copy`") in found
    assert f"{data}: [flask.wrong.no_folder]: told names 'not_jsn', which has no [flask.causes.not_jsn] in {data}" in found
    assert "html_404" not in found  # the complete entry has no problem


def test_cause_data_problems_are_named(tmp_path, monkeypatch):
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 0)  # a synthetic exercise without a corpus: only the causes here
    toml = FAKE_TOML + FAKE_CAUSE.replace('ko = "2는', 'kr = "2는') + '\n[flask.causes.never_used]\nen = "x"\nko = "x"\nru = "x"\n'
    checks = FAKE_CHECKS + '\n\ndef test_more():\n    value = 3\n    assert value == 3, f"[in_an_fstring] {value}"\n'
    root = fake_exercise(tmp_path, checks=checks, toml=toml + '\n[flask.hints.more]\nen = "m"\nko = "m"\nru = "m"\n')
    found = runner.problems(runner.load_all(root))
    data = f"{root.as_posix()}/compare/fake/exercise.toml"
    assert f"{data}: [flask.causes.string_not_number] needs a one-line `ko` hint (the tag [string_not_number] is used in " \
           f"{root.as_posix()}/compare/fake/flask/checks.py, answer_is_two)." in found
    assert any(p.startswith(f"{data}: [flask.causes.in_an_fstring] needs a one-line `en` hint") for p in found), found
    assert any(p.startswith(f"{data}: [flask.causes.never_used] is the hint of no tag") for p in found), found
    assert len(found) == 5, found  # string_not_number: ko; in_an_fstring: en, ko, ru; never_used


def test_a_cause_id_passed_as_data_counts_as_used(tmp_path, monkeypatch):
    """A helper can write the tag from data (`rejected(response, body, "quantity_default")` and
    f"[{cause}] ..."): the id as a string literal in checks.py is its use; an id nowhere is not."""
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 0)  # a synthetic exercise without a corpus: only the causes here
    checks = FAKE_CHECKS + '\n\n@pytest.mark.parametrize("cause", ["passed_as_data"])\ndef test_more(cause):\n    assert cause\n'
    hints = '\n[flask.hints.more]\nen = "m"\nko = "m"\nru = "m"\n'
    causes = "".join(f'\n[flask.causes.{c}]\nen = "x"\nko = "x"\nru = "x"\n' for c in ("passed_as_data", "nowhere"))
    root = fake_exercise(tmp_path, checks=checks, toml=FAKE_TOML + FAKE_CAUSE + hints + causes)
    found = runner.problems(runner.load_all(root))
    assert [p.split("] ")[0].rsplit("[", 1)[1] for p in found] == ["flask.causes.nowhere"], found


def test_an_exercise_with_fewer_than_three_wrong_solutions_is_named(tmp_path):
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    found = runner.problems(runner.load_all(root))
    assert runner.WRONG_MINIMUM == 3
    assert f"{root.as_posix()}/compare/routing/exercise.toml: routing/flask has 1 wrong solution(s); write at least 3." in found, found


def test_a_tag_written_at_run_time_needs_its_hint_too(tmp_path):
    """The data check cannot see f"[{cause}] ..."; the run can: a wrong solution rejected with a
    tag that has no hint is reported, since the reader would get the starter's hint instead."""
    exercise = runner.load_all(fake_exercise(tmp_path))[0]
    exercise.wrong["as_a_string"] = {"kind": "partial", "why": "w", "fails": ["answer_is_two"]}
    failing = {"name": "answer_is_two", "outcome": "failed", "message": "GET /n answered 1"}
    told = runner.Result([{**failing, "cause": "string_not_number"}], [])
    untold = runner.Result([{**failing, "cause": "made_up"}], [])
    assert runner.judge_wrong(exercise, "as_a_string", told) == ""
    assert runner.judge_wrong(exercise, "as_a_string", untold) == (
        "its failure of answer_is_two is tagged [made_up], which has no [flask.causes.made_up] hint in every language")


def test_the_cause_tag_is_split_from_the_message():
    assert runner.split_cause("[not_json] GET /books/99 answered text/html") == ("not_json", "GET /books/99 answered text/html")
    assert runner.split_cause("GET /books/99 answered [1, 2]") == ("", "GET /books/99 answered [1, 2]")
    assert runner.split_cause("[Not a tag] x") == ("", "[Not a tag] x")


# --------------------------------------------------------------------------- the checks' own messages (issue 31)


def test_a_checks_message_reads_in_the_readers_language(tmp_path):
    """By its [[messages]] entry (the values put in by number), by the frame for a template that is
    the frame's whatever its value (1.5 is no value the bare frame knows), and in English as written."""
    exercise = one(fake_exercise(tmp_path), "fake/flask")
    said = {
        "GET /n answered {'n': '2'}: 2 as a string": {"ko": "GET /n 요청의 응답: {'n': '2'}. 2가 문자열입니다",
                                                      "ru": "ответ на GET /n: {'n': '2'}; 2 пришло строкой"},
        "GET /n answered no JSON": {"ko": "GET /n 요청의 응답이 JSON이 아닙니다", "ru": "ответ на GET /n — не JSON"},
        "GET /n answered 1.5, expected {'n': 2}": {"ko": "GET /n 요청의 응답: 1.5, 기대한 응답: {'n': 2}",
                                                  "ru": "ответ на GET /n: 1.5, ожидался {'n': 2}"},
    }
    for message, languages in said.items():
        assert runner.translated(message, "en", exercise) == message
        for lang, text in languages.items():
            assert runner.translated(message, lang, exercise) == text
    assert runner.translated("GET /n answered 1.5, expected {'n': 2}", "ko") == "GET /n answered 1.5, expected {'n': 2}"  # no exercise: no template
    assert runner.untranslated(exercise, runner.Result([
        {"name": "answer_is_two", "outcome": "failed", "message": message, "cause": ""} for message in [
            *said, "app.py:7: TypeError: 'int' object is not subscriptable", "KeyError: 'n'", "something else entirely"]], [])) == [
        "answer_is_two (ko): something else entirely", "answer_is_two (ru): something else entirely"]


def messages_exercise(tmp_path: Path, entries: list[tuple[str, str, str]]) -> runner.Exercise:
    """An exercise (no files) whose [[messages]] are `entries`: (en, ko, ru)."""
    return runner.Exercise("compare", "fake", "flask", {}, {}, root=tmp_path,
                           messages=[{"en": en, "ko": ko, "ru": ru} for en, ko, ru in entries])


def test_the_most_specific_template_reads_a_message(tmp_path):
    """`the consumer answered {}` fits a message of `the consumer answered 'hello' with {}` too: the
    template with more text of its own reads it, whatever order exercise.toml lists them in."""
    exercise = messages_exercise(tmp_path, [("the consumer answered {}", "소비자의 응답: {0}", "ответ: {0}"),
                                            ("the consumer answered 'hello' with {}", "'hello'에 대한 소비자의 응답: {0}", "ответ на 'hello': {0}")])
    assert runner.translated("the consumer answered 'hello' with [1]", "ko", exercise) == "'hello'에 대한 소비자의 응답: [1]"
    assert runner.translated("the consumer answered [1]", "ru", exercise) == "ответ: [1]"


@pytest.mark.parametrize(("message", "ko"), [
    # a value holding the template's own text: the split where each value is a whole repr
    ("POST /n with {'a': 'x, expected 400'} answered 201, expected 400", "{'a': 'x, expected 400'} 본문의 응답: 201 (400)"),
    ('POST /n with {"a": "x answered 2"} answered 201, expected 400', '{"a": "x answered 2"} 본문의 응답: 201 (400)'),
    ("POST /n with {'a': '}'} answered 201, expected 400", "{'a': '}'} 본문의 응답: 201 (400)"),
    # two whole splits: no reading is safe, so the check's English stays
    ("POST /n with x answered 1, expected 400 answered 201, expected 400", None),
])
def test_a_value_holding_the_templates_text_is_not_split_inside(tmp_path, message, ko):
    exercise = messages_exercise(tmp_path, [("POST /n with {} answered {}, expected 400", "{0} 본문의 응답: {1} (400)", "{0}: {1}")])
    assert runner.translated(message, "ko", exercise) == (message if ko is None else ko)


def test_splits_that_read_the_same_are_one_reading(tmp_path):
    """`answered {} {}` with a body that is words (`500 Internal Server Error`) splits three ways; a
    translation that keeps the two values side by side says each the same, so it is safe; one that
    parts them is not, and the message stays in English."""
    message = "PATCH /b answered 500 Internal Server Error, expected 404"
    side_by_side = messages_exercise(tmp_path, [("PATCH /b answered {} {}, expected 404", "PATCH /b 요청의 응답: {0} {1}", "{1} ({0})")])
    assert runner.translated(message, "ko", side_by_side) == "PATCH /b 요청의 응답: 500 Internal Server Error"
    assert runner.translated(message, "ru", side_by_side) == message


MESSAGE_CHECKS = FAKE_CHECKS + '''

def test_more():
    body = get()
    assert body, f"GET /n answered {body!r} with {len(body)} keys, expected one"
'''
MESSAGE_TOML = FAKE_TOML + FAKE_CAUSE + '''
[flask.hints.more]
en = "m"
ko = "m"
ru = "m"

[[messages]]
en = "GET /n answered {} with {} keys, expected one"
ko = "GET /n 요청의 응답: {0}, 키 {1}개, 기대한 응답: 키 하나"
ru = "ответ на GET /n: {0}, ключей: {1}, ожидался один"
'''
GOOD_KO = 'ko = "GET /n 요청의 응답: {0}, 키 {1}개, 기대한 응답: 키 하나"'


@pytest.mark.parametrize(("checks", "toml", "expected"), [
    (MESSAGE_CHECKS, MESSAGE_TOML, []),
    # a message without its entry, which the frame does not translate
    (MESSAGE_CHECKS.replace("expected one", "expected one key"), MESSAGE_TOML,
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\" is the message of no check: "
      "remove it, or write en as the check's message now reads.",
      "{checks}:22: the message \"GET /n answered {{}} with {{}} keys, expected one key\" has no [[messages]] entry in {data}, "
      "and the runner's frame does not translate it: add the entry with its ko and ru."]),
    # a number past the values, a value not placed, a name, an empty one
    (MESSAGE_CHECKS, MESSAGE_TOML.replace(GOOD_KO, 'ko = "GET /n 요청의 응답: {0}, 키 {2}개"'),
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\": `ko`: it has {{2}}, but en has 2 value(s): {{0}} to {{1}}."]),
    (MESSAGE_CHECKS, MESSAGE_TOML.replace(GOOD_KO, 'ko = "GET /n 요청의 응답: {0}, 기대한 응답: 키 하나"'),
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\": `ko`: it does not place {{1}}: every value of en appears, {{0}} to {{1}}."]),
    (MESSAGE_CHECKS, MESSAGE_TOML.replace(GOOD_KO, 'ko = "GET /n 요청의 응답: {body}, 키 {1}개 {0}"'),
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\": `ko`: it has {{body}}: place the values by number, {{0}} to {{1}}."]),
    (MESSAGE_CHECKS, MESSAGE_TOML.replace(GOOD_KO, 'ko = "{0} {1} {"'),
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\": `ko`: it does not read as a str.format template "
      "(Single '{{' encountered in format string): double a literal brace, {{{{ or }}}}."]),
    (MESSAGE_CHECKS, MESSAGE_TOML.replace(GOOD_KO, 'ko = ""'),
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\" needs a one-line `ko`: the message in Korean, "
      "its values as {{0}}, {{1}}, ... (contributing/exercises.md, \"Exercises\")."]),
    # an entry left over after its check changed
    (MESSAGE_CHECKS, MESSAGE_TOML + '\n[[messages]]\nen = "GET /n answered {}, expected two"\nko = "{0}"\nru = "{0}"\n',
     ["{data}: the [[messages]] entry en = \"GET /n answered {{}}, expected two\" is the message of no check: "
      "remove it, or write en as the check's message now reads."]),
    # a message messages.py cannot read back
    (MESSAGE_CHECKS.replace('    assert body, f"GET', '    msg = f"GET').replace('expected one"\n', 'expected one"\n    assert body, msg\n'),
     MESSAGE_TOML,
     ["{checks}:23: messages.py cannot read this message as a template (`msg`): write it as one f-string in the assert (or AssertionError(...)).",
      "{data}: the [[messages]] entry en = \"GET /n answered {{}} with {{}} keys, expected one\" is the message of no check: "
      "remove it, or write en as the check's message now reads."]),
])
def test_each_message_data_problem_is_named(tmp_path, monkeypatch, checks, toml, expected):
    """exercise.toml's [[messages]] against the checks (runner.message_problems), each problem one line."""
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 0)
    root = fake_exercise(tmp_path, checks=checks, toml=toml)
    data, path = f"{root.as_posix()}/compare/fake/exercise.toml", f"{root.as_posix()}/compare/fake/flask/checks.py"
    assert runner.problems(runner.load_all(root)) == [line.format(data=data, checks=path) for line in expected]


def test_a_shared_helpers_message_reads_in_the_readers_language(tmp_path, monkeypatch):
    """support.py's assertions (the auth exercises' header check, the downloads', the reader's tests')
    are read back by support.MESSAGES in every exercise; one without its entry is named there."""
    from guide_tools.exercises import support

    exercise = messages_exercise(tmp_path, [])
    assert runner.translated("bob (not an editor) got 200, expected 403", "ko", exercise) == "편집자가 아닌 bob이 받은 응답: 200, 기대한 응답: 403"
    assert runner.support_problems() == []
    monkeypatch.setattr(support, "MESSAGES", {k: v for k, v in support.MESSAGES.items() if not k.startswith("bob (not an editor) got")})
    [problem] = runner.support_problems()
    assert problem.startswith("guide_tools/exercises/support.py:") and \
        'the message "bob (not an editor) got {}, expected 403" has no [[messages]] entry in guide_tools/exercises/support.py, MESSAGES' in problem


BATTERY = '''"""A battery that writes one message."""

MESSAGES = {
    "GET /n answered {}, expected it loud": {
        "ko": "GET /n 요청의 응답: {0}, 기대한 응답: 큰 소리",
        "ru": "ответ на GET /n: {0}, ожидался громкий"},
}


def check_loud(body):
    assert body == "N", f"GET /n answered {body!r}, expected it loud"
'''
BATTERY_CHECKS = FAKE_CHECKS.replace("from app import app\n", "from app import app\n\nfrom exercises.batteries import loud\n")


def battery_exercise(tmp_path: Path, battery: str = BATTERY, toml: str = FAKE_TOML + FAKE_CAUSE) -> Path:
    """fake/flask, whose checks import the battery exercises/batteries/loud.py (`battery`), its root returned."""
    root = fake_exercise(tmp_path, checks=BATTERY_CHECKS, toml=toml)
    (root / "batteries").mkdir()
    (root / "batteries" / "__init__.py").write_text('"""Batteries."""\n', encoding="utf-8")
    (root / "batteries" / "loud.py").write_text(battery, encoding="utf-8")
    return root


def test_a_batterys_message_reads_in_the_readers_language_from_the_battery(tmp_path, monkeypatch):
    """A battery carries its messages (MESSAGES in exercises/batteries/<name>.py, read without importing
    it): an exercise whose checks import it reads them back with no entry of its own, and passes."""
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 0)
    root = battery_exercise(tmp_path, battery="import no_such_package_here\n" + BATTERY)  # never imported
    exercise = one(root, "fake/flask")
    assert "GET /n answered {}, expected it loud" not in {entry["en"] for entry in exercise.messages}
    assert runner.translated("GET /n answered 'n', expected it loud", "ru", exercise) == "ответ на GET /n: 'n', ожидался громкий"
    assert runner.translated("GET /n answered 'n', expected it loud", "ko", exercise) == "GET /n 요청의 응답: 'n', 기대한 응답: 큰 소리"
    assert runner.problems(runner.load_all(root)) == []


def test_a_real_batterys_message_reads_without_a_copy_in_the_exercise(tmp_path):
    """The debug battery's message in routing/flask, whose exercise.toml has no [[messages]] entry for it."""
    exercise = one(REAL, "routing/flask")
    template = "{}.py, started as `{}`, runs in debug mode: every crash would send its traceback to the client"
    assert template not in {entry["en"] for entry in exercise.messages}
    assert runner.translated("app.py, started as `flask run --debug`, runs in debug mode: every crash would send its traceback "
                             "to the client", "ru", exercise) == (
        "app.py, запущенный как `flask run --debug`, работает в режиме отладки: при каждом сбое трассировка уходила бы клиенту")


def test_a_copy_of_a_batterys_message_in_exercise_toml_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 0)
    copy = '\n[[messages]]\nen = "GET /n answered {}, expected it loud"\nko = "{0}"\nru = "{0}"\n'
    root = battery_exercise(tmp_path, toml=FAKE_TOML + FAKE_CAUSE + copy)
    assert runner.problems(runner.load_all(root)) == [
        f"{root.as_posix()}/compare/fake/exercise.toml: the [[messages]] entry en = \"GET /n answered {{}}, expected it loud\" "
        f"is a battery's message: remove it: {root.as_posix()}/batteries/loud.py carries it (its MESSAGES)."]


@pytest.mark.parametrize(("battery", "expected"), [
    (BATTERY.replace('        "ko": "GET /n 요청의 응답: {0}, 기대한 응답: 큰 소리",\n', ""),
     ["{battery}, MESSAGES: the [[messages]] entry en = \"GET /n answered {{}}, expected it loud\" needs a one-line `ko`: "
      "the message in Korean, its values as {{0}}, {{1}}, ... (contributing/exercises.md, \"Exercises\")."]),
    (BATTERY.replace("expected it loud\"\n", "expected it LOUD\"\n"),
     ["{battery}, MESSAGES: the [[messages]] entry en = \"GET /n answered {{}}, expected it loud\" is the message of no check: "
      "remove it, or write en as the check's message now reads.",
      "{battery}:11: the message \"GET /n answered {{}}, expected it LOUD\" has no [[messages]] entry in {battery}, MESSAGES, "
      "and the runner's frame does not translate it: add the entry with its ko and ru."]),
    (BATTERY.replace("MESSAGES = {", "MESSAGES = dict({").replace("},\n}\n", "},\n})\n"),
     ["{battery}:3: MESSAGES must be a literal dict (only strings), which the runner reads without importing the battery "
      "(malformed node or string on line 3: <ast.Call object"]),
])
def test_a_batterys_message_problem_names_the_battery(tmp_path, monkeypatch, battery, expected):
    """A battery's messages are checked once, against its own MESSAGES, and the problem names its file."""
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 0)
    root = battery_exercise(tmp_path, battery=battery)
    found = runner.problems(runner.load_all(root))
    lines = [line.format(battery=f"{root.as_posix()}/batteries/loud.py") for line in expected]
    assert len(found) == len(lines) and all(f.startswith(line) for f, line in zip(found, lines)), found


# --------------------------------------------------------------------------- the corpus in the runner


@pytest.mark.slow
def test_each_wrong_solution_is_judged_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "CI_LIMITS", {"check_timeout": 3, "run_timeout": 60})
    root = routing_corpus(tmp_path, WRONG)
    exercise = one(root, "routing/flask")
    verdicts = {v.slug: v for v in runner.verify_wrong(exercise)}
    assert verdicts["html_404"].rejected
    assert verdicts["constant_for_id_99"].problem == "it passes every check"
    assert verdicts["declares_the_wrong_check"].problem == (
        "it is rejected by unknown_book_is_json_404, not by what `fails` declares: known_book passes")
    assert verdicts["does_not_load"].problem.startswith("it does not load (app.py:19: SyntaxError: ")
    assert verdicts["hangs"].problem == "known_book stopped after the time limit: it hangs (a wrong solution must end)"
    assert verdicts["constant_for_id_99"].message == (
        "routing/flask: wrong/constant_for_id_99 is not rejected as declared: it passes every check "
        "(why it is wrong: A JSON 404 only for id 99, the id the checks send.)")
    out = io.StringIO()
    assert runner.check_all([exercise], workers=2, out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[-1] == "1 exercises: 1 starters fail as expected, 1 solutions pass, 1 of 5 wrong solutions rejected"
    assert sorted(line.split(" is not rejected")[0] for line in lines[:-1]) == [
        f"routing/flask: wrong/{slug}" for slug in ("constant_for_id_99", "declares_the_wrong_check", "does_not_load", "hangs")]


def test_a_wrong_solution_must_get_the_hint_its_entry_names(tmp_path, monkeypatch):
    """`told`: the cause whose hint the learner must read. Rejected by the right check, but with
    another hint (the starter's), is not rejected as declared."""
    monkeypatch.setattr(corpus, "CI_LIMITS", {"check_timeout": 3, "run_timeout": 60})
    entry = {"kind": "wrong-mechanism", "why": "abort(404) answers Flask's HTML page.",
             "fails": ["unknown_book_is_json_404"], "told": ["not_json"]}
    json_200 = edited(NOT_FOUND, '        return {"detail": "Book not found"}\n')
    root = routing_corpus(tmp_path, {"html_404": (entry, HTML_404),
                                     "json_200": ({**entry, "why": "The JSON detail with a 200."}, json_200)})
    verdicts = {v.slug: v for v in runner.verify_wrong(one(root, "routing/flask"))}
    assert verdicts["html_404"].rejected
    assert verdicts["json_200"].problem == (
        "its failures are not tagged [not_json], as `told` declares: it gets only the checks' own hints")


@pytest.mark.slow
def test_check_all_passes_when_every_wrong_solution_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 1)  # one wrong solution here; the minimum has its own test
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    out = io.StringIO()
    code = runner.check_all([one(root, "routing/flask")], out=out)
    assert out.getvalue() == "1 exercises: 1 starters fail as expected, 1 solutions pass, 1 wrong solutions rejected\n"
    assert code == 0


def add_right(root: Path, slug: str, why: str | None, app: str | None) -> None:
    """A right/<slug>.patch of the copied routing/flask exercise: its entry (when `why`) and its app.py (when `app`)."""
    topic = root / "compare" / "routing"
    if why is not None:
        data = topic / "exercise.toml"
        data.write_text(data.read_text() + toml_table(f"flask.right.{slug}", {"why": why}))
    if app is not None:
        save_patch(topic, "right", slug, app)


JSONIFY_404 = edited(NOT_FOUND, '        return jsonify(detail="Book not found"), 404\n',
                     edited("from flask import Flask", "from flask import Flask, jsonify"))


def test_right_solution_data_problems_are_named(tmp_path):
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    add_right(root, "jsonify_404", "jsonify() and the status: the same JSON 404.", JSONIFY_404)
    add_right(root, "no_entry", None, JSONIFY_404)
    add_right(root, "no_folder", "x", None)
    add_right(root, "same_as_reference", " ", SOLUTION)
    found = "\n".join(runner.problems(runner.load_all(root)))
    data = f"{root.as_posix()}/compare/routing/exercise.toml"
    right = f"{root.as_posix()}/compare/routing/flask/right"
    assert f"{right}/no_entry.patch has no entry [flask.right.no_entry] in {data}" in found
    assert f"{data}: [flask.right.no_folder] has no patch {right}/no_folder.patch" in found
    assert f"{data}: [flask.right.same_as_reference]: `why` must be one English line" in found
    assert f"{right}/same_as_reference.patch changes nothing" in found
    assert "jsonify_404" not in found


@pytest.mark.slow
def test_check_all_fails_when_a_right_solution_is_refused(tmp_path, monkeypatch):
    """right/<slug>/: another correct solution, which the checks must accept (a check that compares
    a header as text refuses `send_file`'s equally right one)."""
    monkeypatch.setattr(validate, "WRONG_MINIMUM", 1)
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    add_right(root, "jsonify_404", "jsonify() and the status: the same JSON 404.", JSONIFY_404)
    out = io.StringIO()
    assert runner.check_all([one(root, "routing/flask")], out=out) == 0, out.getvalue()
    add_right(root, "html_404_called_right", "Declared right, but answers Flask's HTML 404.", HTML_404)
    out = io.StringIO()
    assert runner.check_all([one(root, "routing/flask")], out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("routing/flask: right/html_404_called_right is refused, but it is correct: "
                               "unknown_book_is_json_404 (failed: "), lines
    assert lines[0].endswith("(why it is right: Declared right, but answers Flask's HTML 404.)"), lines
    assert lines[-1] == "1 exercises: 1 starters fail as expected, 1 solutions pass, 1 wrong solutions rejected"


@pytest.mark.parametrize(("name", "expected"), [
    ("compare/auth", {"auth/flask", "auth/fastapi", "auth/django"}), ("auth/django", {"auth/django"}),
])
def test_check_all_with_a_name_checks_only_that_exercise(tmp_path, monkeypatch, name, expected):
    from guide_tools.devtools import stacks

    chosen, stamped = [], []
    monkeypatch.setattr(runner, "check_all", lambda exercises, out=None, stamp=False:
                        stamped.append(stamp) or chosen.extend(e.name for e in exercises) or 0)
    latest = stacks.current() == runner.STAMP_STACK  # stamps are written there only, and elsewhere it says so
    assert run(["--check-all", name], tmp_path) == (0, "" if latest else runner.UNSTAMPED.format(stack=runner.STAMP_STACK) + "\n")
    assert stamped == [latest]
    assert set(chosen) == expected
    chosen.clear()
    run(["--check-all"], tmp_path)
    assert len(chosen) == len(runner.load_all())  # without a name: every exercise, as CI runs it


@pytest.mark.slow
def test_one_process_start_for_all_wrong_solutions_judges_as_separate_runs(tmp_path, monkeypatch):
    """batch.py forks a pytest per wrong solution: the same verdicts as a subprocess each."""
    monkeypatch.setattr(corpus, "CI_LIMITS", {"check_timeout": 3, "run_timeout": 60})
    exercise = one(routing_corpus(tmp_path, WRONG), "routing/flask")
    forked = [(v.slug, v.problem) for v in runner.verify_wrong(exercise, batch=True)]
    separate = [(v.slug, v.problem) for v in runner.verify_wrong(exercise, batch=False)]
    assert forked == separate


@pytest.mark.slow
def test_the_declared_checks_alone_judge_as_every_check_does(tmp_path, monkeypatch):
    """declared=True (the run on every commit): a wrong solution rejected as declared ran only the
    checks its `fails` names; every other verdict comes from a run of every check, so it reads as
    --check-all's (which runs every check)."""
    monkeypatch.setattr(corpus, "CI_LIMITS", {"check_timeout": 3, "run_timeout": 60})
    exercise = one(routing_corpus(tmp_path, WRONG), "routing/flask")
    every = {v.slug: v for v in runner.verify_wrong(exercise)}
    declared = {v.slug: v for v in runner.verify_wrong(exercise, declared=True)}
    assert {slug: v.problem for slug, v in declared.items()} == {slug: v.problem for slug, v in every.items()}

    def ran(verdict: runner.WrongVerdict) -> set[str]:
        return {c["name"] for c in verdict.result.checks if c["message"] != runner.MESSAGES["en"]["did_not_run"]}

    assert ran(declared["html_404"]) == set(exercise.wrong["html_404"]["fails"]) != set(exercise.checks())
    assert ran(declared["constant_for_id_99"]) == set(exercise.checks())  # accepted: judged by every check


@pytest.mark.slow
def test_a_tagged_failure_shows_its_cause_hint_without_the_tag(tmp_path):
    root = routing_corpus(tmp_path, {})
    mine = tmp_path / "work" / "routing" / "flask"
    mine.mkdir(parents=True)
    (mine / "app.py").write_text(HTML_404)
    code, out = run(["routing/flask", "--lang", "ko"], tmp_path / "work", root=root)
    assert code == 1
    # the detail's frame in the page's language too (runner.MESSAGES), the values as the check gave them
    assert re.search(r"unknown_book_is_json_404: GET /books/99 요청의 응답: text/html; charset=utf-8, 기대한 응답: JSON\n"
                     rf"      힌트: {re.escape(CAUSE_HINTS['ko'])}\n", out), out
    assert "[not_json]" not in out
    assert one(root, "routing/flask").hints["unknown_book_is_json_404"]["ko"] not in out


@pytest.mark.slow
def test_the_starters_failure_must_be_untagged(tmp_path):
    checks = FAKE_CHECKS.replace('f"GET /n answered {body!r}, expected', 'f"[still_one] GET /n answered {body!r}, expected')
    toml = FAKE_TOML + FAKE_CAUSE + '\n[flask.causes.still_one]\nen = "x"\nko = "x"\nru = "x"\n'
    exercise = one(fake_exercise(tmp_path, checks=checks, toml=toml), "fake/flask")
    verdict = runner.verify(exercise)
    assert verdict.mismatches == [("fake/flask: the starter fails answer_is_two with the cause tag [still_one]; the starter's "
                                   "failure must be untagged (the check's hint is the starter's fix): tag the assertions a "
                                   "wrong solution fails instead")]
    assert not verdict.starter_ok and verdict.solution_ok


# --------------------------------------------------------------------------- a skipped check is not a passed one


SKIPPING = FAKE_CHECKS + '\n\ndef test_with_a_service():\n    pytest.skip("no service here")\n'
SKIPPING_TOML = FAKE_TOML + FAKE_CAUSE + '\n[flask.hints.with_a_service]\nen = "s"\nko = "s"\nru = "s"\n'


@pytest.mark.slow
def test_a_skipped_check_counts_as_not_passed_and_is_named(tmp_path):
    root = fake_exercise(tmp_path, checks=SKIPPING, toml=SKIPPING_TOML)
    mine = tmp_path / "work" / "fake" / "flask"
    shutil.copytree(one(root, "fake/flask").solution, mine)
    code, out = run(["fake/flask", "--lang", "en"], tmp_path / "work", root=root)
    assert code == 1
    assert "  \u2717 SKIPPED  with_a_service: no service here (a skipped check does not count as passed)\n" in out
    assert out.endswith("2 of 3 checks pass.\n")
    assert runner.verify_solution(one(root, "fake/flask")) != []


# --------------------------------------------------------------------------- a deprecation in the reader's files


DEPRECATED_APP = FAKE_APP.replace('{"n": 1}', '{"n": 2}').replace(
    "app = Flask(__name__)\n", "import warnings\n\napp = Flask(__name__)\nwarnings.warn(\"old style\", DeprecationWarning)\n")


@pytest.mark.slow
@pytest.mark.parametrize("lang, where", [("en", "app.py, line 6"), ("ru", "app.py, строка 6"), ("ko", "app.py 6행")])
def test_a_deprecation_warning_from_the_readers_file_is_shown_and_fails_nothing(tmp_path, lang, where):
    root = fake_exercise(tmp_path)
    mine = tmp_path / "work" / "fake" / "flask"
    mine.mkdir(parents=True)
    (mine / "app.py").write_text(DEPRECATED_APP)
    code, out = run(["fake/flask", "--lang", lang], tmp_path / "work", root=root)
    assert code == 0, out
    deprecated = runner.MESSAGES[lang]["deprecated"].format(where=f"{where}: DeprecationWarning: old style")
    assert f"\n  ! {deprecated}\n" in out, out
    assert out.count("DeprecationWarning") == 1, out


# --------------------------------------------------------------------------- the status column


def test_width_counts_wide_characters_twice():
    assert runner.width("통과") == 4 and runner.width("НЕ ПРОЙДЕНА") == 11 and runner.width("passed") == 6
    assert runner.width(runner.pad("건너뜀", 8)) == 8


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_the_check_names_line_up_in_every_language(tmp_path, lang):
    root = fake_exercise(tmp_path, checks=SKIPPING, toml=SKIPPING_TOML)
    code, out = run(["fake/flask", "--lang", lang], tmp_path / "work", root=root)
    assert code == 1
    starts = [runner.width(line[:line.index(name)]) for line in out.splitlines()
              for name in ("still_there", "answer_is_two", "with_a_service") if re.match(rf"  \S \S.* +{name}\b", line)]
    assert len(starts) == 3 and len(set(starts)) == 1, out
    longest = max(runner.width(runner.MESSAGES[lang][k]) for k in ("passed", "failed", "timeout", "skipped"))
    assert starts[0] == 4 + max(8, longest) + 1


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(("typed", "expected"), [
    ("compare/routing", ["routing/flask", "routing/fastapi", "routing/django"]),
    ("compare/routing.md", ["routing/flask", "routing/fastapi", "routing/django"]),
    ("Routing/Flask", ["routing/flask"]),
    ("ROUTING", ["routing/flask", "routing/fastapi", "routing/django"]),
    ("compare/routing/django", ["routing/django"]),
])
def test_the_page_path_and_any_case_name_an_exercise(typed, expected):
    assert [e.name for e in runner.select(typed, runner.load_all())] == expected


@pytest.mark.parametrize(("argv", "expected"), [
    (["routng", "--lang", "en"], "Unknown exercise 'routng'. Did you mean 'routing'? The exercises are: project_structure, routing"),
    (["routng", "--lang", "ko"], "'routng'(이)라는 연습 문제는 없습니다. 'routing'을(를) 찾으셨나요? 있는 연습 문제: project_structure, routing"),
    (["routng", "--lang", "ru"], "Упражнения «routng» нет. Может быть, вы имели в виду «routing»? Есть такие: project_structure, routing"),
    (["routng/flask", "--lang", "en"], "Unknown exercise 'routng/flask'. Did you mean 'routing/flask'?"),
    (["routing/flsk", "--lang", "en"], "'routing' has no flsk version. Did you mean 'routing/flask'? It has: routing/flask, routing/fastapi, routing/django."),
    (["routing/flsk", "--lang", "ru"], "У «routing» нет варианта для flsk. Может быть, вы имели в виду «routing/flask»? Есть: routing/flask"),
    (["xyzzy", "--lang", "en"], "Unknown exercise 'xyzzy'. The exercises are: project_structure, routing"),
])
def test_a_typo_gets_the_nearest_name(tmp_path, argv, expected):
    code, out = run(argv, tmp_path)
    assert code == 2
    assert out.startswith(expected), out
    assert len(out.splitlines()) == 1
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- --solution, --reset, a missing file


def test_solution_skips_a_binary_file_with_one_line(tmp_path):
    mine = tmp_path / "routing" / "flask"
    shutil.copytree(REAL / "compare/routing/flask/starter", mine)
    (mine / "db.sqlite3").write_bytes(b"SQLite format 3\x00\xff\xfe" + bytes(range(256)))
    code, out = run(["routing/flask", "--solution", "--lang", "en"], tmp_path)
    assert code == 0
    assert f"{mine.as_posix()}/db.sqlite3: a binary file, not compared.\n" in out
    assert "+    if book is None:\n" in out  # the text files are still compared


def test_solution_on_a_copy_like_the_reference_prints_only_that_it_is_the_same(tmp_path):
    mine = tmp_path / "routing" / "flask"
    shutil.copytree(REAL / "compare/routing/flask/starter", mine)
    shutil.copytree(REAL / "compare/routing/flask/solution", mine, dirs_exist_ok=True)
    code, out = run(["routing/flask", "--solution", "--lang", "en"], tmp_path)
    assert code == 0
    assert out == "Your copy is the same as the reference solution.\n"  # no "Differences ..." header above it


def test_a_request_body_in_a_failure_message_is_shown_as_json(tmp_path):
    shutil.copytree(REAL / "compare/request_handling/flask/starter", tmp_path / "request_handling" / "flask")
    code, out = run(["request_handling/flask", "--lang", "en"], tmp_path)
    assert code == 1
    assert 'POST /orders with {"item": "book", "quantity": 0} answered 201' in out  # JSON, as the reader sends it
    assert "{'item'" not in out  # not Python's repr


def copies(tmp_path: Path, changed: tuple[str, ...]) -> dict[str, Path]:
    """The reader's copies of routing in each framework; the ones in `changed` edited."""
    folders = {}
    for framework in runner.FRAMEWORKS:
        folder = tmp_path / "routing" / framework
        shutil.copytree(REAL / "compare/routing" / framework / "starter", folder)
        if framework in changed:
            last = max(p for p in folder.iterdir() if p.suffix == ".py")  # app.py; views.py for Django
            last.write_text(last.read_text() + "# my attempt\n")
        folders[framework] = folder
    return folders


def attempts(folders: dict[str, Path]) -> list[str]:
    return sorted(name for name, folder in folders.items()
                  if any("# my attempt" in p.read_text() for p in folder.glob("*.py")))


def test_reset_refuses_without_a_terminal_and_says_how(tmp_path):
    folders = copies(tmp_path, ("flask", "django"))
    code, out = run(["routing", "--reset", "--lang", "en"], tmp_path)
    assert code == 1
    assert out == ("Not reset: you changed routing/flask, routing/django, and there is no terminal to ask you. To reset "
                   "anyway (your copy is kept in a backup): python3 dev.py exercise routing --reset --yes\n")
    assert attempts(folders) == ["django", "flask"] and not (tmp_path / ".backup").exists()
    code, out = run(["Routing/Flask", "--reset", "--lang", "ko"], tmp_path)
    assert code == 1 and out.endswith(": python3 dev.py exercise routing/flask --reset --yes\n")


def test_reset_asks_per_changed_framework(tmp_path):
    folders = copies(tmp_path, ("flask", "django"))
    asked = []
    reader = runner.Reader("en", tmp_path, io.StringIO(), ask=lambda q: asked.append(q) or ("y" if "django" in q else "n"))
    assert reader.reset_all(runner.select("routing", runner.load_all()), "routing", yes=False)
    assert asked == ["Start routing/flask over from the starter? Your changes go to a backup. [y/N] ",
                     "Start routing/django over from the starter? Your changes go to a backup. [y/N] "]
    assert attempts(folders) == ["flask"]
    assert f"Kept {folders['flask'].as_posix()}/ as it is." in reader.out.getvalue()


def test_reset_asks_on_a_terminal(tmp_path):
    """The command itself, its stdin a terminal (a pty): the question is asked there and answered."""
    import pty

    folders = copies(tmp_path, ("flask",))
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "guide_tools.exercises", "routing", "--reset", "--solution",
                                 "--lang", "en"], cwd=ROOT, stdin=terminal, stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "EXERCISES_WORK_DIR": str(tmp_path)})
        os.write(controller, b"y\n")
        out, _ = proc.communicate(timeout=60)
    finally:
        os.close(controller)
        os.close(terminal)
    assert proc.returncode == 0, out
    assert "Start routing/flask over from the starter? Your changes go to a backup. [y/N] " in out
    assert out.count("[y/N]") == 1  # only the changed copy is asked about
    assert attempts(folders) == []


def test_reset_of_one_framework_resets_only_that_one(tmp_path):
    folders = copies(tmp_path, ("flask", "django"))
    reader = runner.Reader("en", tmp_path, io.StringIO())
    assert reader.reset_all(runner.select("routing/flask", runner.load_all()), "routing/flask", yes=True)
    assert attempts(folders) == ["django"]
    [backup] = (tmp_path / ".backup").iterdir()
    assert "# my attempt" in (backup / "app.py").read_text()


@pytest.mark.slow
def test_a_deleted_starter_file_is_named_with_the_way_back(tmp_path):
    mine = tmp_path / "routing" / "flask"
    shutil.copytree(REAL / "compare/routing/flask/starter", mine)
    (mine / "app.py").unlink()
    code, out = run(["routing/flask", "--lang", "en"], tmp_path)
    assert code == 1
    assert out.splitlines()[-1] == ("Files of the starter are missing from your copy: app.py. Your app needs them: get them "
                                    "back with `python3 dev.py exercise routing/flask --reset` (your copy is kept in a backup).")
    assert "Fix that line" not in out


# --------------------------------------------------------------------------- dev.py: Ctrl+C and the working directory


def _clean_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    for name in ("COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST",
                 "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


def interrupt(argv: list[str], ready: str, tmp_path: Path, env: dict[str, str], timeout: float = 240) -> tuple[int, str, str]:
    """Start `python3 dev.py ...` in a process group of its own with SIGINT at its default (as in a
    terminal), wait until its output shows `ready`, press Ctrl+C (SIGINT to the group, as the
    terminal does), and return (exit code, output after the interrupt, stderr)."""
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    restore = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.executable, sys.argv[1:])"
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen([sys.executable, "-c", restore, sys.executable, "dev.py", *argv], cwd=ROOT, env=env,
                                stdout=stdout, stderr=stderr, start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while ready not in out.read_text() + err.read_text():
                assert proc.poll() is None, f"ended before {ready!r}: {out.read_text()}{err.read_text()}"
                assert time.monotonic() < deadline, f"never showed {ready!r}: {out.read_text()}{err.read_text()}"
                time.sleep(0.2)
            time.sleep(0.5)
            before = len(out.read_text()) + len(err.read_text())
            os.killpg(proc.pid, signal.SIGINT)
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    both = out.read_text() + err.read_text()
    after = (out.read_text() + err.read_text())[before:] if len(both) >= before else both
    return code, after, err.read_text()


@pytest.mark.slow
def test_ctrl_c_ends_watch_quietly(tmp_path):
    env = _clean_env(EXERCISES_WORK_DIR=str(tmp_path / "work"), LANG="en_US.UTF-8")
    code, after, stderr = interrupt(["exercise", "routing/flask", "--watch"], "checks pass.", tmp_path, env)
    assert code in (0, 130)
    assert "Traceback" not in stderr and len(after.strip().splitlines()) <= 1, after


@pytest.mark.slow
@pytest.mark.parametrize("when", ["Building documentation", "Serving on http"], ids=["while_building", "while_serving"])
def test_ctrl_c_ends_serve_quietly(tmp_path, when):
    """The documented way to stop the server, and a reader who gives up during the build. Each waits
    for MkDocs' own line: dev.py's hint before the build names "Serving on" too, and a Ctrl+C while
    uv is still starting Python (under load) can land before any handler exists."""
    env = _clean_env(PORT=str(free_port()))
    code, after, stderr = interrupt(["serve", "--lang", "en"], when, tmp_path, env)
    assert code in (0, 130)
    assert "Traceback" not in stderr and "Aborted" not in after and len(after.strip().splitlines()) <= 1, after


@pytest.mark.slow
def test_shell_runs_in_the_callers_directory(tmp_path):
    """A page's command for the reader's copy (`django-admin ... --pythonpath .`) runs from inside it."""
    mine = tmp_path / "routing" / "django"
    shutil.copytree(REAL / "compare/routing/django/starter", mine)
    result = subprocess.run([sys.executable, str(ROOT / "dev.py"), "shell", "django-admin", "check", "--pythonpath", ".",
                             "--settings", "settings"], cwd=mine, env=_clean_env(), capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_batteries_are_found_from_the_imports_of_the_checks(tmp_path):
    """exercises/batteries/: checks shared across topics. An exercise carries (and is read for causes
    with) only the batteries its checks import, in any import form, and what those import in turn."""
    batteries = tmp_path / "batteries"
    batteries.mkdir()
    (batteries / "__init__.py").write_text('"""Batteries."""\n', encoding="utf-8")
    (batteries / "csrf.py").write_text("from exercises.batteries import forms\n", encoding="utf-8")
    (batteries / "forms.py").write_text("", encoding="utf-8")
    (batteries / "unused.py").write_text("", encoding="utf-8")
    checks = tmp_path / "checks.py"
    for source in ("from exercises.batteries import csrf\n", "from exercises.batteries.csrf import every_form\n",
                   "import exercises.batteries.csrf\n", "def f():\n    from exercises.batteries import csrf, forms\n"):
        checks.write_text(source, encoding="utf-8")
        assert runner.batteries_imported([checks], batteries) == [
            batteries / "__init__.py", batteries / "csrf.py", batteries / "forms.py"], source
    checks.write_text("from exercises.compare.orm import shared_checks\nimport json\n", encoding="utf-8")
    assert runner.batteries_imported([checks], batteries) == []
    checks.write_text("from exercises.batteries import secrets\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"imports exercises\.batteries\.secrets, but .*secrets\.py does not exist: "
                                                r"write it, or import an existing battery \(csrf, forms, unused\)"):
        runner.batteries_imported([checks], batteries)


def test_the_cover_of_the_wrong_solutions_fails_every_check_they_fail():
    """The browser's corpus on every commit runs a cover of each exercise's wrong solutions
    (tests/browser/test_exercises_web.py): between them they fail every check that any of them is
    declared to fail, and the cover is no longer than the checks it must reach."""
    smaller = 0
    for e in runner.load_all():
        cover = runner.covering_wrong(e)
        declared = [set(e.wrong[slug]["fails"]) for slug in e.patch_slugs()]
        assert set().union(*[set(e.wrong[slug]["fails"]) for slug in cover]) == set().union(*declared), e.name
        assert len(cover) <= len(set().union(*declared)) and len(cover) == len(set(cover)), (e.name, cover)
        smaller += len(cover) < len(declared)
    assert smaller > 20  # it does cut: the point of the cover
