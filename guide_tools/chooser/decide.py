"""The framework chooser's decision logic in Python: the same rules file and the same algorithm as
docs/assets/chooser/chooser.js, so the tests can check recommendations without a browser and
check that both implementations agree (tests/overview/test_chooser.py runs the JS with node).

Data (see contributing/pages-and-translations.md, "The framework chooser"):

- docs/assets/chooser/rules.json: frameworks, tie-break order, questions with answers (each answer
  adds `scores` and offers `reasons`), and reasons (the frameworks each supports and a link
  relative to overview/chooser.md).
- docs/assets/chooser/<lang>.json: the texts of one language — `ui` strings, `questions`
  (text and answers) and `reasons`, under the same ids as rules.json.

Algorithm: each chosen answer adds its scores; the highest total wins; a tie goes to the
framework listed first in `tie_break`; the reasons are those of the chosen answers that support
the winner, in question order, without repeats. No answer at all gives no recommendation.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHOOSER_DIR = ROOT / "docs" / "assets" / "chooser"
RULES_FILE = CHOOSER_DIR / "rules.json"
SCRIPT_FILE = CHOOSER_DIR / "chooser.js"
PAGE = "overview/chooser.md"  # the chooser page, the same path in every language
UI_KEYS = ("empty", "result", "answered", "why", "scores", "reset", "see")


def _rel(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def load_rules(path: Path = RULES_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_file(lang: str, base: Path = CHOOSER_DIR) -> Path:
    return base / f"{lang}.json"


def load_texts(lang: str, base: Path = CHOOSER_DIR) -> dict:
    return json.loads(text_file(lang, base).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Recommendation:
    framework: str
    scores: dict[str, int]
    reasons: list[str]


def recommend(rules: dict, answers: dict[str, str]) -> Recommendation | None:
    scores = {framework: 0 for framework in rules["frameworks"]}
    chosen = []
    for question in rules["questions"]:
        answer = next((a for a in question["answers"] if a["id"] == answers.get(question["id"])), None)
        if answer is None:
            continue
        chosen.append(answer)
        for framework, points in answer["scores"].items():
            scores[framework] += points
    if not chosen:
        return None
    winner = rules["tie_break"][0]
    for candidate in rules["tie_break"]:
        if scores[candidate] > scores[winner]:
            winner = candidate
    supports = {reason["id"]: reason["frameworks"] for reason in rules["reasons"]}
    reasons: list[str] = []
    for answer in chosen:
        for reason_id in answer["reasons"]:
            if winner in supports[reason_id] and reason_id not in reasons:
                reasons.append(reason_id)
    return Recommendation(winner, scores, reasons)


def page_href(link: str) -> str:
    """A reason's link as the built chooser page (served as overview/chooser/) must write it."""
    path, _, anchor = link.partition("#")
    if path.endswith("index.md"):
        path = path[: -len("index.md")]
    elif path.endswith(".md"):
        path = path[: -len(".md")] + "/"
    return "../" + path + (f"#{anchor}" if anchor else "")


def link_target(link: str) -> tuple[str, str]:
    """(page path in the language folder, anchor) that a reason's link points at."""
    path, _, anchor = link.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(PAGE), path)), anchor


# --------------------------------------------------------------------------- consistency


def rules_problems(rules: dict, where: str = _rel(RULES_FILE)) -> list[str]:
    """The rules file is self-consistent: known frameworks, unique ids, defined reasons."""
    out = []
    frameworks = set(rules.get("frameworks", []))
    if set(rules.get("tie_break", [])) != frameworks or set(rules.get("names", {})) != frameworks:
        out.append(f"{where}: `tie_break` and `names` must list exactly the frameworks {sorted(frameworks)}.")
    reason_ids = [r["id"] for r in rules.get("reasons", [])]
    if len(reason_ids) != len(set(reason_ids)):
        out.append(f"{where}: reason ids must be unique; repeated: {sorted({i for i in reason_ids if reason_ids.count(i) > 1})}.")
    for reason in rules.get("reasons", []):
        unknown = set(reason.get("frameworks", [])) - frameworks
        if unknown or not reason.get("frameworks"):
            out.append(f"{where}: reason `{reason['id']}` must support one or more of {sorted(frameworks)} (has {reason.get('frameworks')}).")
        if not re.fullmatch(r"[\w./-]+\.md(#[\w-]+)?", reason.get("link", "")):
            out.append(f"{where}: reason `{reason['id']}` needs a `link` to a page, like `../compare/admin.md#model-admin`.")
    question_ids = [q["id"] for q in rules.get("questions", [])]
    if len(question_ids) != len(set(question_ids)):
        out.append(f"{where}: question ids must be unique.")
    used = set()
    for question in rules.get("questions", []):
        answer_ids = [a["id"] for a in question["answers"]]
        if len(answer_ids) != len(set(answer_ids)) or len(answer_ids) < 2:
            out.append(f"{where}: question `{question['id']}` needs two or more answers with unique ids.")
        for answer in question["answers"]:
            unknown = set(answer.get("scores", {})) - frameworks
            if unknown:
                out.append(f"{where}: answer `{question['id']}.{answer['id']}` scores unknown frameworks {sorted(unknown)}.")
            for reason_id in answer.get("reasons", []):
                used.add(reason_id)
                if reason_id not in reason_ids:
                    out.append(f"{where}: answer `{question['id']}.{answer['id']}` names the reason `{reason_id}`, "
                               "which is not defined under `reasons`. Define it (frameworks, link) or fix the id.")
    for reason_id in sorted(set(reason_ids) - used):
        out.append(f"{where}: the reason `{reason_id}` is offered by no answer; add it to an answer's `reasons` or remove it.")
    return out


def text_problems(rules: dict, lang: str, base: Path = CHOOSER_DIR) -> list[str]:
    """The texts of one language cover exactly the ids of the rules file."""
    path = text_file(lang, base)
    where = _rel(path)
    if not path.is_file():
        return [f"{where} does not exist: copy en.json there and translate every text (keep the ids)."]
    try:
        texts = load_texts(lang, base)
    except json.JSONDecodeError as error:
        return [f"{where}: not valid JSON ({error})."]
    out = []
    for key in UI_KEYS:
        if not str(texts.get("ui", {}).get(key, "")).strip():
            out.append(f"{where}: `ui.{key}` is missing or empty; translate it from en.json.")
    for placeholder, key in (("{framework}", "result"), ("{answered}", "answered"), ("{total}", "answered")):
        if placeholder not in texts.get("ui", {}).get(key, placeholder):
            out.append(f"{where}: `ui.{key}` must contain the placeholder {placeholder}.")
    questions = texts.get("questions", {})
    for question in rules["questions"]:
        qid = question["id"]
        entry = questions.get(qid, {})
        if not str(entry.get("text", "")).strip():
            out.append(f"{where}: no text for the question `{qid}`; add questions.{qid}.text.")
        for answer in question["answers"]:
            if not str(entry.get("answers", {}).get(answer["id"], "")).strip():
                out.append(f"{where}: no text for the answer `{qid}.{answer['id']}`; add questions.{qid}.answers.{answer['id']}.")
        extra = set(entry.get("answers", {})) - {a["id"] for a in question["answers"]}
        if extra:
            out.append(f"{where}: question `{qid}` has texts for answers that rules.json does not define: {sorted(extra)}.")
    extra = set(questions) - {q["id"] for q in rules["questions"]}
    if extra:
        out.append(f"{where}: texts for questions that rules.json does not define: {sorted(extra)}.")
    reasons = texts.get("reasons", {})
    for reason in rules["reasons"]:
        if not str(reasons.get(reason["id"], "")).strip():
            out.append(f"{where}: no text for the reason `{reason['id']}`; add reasons.{reason['id']}.")
    extra = set(reasons) - {r["id"] for r in rules["reasons"]}
    if extra:
        out.append(f"{where}: texts for reasons that rules.json does not define: {sorted(extra)}.")
    return out
