"""Exercises: the chapters' small tasks, the reader's command and CI's honesty check.

`python3 dev.py exercise [NAME[/FRAMEWORK]] [--reset] [--solution] [--watch] [--lang en|ko|ru]`
and `python3 dev.py exercise --check-all` run this module inside the project's environment.
The layout of an exercise, how its checks and hints are written and how CI checks them are in
contributing/exercises.md, "Exercises". In short:

    exercises/<section>/<topic>/exercise.toml       titles and per-check hints, in en, ko and ru
    exercises/<section>/<topic>/<framework>/checks.py   pytest checks, run against a folder
    exercises/<section>/<topic>/<framework>/starter/    the app with the gap (copied for the reader)
    exercises/<section>/<topic>/<framework>/solution/   the reference solution: the files that differ
    exercises/<section>/<topic>/<framework>/wrong/<slug>.patch   a plausible wrong solution: a diff against the solution
    exercises/<section>/<topic>/<framework>/right/<slug>.patch   another correct solution: a diff against the solution
    my-exercises/<topic>/<framework>/                   the reader's copy (git-ignored)

The checks of one exercise run in one pytest subprocess (guide_tools/exercises/plugin.py writes
its results as JSON), with a time limit per check and one for the whole run. The wrong solutions
of one exercise share one process start (guide_tools/exercises/batch.py forks a pytest per
wrong solution from a process that has the framework imported).

`--check-all` on the latest stack stamps each exercise it passed (<framework>/corpus.stamp: a
digest of every input its corpus's verdicts depend on, corpus_inputs); while the stamp is current,
the corpus test on every commit runs only a cover of its checks (corpus_plan).

An assertion message may start with a cause tag, `[not_json] GET /books/99 answered ...`: the
reader sees the message without the tag and the hint of `[<framework>.causes.not_json]` instead
of the check's own hint (the starter's fix), which would be wrong advice for that mistake.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from guide_tools.exercises import messages as said
from guide_tools.exercises import patches

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
BATTERIES = EXERCISES / "batteries"
WORK = Path(os.environ.get("EXERCISES_WORK_DIR") or ROOT / "my-exercises")  # git-ignored; tests use a temp dir
PYTEST_CONFIG = EXERCISES / "pytest.ini"
FRAMEWORKS = ("flask", "fastapi", "django")
LANGUAGES = ("en", "ko", "ru")
DATA_FILE, CHECKS_FILE, STARTER, SOLUTION, WRONG = "exercise.toml", "checks.py", "starter", "solution", "wrong"
RIGHT = "right"  # other correct solutions: the checks must accept each (contributing/exercises.md, "Exercises")
RIGHT_KEYS = {"why"}
PATCH = ".patch"  # wrong/<slug>.patch, right/<slug>.patch: a unified diff against the reference solution
WRONG_KINDS = ("fits-inputs", "protection-off", "partial", "wrong-mechanism", "weak-tests")  # contributing/exercises.md
WRONG_KEYS = {"kind", "why", "fails", "told"}
WRONG_MINIMUM = 3  # wrong solutions each exercise must have, at least (contributing/exercises.md, "Exercises")
CAUSE_RE = re.compile(r"^\[([a-z][a-z0-9_]*)\] ")  # `[not_json] GET /books/99 answered text/html, expected JSON`
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
IGNORED = shutil.ignore_patterns("__pycache__")
DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")  # what running an app leaves in a copy: not a change
CHECK_TIMEOUT = 30  # seconds one check may take (its fixtures too: a test database) before pytest-timeout stops it
RUN_TIMEOUT = 180  # seconds the whole run may take (a hang pytest-timeout cannot interrupt)
CI_LIMITS = {"check_timeout": 120, "run_timeout": 600}  # --check-all and CI: honest, not fast, on a busy machine
STATE_FILE = ".state.json"  # in WORK: the last result of each exercise, for the list
BACKUPS = ".backup"  # in WORK: what --reset moved away

# CI's messages (`--check-all`) are English: they are read in CI logs, not by readers.
MISMATCH_STARTER = "{name}: the starter should fail {expected}, but failed {got}"
MISMATCH_SOLUTION = "{name}: the solution should pass every check, but failed {got}"
MISMATCH_TAGGED = ("{name}: the starter fails {check} with the cause tag [{cause}]; the starter's failure must be "
                   "untagged (the check's hint is the starter's fix): tag the assertions a wrong solution fails instead")
MISMATCH_WRONG = "{name}: wrong/{slug} is not rejected as declared: {what} (why it is wrong: {why})"
MISMATCH_RIGHT = "{name}: right/{slug} is refused, but it is correct: {what} (why it is right: {why})"
PATCH_STALE = ("{problem}. The reference solution (starter/ with solution/ over it) changed since this patch was "
               "written, or the patch was edited by hand: redo the mistake on the current reference with "
               "`python3 dev.py exercise {name} --edit-wrong {slug}` (your copy becomes the reference; the old patch "
               "stays to read), then `python3 dev.py exercise {name} --save-wrong {slug}`")
MISMATCH_ENGLISH = "would reach a Korean or Russian reader in English (add its [[messages]] entry, with ko and ru, in {data})"
STAMPED = ("Stamped {count} of {total} exercises ({stamp} in each folder): on every commit their corpus runs only a cover "
           "of their checks, until an input changes.")
UNSTAMPED = ("No stamp written: stamps are written on the {stack} stack, where the corpus runs "
             "(python3 dev.py exercise --stack {stack} --check-all).")
CHECK_ALL_SUMMARY = "{total} exercises: {starters} starters fail as expected, {solutions} solutions pass, {wrong} rejected"
DATA_PROBLEMS = "The exercise data has problems:"

# The command's own messages. Hints and titles are in each exercise's exercise.toml.
MESSAGES = {
    "en": {
        "list_header": "Exercises (run one with `python3 dev.py exercise NAME`, e.g. `{example}`):",
        "not_started": "not started",
        "solved": "solved",
        "last_run": "last run: {passed} of {total} checks pass",
        "changed": "changed since the last run",
        "unknown": "Unknown exercise '{name}'. The exercises are: {names} (add /flask, /fastapi or /django for one framework).",
        "unknown_framework": "'{name}' has no {framework} version; it has: {names}.",
        "copied": "Copied the starter to {path}/: edit it there, then run this command again.",
        "working_in": "{name}: checking your copy in {path}/",
        "passed": "passed",
        "failed": "FAILED",
        "timeout": "STOPPED",
        "hint": "hint",
        "summary_ok": "All {total} checks pass. Well done! Compare with the reference: {command} --solution",
        "summary_fail": "{passed} of {total} checks pass.",
        "broken": "Your app does not load: {where}. Fix that line, then run again.",
        "broken_nowhere": "Your app does not load: {where}. The error names no line of your files: the checks import the files and names the starter has; compare yours with it, then run again.",
        "deprecated": "deprecated, it works today and stops working in a later version: {where}",
        "at_line": "{file}, line {line}",
        "no_checks": "No check ran: {detail}",
        "answered_expected": "{request} answered {got}, expected {expected}",
        "answered": "{request} answered {got}",
        "assertion_failed": "assertion failed",
        "did_not_run": "did not run",
        "run_timeout": "The checks were stopped after {seconds} s. Does something in your app wait forever (a loop, a blocking call)?",
        "check_timeout": "stopped after {seconds} s: does this request wait forever?",
        "reset": "Started over: {path}/ is the starter again (your previous copy is in {backup}/).",
        "solution_header": "Differences between your copy ({path}/) and the reference solution:",
        "solution_same": "Your copy is the same as the reference solution.",
        "watching": "Watching {path}/ for changes; Ctrl+C to stop.",
        "hints_title": "Hints",
        "skipped": "SKIPPED",
        "check_skipped": "{reason} (a skipped check does not count as passed)",
        "binary_skipped": "{name}: a binary file, not compared.",
        "missing_files": "Files of the starter are missing from your copy: {files}. Your app needs them: get them back with `{command} --reset` (your copy is kept in a backup).",
        "reset_ask": "Start {name} over from the starter? Your changes go to a backup. [y/N] ",
        "reset_kept": "Kept {path}/ as it is.",
        "reset_refused": "Not reset: you changed {names}, and there is no terminal to ask you. To reset anyway (your copy is kept in a backup): {command}",
        "unknown_suggest": "Unknown exercise '{name}'. Did you mean '{suggestion}'? The exercises are: {names} (add /flask, /fastapi or /django for one framework).",
        "unknown_framework_suggest": "'{name}' has no {framework} version. Did you mean '{suggestion}'? It has: {names}.",
    },
    "ko": {
        "list_header": "연습 문제 목록(`python3 dev.py exercise 이름`으로 실행합니다. 예: `{example}`):",
        "not_started": "시작 전",
        "solved": "완료",
        "last_run": "마지막 실행: 검사 {total}개 중 {passed}개 통과",
        "changed": "마지막 실행 이후 수정됨",
        "unknown": "'{name}'(이)라는 연습 문제는 없습니다. 있는 연습 문제: {names} (프레임워크 하나만 하려면 /flask, /fastapi, /django를 붙이세요).",
        "unknown_framework": "'{name}'에는 {framework} 버전이 없습니다. 있는 버전: {names}.",
        "copied": "시작 코드를 {path}/에 복사했습니다. 그곳에서 코드를 고친 뒤 이 명령을 다시 실행하세요.",
        "working_in": "{name}: {path}/의 코드를 검사합니다",
        "passed": "통과",
        "failed": "실패",
        "timeout": "중단",
        "hint": "힌트",
        "summary_ok": "검사 {total}개를 모두 통과했습니다. 잘하셨습니다! 모범 답안과 비교해 보세요: {command} --solution",
        "summary_fail": "검사 {total}개 중 {passed}개 통과.",
        "broken": "앱을 불러오지 못했습니다: {where}. 이 줄을 고친 뒤 다시 실행하세요.",
        "broken_nowhere": "앱을 불러오지 못했습니다: {where}. 이 오류는 작성한 파일의 어느 줄도 가리키지 않습니다. 검사는 시작 코드에 있는 파일과 이름을 임포트하므로, 작성한 코드를 시작 코드와 비교한 뒤 다시 실행하세요.",
        "deprecated": "폐기 예정입니다. 지금은 동작하지만 이후 버전에서는 동작하지 않습니다: {where}",
        "at_line": "{file} {line}행",
        "no_checks": "검사가 하나도 실행되지 않았습니다: {detail}",
        "answered_expected": "{request} 요청의 응답: {got}, 기대한 응답: {expected}",
        "answered": "{request} 요청의 응답: {got}",
        "assertion_failed": "검사 조건을 만족하지 않습니다",
        "did_not_run": "실행되지 않았습니다",
        "run_timeout": "{seconds}초가 지나 검사를 중단했습니다. 앱 안에 끝없이 기다리는 코드(무한 루프, 블로킹 호출)가 있지 않을까요?",
        "check_timeout": "{seconds}초가 지나 중단: 이 요청이 끝없이 기다리고 있지 않을까요?",
        "reset": "처음부터 다시 시작합니다: {path}/를 시작 코드로 되돌렸습니다(이전 코드는 {backup}/에 있습니다).",
        "solution_header": "작성한 코드({path}/)와 모범 답안의 차이:",
        "solution_same": "작성한 코드가 모범 답안과 같습니다.",
        "watching": "{path}/의 변경을 지켜봅니다. 멈추려면 Ctrl+C를 누르세요.",
        "hints_title": "힌트",
        "skipped": "건너뜀",
        "check_skipped": "{reason} (건너뛴 검사는 통과로 치지 않습니다)",
        "binary_skipped": "{name}: 바이너리 파일이라 비교하지 않았습니다.",
        "missing_files": "시작 코드에 있던 파일이 작성한 코드에 없습니다: {files}. 앱에 필요한 파일이니 `{command} --reset`으로 되살리세요(지금 코드는 백업으로 보관됩니다).",
        "reset_ask": "{name}을(를) 시작 코드로 되돌릴까요? 바꾼 내용은 백업으로 보관됩니다. [y/N] ",
        "reset_kept": "{path}/는 그대로 두었습니다.",
        "reset_refused": "되돌리지 않았습니다: {names}에 바꾼 내용이 있는데 확인을 물어볼 터미널이 없습니다. 그래도 되돌리려면 다음 명령을 실행하세요(지금 코드는 백업으로 보관됩니다): {command}",
        "unknown_suggest": "'{name}'(이)라는 연습 문제는 없습니다. '{suggestion}'을(를) 찾으셨나요? 있는 연습 문제: {names} (프레임워크 하나만 하려면 /flask, /fastapi, /django를 붙이세요).",
        "unknown_framework_suggest": "'{name}'에는 {framework} 버전이 없습니다. '{suggestion}'을(를) 찾으셨나요? 있는 버전: {names}.",
    },
    "ru": {
        "list_header": "Упражнения (запуск: `python3 dev.py exercise ИМЯ`, например `{example}`):",
        "not_started": "не начато",
        "solved": "решено",
        "last_run": "последний запуск: пройдено {passed} из {total} проверок",
        "changed": "изменено после последнего запуска",
        "unknown": "Упражнения «{name}» нет. Есть такие: {names} (для одного фреймворка добавьте /flask, /fastapi или /django).",
        "unknown_framework": "У «{name}» нет варианта для {framework}; есть: {names}.",
        "copied": "Заготовка скопирована в {path}/: измените её там и запустите команду снова.",
        "working_in": "{name}: проверяется ваша копия в {path}/",
        "passed": "пройдена",
        "failed": "НЕ ПРОЙДЕНА",
        "timeout": "ОСТАНОВЛЕНА",
        "hint": "подсказка",
        "summary_ok": "Пройдены все проверки ({total}). Отлично! Сравните с эталоном: {command} --solution",
        "summary_fail": "Пройдено {passed} из {total} проверок.",
        "broken": "Приложение не загружается: {where}. Исправьте эту строку и запустите снова.",
        "broken_nowhere": "Приложение не загружается: {where}. Ошибка не указывает ни на одну строку ваших файлов: проверки импортируют те файлы и имена, что есть в заготовке; сверьте с ней свои файлы и запустите снова.",
        "deprecated": "объявлено устаревшим: сейчас работает, но в одной из следующих версий перестанет: {where}",
        "at_line": "{file}, строка {line}",
        "no_checks": "Ни одна проверка не запустилась: {detail}",
        "answered_expected": "ответ на {request}: {got}, ожидался {expected}",
        "answered": "ответ на {request}: {got}",
        "assertion_failed": "условие проверки не выполнено",
        "did_not_run": "не выполнялась",
        "run_timeout": "Проверки остановлены через {seconds} с. Нет ли в приложении чего-то, что ждёт вечно (бесконечный цикл, блокирующий вызов)?",
        "check_timeout": "остановлена через {seconds} с: не ждёт ли этот запрос вечно?",
        "reset": "Сброс выполнен: в {path}/ снова заготовка (прежняя копия сохранена в {backup}/).",
        "solution_header": "Чем ваша копия ({path}/) отличается от эталонного решения:",
        "solution_same": "Ваша копия совпадает с эталонным решением.",
        "watching": "Отслеживаются изменения в {path}/; Ctrl+C — остановить.",
        "hints_title": "Подсказки",
        "skipped": "ПРОПУЩЕНА",
        "check_skipped": "{reason} (пропущенная проверка не считается пройденной)",
        "binary_skipped": "{name}: бинарный файл, не сравнивается.",
        "missing_files": "В вашей копии не хватает файлов заготовки: {files}. Без них приложение не работает: верните их командой `{command} --reset` (текущая копия сохранится в резервной папке).",
        "reset_ask": "Начать {name} заново с заготовки? Ваши изменения сохранятся в резервной копии. [y/N] ",
        "reset_kept": "{path}/ оставлена как есть.",
        "reset_refused": "Сброса не было: вы изменили {names}, а спросить вас негде (нет терминала). Чтобы всё равно начать заново (текущая копия сохранится в резервной папке), запустите: {command}",
        "unknown_suggest": "Упражнения «{name}» нет. Может быть, вы имели в виду «{suggestion}»? Есть такие: {names} (для одного фреймворка добавьте /flask, /fastapi или /django).",
        "unknown_framework_suggest": "У «{name}» нет варианта для {framework}. Может быть, вы имели в виду «{suggestion}»? Есть: {names}.",
    },
}


def language(option: str | None = None, env: dict[str, str] | None = None) -> str:
    """The reader's language: the option, else $LANG (`ko_KR.UTF-8` -> ko), else English."""
    env = os.environ if env is None else env
    for candidate in (option, env.get("LANG", "")):
        code = (candidate or "").split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


# --------------------------------------------------------------------------- the exercises



def batteries_imported(paths: list[Path], batteries: Path | None = None) -> list[Path]:
    """The modules of exercises/batteries/ that these check files import (`from exercises.batteries
    import csrf`, `from exercises.batteries.csrf import ...`), and those the batteries import in
    turn, after the package's __init__.py; [] when none. Only what is imported: a battery's causes
    then need hints only in the exercises that use it. A missing module stops with its name."""
    batteries = batteries or BATTERIES
    package = "exercises.batteries"
    wanted: set[str] = set()
    todo = list(paths)
    while todo:
        path = todo.pop()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == package:
                found = {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith(package + "."):
                found = {node.module.split(".")[2]}
            elif isinstance(node, ast.Import):
                found = {alias.name.split(".")[2] for alias in node.names if alias.name.startswith(package + ".")}
            else:
                continue
            for name in sorted(found - wanted):
                module = batteries / f"{name}.py"
                if not module.is_file():
                    raise FileNotFoundError(f"{shown(path)} imports {package}.{name}, but {shown(module)} does not exist: "
                                            f"write it, or import an existing battery ({', '.join(sorted(p.stem for p in batteries.glob('*.py') if p.stem != '__init__')) or 'none yet'})")
                wanted.add(name)
                todo.append(module)
    return [batteries / "__init__.py", *(batteries / f"{name}.py" for name in sorted(wanted))] if wanted else []


def battery_messages(path: Path) -> list[dict[str, str]]:
    """A battery's messages (exercises/batteries/<name>.py, its MESSAGES: en template -> ko and ru) as
    [[messages]] entries, read from the source without importing the battery (the top-level
    `MESSAGES = {...}` through ast.literal_eval): the runner needs none of the packages the battery
    imports, and reads them the same in the browser. [] for a battery without MESSAGES; ValueError,
    naming the file, for a MESSAGES that is not a literal dict of templates."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "MESSAGES" for t in targets) and node.value is not None:
            try:
                value = ast.literal_eval(node.value)
            except ValueError as error:
                raise ValueError(f"{shown(path)}:{node.lineno}: MESSAGES must be a literal dict (only strings), "
                                 f"which the runner reads without importing the battery ({error})") from None
            if not isinstance(value, dict) or not all(isinstance(en, str) for en in value):
                raise ValueError(f"{shown(path)}:{node.lineno}: MESSAGES must be a dict: en template -> {{\"ko\": ..., \"ru\": ...}}")
            return [{"en": en, **(texts if isinstance(texts, dict) else {})} for en, texts in value.items()]
    return []

@dataclass(frozen=True)
class Exercise:
    """One exercise in one framework: `routing/flask`."""

    section: str  # compare
    topic: str  # routing
    framework: str  # flask
    titles: dict[str, str] = field(hash=False, compare=False)
    hints: dict[str, dict[str, str]] = field(hash=False, compare=False)  # check -> language -> hint
    starter_fails: tuple[str, ...] = ()
    settings: str = "settings"  # Django: the settings module in the reader's folder
    wrong: dict[str, dict] = field(default_factory=dict, hash=False, compare=False)  # slug -> kind, why, fails
    causes: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)  # cause -> language -> hint
    right: dict[str, dict] = field(default_factory=dict, hash=False, compare=False)  # slug -> why
    root: Path = field(default=EXERCISES, hash=False, compare=False)  # exercises/ (tests use a copy)
    messages: list = field(default_factory=list, hash=False, compare=False)  # [[messages]]: en, ko, ru (messages.py)

    @property
    def name(self) -> str:
        return f"{self.topic}/{self.framework}"

    @property
    def page(self) -> str:
        return f"{self.section}/{self.topic}.md"

    @property
    def data_file(self) -> Path:
        return self.root / self.section / self.topic / DATA_FILE

    @property
    def folder(self) -> Path:
        return self.root / self.section / self.topic / self.framework

    @property
    def starter(self) -> Path:
        return self.folder / STARTER

    @property
    def solution(self) -> Path:
        return self.folder / SOLUTION

    @property
    def checks_file(self) -> Path:
        return self.folder / CHECKS_FILE

    def work(self, work_root: Path = WORK) -> Path:
        return work_root / self.topic / self.framework

    def checks(self) -> list[str]:
        """The check names (test functions without `test_`), in the order of checks.py."""
        tree = ast.parse(self.checks_file.read_text(encoding="utf-8"))
        return [n.name.removeprefix("test_") for n in tree.body
                if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]

    def reference(self, name: str) -> Path:
        """A file of the reference solution: solution/ holds only what differs from the starter."""
        changed = self.solution / name
        return changed if changed.is_file() else self.starter / name

    def reference_files(self) -> list[str]:
        return sorted(set(self.files(STARTER)) | set(self.files(SOLUTION)))

    def patch_slugs(self, which: str = WRONG) -> list[str]:
        """The slugs of the patches under wrong/ (each a wrong solution), or under right/."""
        base = self.folder / which
        return sorted(p.stem for p in base.glob(f"*{PATCH}") if p.is_file()) if base.is_dir() else []

    def patch_file(self, slug: str, which: str = WRONG) -> Path:
        return self.folder / which / f"{slug}{PATCH}"

    def reference_texts(self, names: list[str] | None = None) -> dict[str, str]:
        """The reference solution's text files (or those of `names` it has), as on disk (bytes decoded
        from UTF-8): what a patch is written against."""
        out = {}
        for name in self.reference_files() if names is None else names:
            path = self.reference(name)
            if path.is_file() and not is_binary(path):
                out[name] = path.read_bytes().decode("utf-8")
        return out

    def variant(self, slug: str, which: str = WRONG) -> dict[str, str]:
        """The files of a wrong (or right) solution that differ from the reference solution: its patch
        applied, in memory. patches.PatchError, naming the patch and what to do, if it does not apply."""
        path = self.patch_file(slug, which)
        try:
            text = path.read_bytes().decode("utf-8")
            return patches.apply(lambda name: self.reference_texts([name]).get(name), text, shown(path))
        except UnicodeDecodeError as error:
            problem = f"{shown(path)}: not UTF-8 text ({error})"
        except patches.PatchError as error:
            problem = str(error)
        raise patches.PatchError(PATCH_STALE.format(problem=problem, name=self.name, slug=slug))

    def shared_checks(self) -> list[Path]:
        """The topic's checks shared by its frameworks (exercises/<section>/<topic>/*.py, imported by
        each checks.py as `exercises.<section>.<topic>.<module>`), then the batteries they import
        (exercises/batteries/: one rule checked alike across topics): read with checks.py, and sent
        with it to the page's Check."""
        topic = sorted(self.folder.parent.glob("*.py"))
        return [*topic, *self.batteries(topic)]

    def batteries(self, topic: list[Path] | None = None) -> list[Path]:
        """The batteries the checks.py and the topic's shared checks import (batteries_imported)."""
        topic = sorted(self.folder.parent.glob("*.py")) if topic is None else topic
        return batteries_imported([p for p in [self.checks_file, *topic] if p.is_file()], self.root / "batteries")

    def _check_trees(self) -> list[ast.Module]:
        return [ast.parse(path.read_text(encoding="utf-8")) for path in [self.checks_file, *self.shared_checks()]]

    def string_constants(self) -> set[str]:
        """Every plain string literal of checks.py (and the shared checks): a cause id handed to a
        helper that writes the tag (`rejected(response, body, "quantity_default")`) counts as used."""
        return {n.value for tree in self._check_trees() for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    def cause_tags(self) -> dict[str, str]:
        """The cause tags checks.py (and the shared checks) use, each with the check (or `module`, or
        the shared function) where it first appears: string literals and f-strings that start with `[cause_id] `."""
        found: dict[str, str] = {}
        for top in (top for tree in self._check_trees() for top in tree.body):
            where = top.name.removeprefix("test_") if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)) else "module"
            for node in ast.walk(top):
                if isinstance(node, ast.JoinedStr):
                    node = node.values[0] if node.values else None
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and (m := CAUSE_RE.match(node.value)):
                    found.setdefault(m.group(1), where)
        return found

    def message_sites(self) -> list[said.Site]:
        """Where checks.py and the shared checks compose a message (guide_tools/exercises/messages.py)."""
        return [site for path in [self.checks_file, *self.shared_checks()] if path.is_file() for site in said.sites(path)]

    def files(self, which: str) -> list[str]:
        """The files of the starter or the solution, relative to it."""
        base = self.folder / which
        return sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts)

    def command(self) -> str:
        return f"python3 dev.py exercise {self.name}"


def nav_order() -> list[str]:
    """The pages of the site's navigation, in order (`compare/routing.md`), from mkdocs.yml."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:\n")[2]
    return re.findall(r"^\s+- [^:]+: (\S+\.md)$", nav, re.MULTILINE)


def build(exercise: Exercise, into: Path, wrong: str | None = None, which: str = WRONG) -> Path:
    """The folder a reader would have: the starter, solution/'s files over it, and (for a wrong
    solution) the files wrong/<slug>.patch changes, patched (`which=RIGHT`: right/<slug>.patch's).
    `into` must not exist yet; the exercise's own folders are only read."""
    files = exercise.variant(wrong, which) if wrong is not None else {}
    shutil.copytree(exercise.starter, into, ignore=IGNORED)
    shutil.copytree(exercise.solution, into, ignore=IGNORED, dirs_exist_ok=True)
    for name, text in files.items():
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        (into / name).write_bytes(text.encode("utf-8"))
    return into


def load_all(root: Path = EXERCISES) -> list[Exercise]:
    """Every exercise, in the order of the chapters in the site's navigation."""
    found = []
    order = {page: i for i, page in enumerate(nav_order())}
    for data in sorted(root.glob(f"*/*/{DATA_FILE}"),
                       key=lambda d: order.get(f"{d.parent.parent.name}/{d.parent.name}.md", len(order))):
        section, topic = data.parent.parent.name, data.parent.name
        spec = tomllib.loads(data.read_text(encoding="utf-8"))
        found += [from_spec(section, topic, framework, spec, root) for framework in FRAMEWORKS if framework in spec]
    return found


def from_spec(section: str, topic: str, framework: str, spec: dict, root: Path = EXERCISES) -> Exercise:
    """One framework's exercise from its exercise.toml, read (the page's Check builds it this way too)."""
    fw = spec[framework]
    return Exercise(section, topic, framework, spec.get("title", {}), fw.get("hints", {}),
                    tuple(fw.get("starter_fails", ())), fw.get("settings", "settings"),
                    fw.get("wrong", {}), fw.get("causes", {}), fw.get("right", {}), root, spec.get("messages", []))


def topics(exercises: list[Exercise]) -> list[str]:
    return list(dict.fromkeys(e.topic for e in exercises))


def normalize(name: str, exercises: list[Exercise]) -> str:
    """What the reader typed, as `topic[/framework]`: any case, and the page's path accepted
    (`compare/routing`, `compare/routing.md`, `Compare/Routing/Flask`)."""
    parts = [p for p in name.strip().lower().removesuffix(".md").split("/") if p]
    if len(parts) >= 2 and parts[0] in {e.section for e in exercises} and parts[1] in topics(exercises):
        parts = parts[1:]
    return "/".join(parts)


def select(name: str, exercises: list[Exercise]) -> list[Exercise]:
    """`routing` -> every framework's version; `routing/flask` -> that one. Empty if unknown."""
    topic, _, framework = normalize(name, exercises).partition("/")
    return [e for e in exercises if e.topic == topic and (not framework or e.framework == framework)]


def nearest(name: str, choices: list[str]) -> str | None:
    """The closest of `choices` to a mistyped name (`routng` -> `routing`), if one is close."""
    found = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def shown(path: Path) -> str:
    """A path as the messages show it: from the project's root when it is inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def problems(exercises: list[Exercise]) -> list[str]:
    """Messages for incomplete exercise data, each naming the file and what to add."""
    out = []
    for e in exercises:
        data, folder = shown(e.data_file), shown(e.folder)
        for lang in LANGUAGES:
            if not e.titles.get(lang, "").strip():
                out.append(f"{data}: [title] has no `{lang}`; give the exercise a title in every language.")
        if not e.checks_file.is_file():
            out.append(f"{folder}/: no {CHECKS_FILE}; write the checks (contributing/exercises.md, \"Exercises\").")
            continue
        checks = e.checks()
        if not checks:
            out.append(f"{shown(e.checks_file)}: no `def test_...` check.")
        for check in checks:
            for lang in LANGUAGES:
                hint = e.hints.get(check, {}).get(lang, "")
                if not hint.strip() or "\n" in hint.strip():
                    out.append(f"{data}: [{e.framework}.hints.{check}] needs a one-line `{lang}` hint.")
        for extra in sorted(set(e.hints) - set(checks)):
            out.append(f"{data}: [{e.framework}.hints.{extra}] is the hint of no check in {shown(e.checks_file)}.")
        if not e.starter_fails or set(e.starter_fails) - set(checks):
            out.append(f"{data}: [{e.framework}] starter_fails must name the check(s) the starter fails, from: {', '.join(checks)}.")
        for which in (STARTER, SOLUTION):
            if not e.files(which):
                out.append(f"{folder}/{which}/ is empty or missing.")
        for name in e.files(SOLUTION):
            if (e.starter / name).is_file() and (e.starter / name).read_bytes() == (e.solution / name).read_bytes():
                out.append(f"{folder}/{SOLUTION}/{name} is the starter's file: solution/ holds "
                           "only the files that differ; remove it.")
        out += cause_problems(e, checks)
        out += wrong_problems(e, checks)
        out += right_problems(e)
    topics: dict[Path, list[Exercise]] = {}
    for e in exercises:
        topics.setdefault(e.data_file, []).append(e)
    batteries: dict[Path, None] = {}
    for group in topics.values():
        out += message_problems(group)
        batteries.update(dict.fromkeys(topic_batteries(group)))
    if exercises:
        out += support_problems()
    for battery in batteries:
        out += battery_problems(battery)
    return out


def placeholder_problem(text: str, count: int) -> str:
    """What is wrong with a ko or ru message's placeholders ("" if nothing): the values by number,
    {0} to {count-1}, each at least once, no other field, literal braces doubled."""
    import string

    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        return f"it does not read as a str.format template ({error}): double a literal brace, {{{{ or }}}}"
    numbers = set(range(count))
    for name, spec, conversion in fields:
        if not name.isdigit():
            return f"it has {{{name}}}: place the values by number, " + (
                f"{{0}} to {{{count - 1}}}" if count else "and this message has none (double a literal brace)")
        if spec or conversion:
            return f"{{{name}}} has a format of its own ({'!' + conversion if conversion else ''}{':' + spec if spec else ''}): write only {{{name}}}"
        if int(name) not in numbers:
            return f"it has {{{name}}}, but en has {count} value(s)" + (f": {{0}} to {{{count - 1}}}" if count else "")
    missing = sorted(numbers - {int(name) for name, _, _ in fields})
    if missing:
        return f"it does not place {', '.join(f'{{{n}}}' for n in missing)}: every value of en appears, {{0}} to {{{count - 1}}}"
    return ""


LANGUAGE_NAMES = {"ko": "Korean", "ru": "Russian"}


def topic_batteries(group: list[Exercise]) -> list[Path]:
    """The batteries that any framework's checks of the group's topic import (and its shared checks)."""
    topic = group[0].data_file.parent  # every framework of the topic, even when the command names one
    checks = [topic / fw / CHECKS_FILE for fw in FRAMEWORKS if (topic / fw / CHECKS_FILE).is_file()]
    return batteries_imported([*checks, *(p for p in sorted(topic.glob("*.py")))], group[0].root / "batteries")


def message_problems(group: list[Exercise]) -> list[str]:
    """The checks' own messages of one topic (its frameworks' checks.py and the shared checks) and
    the [[messages]] of its exercise.toml (guide_tools/exercises/messages.py): every message a check
    writes is read back either by the runner's frame (frame_of) or by an entry; every entry has en,
    ko and ru, places en's values by number, and is the message of some check. The batteries the
    topic imports carry their own messages (battery_problems validates them once): they count as
    covered, and an entry repeating one is refused."""
    topic = group[0].data_file.parent  # every framework of the topic, even when the command names one
    checks = [topic / fw / CHECKS_FILE for fw in FRAMEWORKS if (topic / fw / CHECKS_FILE).is_file()]
    batteries = topic_batteries(group)
    paths = dict.fromkeys(p for p in [*checks, *(q for e in group for q in e.shared_checks())] if p.is_file() and p not in batteries)
    carried: dict[str, Path] = {}
    for battery in batteries:
        try:
            carried.update(dict.fromkeys((entry["en"] for entry in battery_messages(battery)), battery))
        except ValueError:  # battery_problems names it
            continue
    data = shown(group[0].data_file)
    out = entry_problems(list(paths), group[0].messages, data, covered={*support_templates(), *carried})
    for entry in group[0].messages if isinstance(group[0].messages, list) else []:
        en = entry.get("en") if isinstance(entry, dict) else None
        if isinstance(en, str) and en in carried:
            out.append(f"{data}: the [[messages]] entry en = {json.dumps(en, ensure_ascii=False)} is a battery's message: "
                       f"remove it: {shown(carried[en])} carries it (its MESSAGES).")
    return out


def support_templates() -> list[str]:
    return [t for site in said.sites(SUPPORT_FILE) for t in site.templates or []]


def support_problems() -> list[str]:
    """The shared helpers' messages (support.py) against their MESSAGES, as a topic's against its [[messages]]."""
    return entry_problems([SUPPORT_FILE], support_messages(), f"{shown(SUPPORT_FILE)}, MESSAGES")


def battery_problems(battery: Path) -> list[str]:
    """A battery's messages against its own MESSAGES (battery_messages), as a topic's against its
    [[messages]]: once, whichever topics import it."""
    try:
        entries = battery_messages(battery)
    except ValueError as error:
        return [str(error)]
    return entry_problems([battery], entries, f"{shown(battery)}, MESSAGES")


def entry_problems(paths: list[Path], entries: object, data: str, covered: set[str] = frozenset()) -> list[str]:
    """message_problems for the messages written in `paths` and the entries of `data` (`covered`:
    templates translated elsewhere, the shared helpers')."""
    out: list[str] = []
    written: dict[str, said.Site] = {}
    for site in (site for path in paths for site in said.sites(path)):
        if site.templates is None:
            out.append(f"{shown(site.path)}:{site.line}: messages.py cannot read this message as a template "
                       f"(`{' '.join(site.source.split())[:80]}`): write it as one f-string in the assert (or AssertionError(...)).")
            continue
        for template in site.templates:
            if not said.passes_on(template):
                written.setdefault(template, site)
    listed: set[str] = set()
    if not isinstance(entries, list):
        return out + [f"{data}: `messages` must be an array of tables, [[messages]], each with en, ko and ru."]
    for number, entry in enumerate(entries, 1):
        en = entry.get("en") if isinstance(entry, dict) else None
        if not isinstance(en, str) or not en.strip():
            out.append(f"{data}: [[messages]] entry {number} has no `en`: copy the check's message as messages.py "
                       "derives it (`{}` for each value).")
            continue
        where = f"{data}: the [[messages]] entry en = {json.dumps(en, ensure_ascii=False)}"
        if en in listed:
            out.append(f"{where} is there twice: keep one.")
        listed.add(en)
        if en not in written and en not in covered:
            out.append(f"{where} is the message of no check" + (
                " (it is only a value: a message passed on is read by its own entry)" if said.passes_on(en) else "")
                + f": remove it, or write en as the check's message now reads.")
        count = said.parts(en).count(None)
        for lang, name in LANGUAGE_NAMES.items():
            text = entry.get(lang)
            if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
                out.append(f"{where} needs a one-line `{lang}`: the message in {name}, its values as {{0}}, {{1}}, ... "
                           "(contributing/exercises.md, \"Exercises\").")
            elif problem := placeholder_problem(text, count):
                out.append(f"{where}: `{lang}`: {problem}.")
    for template, site in written.items():
        if template not in listed and template not in covered and frame_of(template) is None \
                and template not in (MESSAGES["en"][k] for k in SAID):
            out.append(f"{shown(site.path)}:{site.line}: the message {json.dumps(template, ensure_ascii=False)} has no "
                       f"[[messages]] entry in {data}, and the runner's frame does not translate it: add the entry "
                       "with its ko and ru.")
    return out


def cause_problems(e: Exercise, checks: list[str]) -> list[str]:
    """Every cause tag checks.py uses has a one-line hint in every language; every hint has a tag."""
    out, data = [], shown(e.data_file)
    used = e.cause_tags()
    for cause, where in sorted(used.items()):
        for lang in LANGUAGES:
            hint = e.causes.get(cause, {}).get(lang, "")
            if not isinstance(hint, str) or not hint.strip() or "\n" in hint.strip():
                out.append(f"{data}: [{e.framework}.causes.{cause}] needs a one-line `{lang}` hint "
                           f"(the tag [{cause}] is used in {shown(e.checks_file)}, {where}).")
    for extra in sorted(set(e.causes) - set(used) - e.string_constants()):
        out.append(f"{data}: [{e.framework}.causes.{extra}] is the hint of no tag: no message in "
                   f"{shown(e.checks_file)} starts with \"[{extra}] \", and no string there is \"{extra}\".")
    clash = sorted(set(used) & set(checks))
    if clash:
        out.append(f"{shown(e.checks_file)}: the cause tag(s) {', '.join(clash)} have a check's name; name the mistake instead.")
    return out


def wrong_problems(e: Exercise, checks: list[str]) -> list[str]:
    """Each wrong/<slug>.patch has its [<fw>.wrong.<slug>] entry and the other way round, and
    each entry is complete: a known kind, a one-line why, checks that exist in `fails`."""
    out, data, base = [], shown(e.data_file), e.folder / WRONG
    folders = e.patch_slugs()
    out += strays(e, WRONG)
    for slug in folders:
        if slug not in e.wrong:
            out.append(f"{shown(e.patch_file(slug))} has no entry [{e.framework}.wrong.{slug}] in {data}: "
                       f"add its kind, why and fails (contributing/exercises.md, \"Exercises\").")
    if len(e.wrong) < WRONG_MINIMUM:
        out.append(f"{data}: {e.name} has {len(e.wrong)} wrong solution(s); write at least {WRONG_MINIMUM}.")
    for slug, entry in sorted(e.wrong.items()):
        table = f"{data}: [{e.framework}.wrong.{slug}]"
        if not isinstance(entry, dict):
            out.append(f"{table} must be a table with kind, why and fails.")
            continue
        if not SLUG_RE.match(slug):
            out.append(f"{table}: name it in snake_case (the mistake: `constant_for_id_99`).")
        if slug not in folders:
            out.append(f"{table} has no patch {shown(e.patch_file(slug))} with the change it makes.")
        for key in sorted(set(entry) - WRONG_KEYS):
            out.append(f"{table} has an unknown key `{key}`; the keys are kind, why, fails, told.")
        if entry.get("kind") not in WRONG_KINDS:
            out.append(f"{table}: kind = {entry.get('kind')!r} is not one of {', '.join(WRONG_KINDS)}.")
        why = entry.get("why")
        if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
            out.append(f"{table}: `why` must be one English line: what is wrong and why a learner would write it.")
        fails = entry.get("fails")
        if not isinstance(fails, list) or not fails or not all(isinstance(c, str) for c in fails):
            out.append(f"{table}: `fails` must list the check(s) that reject it, from: {', '.join(checks)}.")
        else:
            for check in fails:
                if check not in checks:
                    out.append(f"{table}: fails names {check!r}, which is no check in {shown(e.checks_file)} "
                               f"(the checks: {', '.join(checks)}).")
        told = entry.get("told", [])
        if not isinstance(told, list) or not all(isinstance(c, str) for c in told):
            out.append(f"{table}: `told` must list the cause(s) whose hint the learner gets, from: {', '.join(sorted(e.causes)) or 'none'}.")
        else:
            for cause in told:
                if cause not in e.causes:
                    out.append(f"{table}: told names {cause!r}, which has no [{e.framework}.causes.{cause}] in {data}.")
        if slug in folders:
            out += patch_problems(e, slug, WRONG)
    return out


def strays(e: Exercise, which: str) -> list[str]:
    """What else is under wrong/ (or right/): a folder of whole files (the corpus before it was patches)
    or a file that is no patch."""
    base = e.folder / which
    if not base.is_dir():
        return []
    out = []
    for path in sorted(p for p in base.iterdir() if p.name != "__pycache__" and not (p.is_file() and p.suffix == PATCH)):
        kind = "a folder" if path.is_dir() else "not a patch"
        out.append(f"{shown(path)} is {kind}: {which}/ holds one <slug>{PATCH} per solution, a diff against the "
                   f"reference solution; make one from an edited copy with `python3 dev.py exercise {e.name} "
                   f"--save-{which} {path.stem}`.")
    return out


def patch_problems(e: Exercise, slug: str, which: str) -> list[str]:
    """A wrong/<slug>.patch (or right/'s) applies to the reference solution and changes something."""
    try:
        files = e.variant(slug, which)
    except patches.PatchError as error:
        return [str(error)]
    reference = e.reference_texts(list(files))
    if not files or all(reference.get(name) == text for name, text in files.items()):
        return [f"{shown(e.patch_file(slug, which))} changes nothing: write the change the solution makes."]
    return []


def right_problems(e: Exercise) -> list[str]:
    """Each right/<slug>.patch has its [<fw>.right.<slug>] entry (a one-line why) and the other
    way round, and applies to the reference solution, changing something."""
    out, data = [], shown(e.data_file)
    folders = e.patch_slugs(RIGHT)
    out += strays(e, RIGHT)
    for slug in folders:
        if slug not in e.right:
            out.append(f"{shown(e.patch_file(slug, RIGHT))} has no entry [{e.framework}.right.{slug}] in {data}: add its why.")
    for slug, entry in sorted(e.right.items()):
        table = f"{data}: [{e.framework}.right.{slug}]"
        if not isinstance(entry, dict):
            out.append(f"{table} must be a table with why.")
            continue
        if not SLUG_RE.match(slug):
            out.append(f"{table}: name it in snake_case (the technique: `send_file_as_attachment`).")
        for key in sorted(set(entry) - RIGHT_KEYS):
            out.append(f"{table} has an unknown key `{key}`; the only key is why.")
        why = entry.get("why")
        if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
            out.append(f"{table}: `why` must be one English line: how it differs from the reference and why it is right.")
        if slug not in folders:
            out.append(f"{table} has no patch {shown(e.patch_file(slug, RIGHT))} with the change it makes.")
            continue
        out += patch_problems(e, slug, RIGHT)
    return out


# --------------------------------------------------------------------------- on the pages

# In a chapter's "Exercises" section, inside each framework's tab: the command and the hints.
DIRECTIVE_RE = re.compile(r"^(?P<indent>[ \t]*)<!-- exercise: (?P<name>[\w/.-]+) -->[ \t]*$", re.MULTILINE)


def directives(markdown: str) -> list[str]:
    return [m.group("name") for m in DIRECTIVE_RE.finditer(markdown)]


def render(markdown: str, lang: str, exercises: list[Exercise] | None = None) -> str:
    """Expand each `<!-- exercise: routing/flask -->` line (the MkDocs hook calls this) into the
    command that checks the reader's copy and the hints, collapsed, from exercise.toml."""
    exercises = load_all() if exercises is None else exercises

    def block(m: re.Match) -> str:
        found = [e for e in select(m.group("name"), exercises) if e.name == m.group("name")]
        if not found:
            raise ValueError(f"`<!-- exercise: {m.group('name')} -->` names no exercise; "
                             f"the exercises are: {', '.join(e.name for e in exercises)}.")
        e, pad = found[0], m.group("indent")
        hints = [f"- `{check}`: {e.hints[check][lang]}" for check in e.checks()]
        lines = ["```bash", e.command(), "```", "", f'??? tip "{MESSAGES[lang]["hints_title"]}"', "",
                 *(f"    {line}" for line in hints)]
        return "\n".join(pad + line if line else "" for line in lines)

    return DIRECTIVE_RE.sub(block, markdown)


# --------------------------------------------------------------------------- running the checks


def split_cause(message: str) -> tuple[str, str]:
    """(`not_json`, the message without its tag) for `[not_json] GET ...`; ("", message) untagged."""
    m = CAUSE_RE.match(message)
    return (m.group(1), message[m.end():]) if m else ("", message)


@dataclass
class Result:
    checks: list[dict[str, str]]  # name, outcome (passed, failed, timeout, skipped), message, cause ("" untagged)
    broken: list[str]  # "app.py:3: SyntaxError: ...": the app does not load
    timed_out: bool = False
    output: str = ""  # pytest's own output, for a failure this module cannot explain
    warnings: list[str] = field(default_factory=list)  # "app.py:10: PydanticDeprecatedSince20: ...", the reader's files'

    @property
    def failed(self) -> list[str]:
        """The checks that did not pass: failed, stopped or skipped."""
        return [c["name"] for c in self.checks if c["outcome"] != "passed"]

    @property
    def rejected_by(self) -> list[str]:
        """The checks that failed (an assertion or an error): what rejects a wrong solution."""
        return [c["name"] for c in self.checks if c["outcome"] == "failed"]

    @property
    def passed(self) -> int:
        return sum(c["outcome"] == "passed" for c in self.checks)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and not self.failed and not self.broken and not self.timed_out


def _pytest_args(exercise: Exercise, check_timeout: float, strict: bool, only: Sequence[str] = ()) -> list[str]:
    """`only`: the checks to run (names without `test_`), every check when empty."""
    targets = [f"{exercise.checks_file}::test_{name}" for name in only] or [str(exercise.checks_file)]
    args = [*targets, "-c", str(PYTEST_CONFIG), "--rootdir", str(exercise.folder),
            "-p", "guide_tools.exercises.plugin", "-p", "pytest_timeout", "-p", "no:cacheprovider",
            "-o", f"timeout={check_timeout}", "-o", "timeout_method=signal", "-q", "--no-header", "-rN", "--tb=no"]
    if exercise.framework == "django":
        args += ["-p", "pytest_django.plugin", "--ds", exercise.settings, "-o", "django_find_project=false"]
    if strict:  # CI: the reference solutions run without a warning
        args += ["-W", "error"]
    return args


def _environment(**extra: str) -> dict[str, str]:
    # Only the plugins the checks need (-p above): a third of the start-up time is loading the others.
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1", **extra}
    for name in ("DJANGO_SETTINGS_MODULE", "COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START"):
        env.pop(name, None)  # the project's test settings; coverage measures snippets/, not exercises
    return env


def _check_env(app_dir: Path, report: Path) -> dict[str, str]:
    return _environment(PYTHONPATH=os.pathsep.join([str(app_dir.resolve()), str(ROOT)]), EXERCISE_REPORT=str(report),
                        EXERCISE_APP_DIR=str(app_dir.resolve()))


def _result(exercise: Exercise, report: Path, output: str) -> Result:
    """The plugin's report as a Result: causes split from the messages, and a check of checks.py
    that did not run at all (its module failed in another way) listed as not passed."""
    if not report.is_file():
        return Result([], [], output=output)
    data = json.loads(report.read_text(encoding="utf-8"))
    checks = []
    for check in data["checks"]:
        cause, message = split_cause(check["message"]) if check["outcome"] == "failed" else ("", check["message"])
        checks.append({**check, "message": message, "cause": cause})
    if checks and not data["broken"]:
        ran = {c["name"] for c in checks}
        checks += [{"name": name, "outcome": "skipped", "message": MESSAGES["en"]["did_not_run"], "cause": ""}
                   for name in exercise.checks() if name not in ran]
    return Result(checks, data["broken"], output=output, warnings=data.get("warnings", []))


def _stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: a hung app may have started children
    output, _ = proc.communicate()
    return output or ""


def run_checks(exercise: Exercise, app_dir: Path, check_timeout: float = CHECK_TIMEOUT,
               run_timeout: float = RUN_TIMEOUT, strict: bool = False, only: Sequence[str] = ()) -> Result:
    """Run the exercise's checks (`only` these, when given) against the app in `app_dir`, in one
    pytest subprocess."""
    with tempfile.TemporaryDirectory(prefix="exercise-") as tmp:
        report = Path(tmp) / "report.json"
        argv = [sys.executable, "-m", "pytest", *_pytest_args(exercise, check_timeout, strict, only)]
        proc = subprocess.Popen(argv, cwd=tmp, env=_check_env(app_dir, report), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=run_timeout)
        except subprocess.TimeoutExpired:
            return Result([], [], timed_out=True, output=_stop(proc))
        except BaseException:  # Ctrl+C: the run is in a session of its own, so end it here
            _stop(proc)
            raise
        return _result(exercise, report, output)


def run_batch(exercise: Exercise, app_dirs: list[Path], check_timeout: float = CHECK_TIMEOUT,
              run_timeout: float = RUN_TIMEOUT, only: Sequence[Sequence[str]] = ()) -> list[Result]:
    """The checks against several folders with one process start: guide_tools/exercises/batch.py
    imports pytest and the framework once and forks a pytest per folder (each with the limits of
    run_checks). Where there is no fork (Windows), one run_checks per folder. `only`, one entry per
    folder: the checks to run there (every check for an empty entry, or without `only`)."""
    only = list(only) or [()] * len(app_dirs)
    if not hasattr(os, "fork"):
        return [run_checks(exercise, folder, check_timeout, run_timeout, only=names) for folder, names in zip(app_dirs, only)]
    with tempfile.TemporaryDirectory(prefix="exercise-batch-") as tmp:
        jobs = []
        for i, (folder, names) in enumerate(zip(app_dirs, only, strict=True)):
            cwd = Path(tmp) / f"run-{i}"
            cwd.mkdir()
            jobs.append({"args": _pytest_args(exercise, check_timeout, strict=False, only=names), "cwd": str(cwd),
                         "env": _check_env(folder, cwd / "report.json"), "output": str(cwd / "output.txt"),
                         "path": [str(cwd), str(folder.resolve()), str(ROOT)]})
        plan = Path(tmp) / "jobs.json"
        plan.write_text(json.dumps({"framework": exercise.framework, "run_timeout": run_timeout, "jobs": jobs}),
                        encoding="utf-8")
        argv = [sys.executable, "-m", "guide_tools.exercises.batch", str(plan)]
        proc = subprocess.Popen(argv, cwd=tmp, env=_environment(PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=run_timeout * len(jobs) + 60)
        except subprocess.TimeoutExpired:
            output = _stop(proc)
        except BaseException:
            _stop(proc)
            raise
        status_file = Path(tmp) / "jobs.status.json"
        status = json.loads(status_file.read_text(encoding="utf-8")) if status_file.is_file() else []
        results = []
        for i, job in enumerate(jobs):
            job_output = Path(job["output"]).read_text(encoding="utf-8", errors="replace") if Path(job["output"]).is_file() else ""
            if i >= len(status) or status[i]["timed_out"]:
                results.append(Result([], [], timed_out=True, output=job_output or output))
            else:
                results.append(_result(exercise, Path(job["cwd"]) / "report.json", job_output))
        return results


# --------------------------------------------------------------------------- the reader's command


STATUSES = {"passed": "\u2713", "failed": "\u2717", "timeout": "\u2717", "skipped": "\u2717"}  # outcome -> mark
YES = {"y", "yes", "д", "да", "예", "네", "ㅇ"}


def width(text: str) -> int:
    """Columns a terminal gives `text`: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def is_binary(path: Path) -> bool:
    """Not UTF-8 text (an SQLite database the app made, an image): no line diff for it."""
    data = path.read_bytes()
    if b"\0" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


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


class Reader:
    """The reader's side: their working copies, the messages in their language."""

    def __init__(self, lang: str, work_root: Path = WORK, out=None, ask: Callable[[str], str] | None = None):
        """`ask` puts a yes/no question to the reader (input() on a terminal); None: nobody to ask."""
        self.lang, self.work_root = lang, work_root
        self.out = out or sys.stdout
        self.ask = ask

    def say(self, key: str, **values) -> None:
        print(MESSAGES[self.lang][key].format(**values), file=self.out, flush=True)

    def shown(self, path: Path) -> str:
        return shown(path)

    # ---- state

    def _state_path(self) -> Path:
        return self.work_root / STATE_FILE

    def _state(self) -> dict:
        try:
            return json.loads(self._state_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _fingerprint(self, folder: Path) -> float:
        return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)

    def _remember(self, exercise: Exercise, result: Result) -> None:
        state = self._state()
        state[exercise.name] = {"passed": result.passed, "total": len(exercise.checks()),
                                "mtime": self._fingerprint(exercise.work(self.work_root))}
        self.work_root.mkdir(parents=True, exist_ok=True)
        self._state_path().write_text(json.dumps(state, indent=1), encoding="utf-8")

    def status(self, exercise: Exercise) -> str:
        folder = exercise.work(self.work_root)
        if not folder.is_dir():
            return MESSAGES[self.lang]["not_started"]
        last = self._state().get(exercise.name)
        if last is None or self._fingerprint(folder) > last["mtime"]:
            return MESSAGES[self.lang]["changed"]
        if last["passed"] == last["total"]:
            return MESSAGES[self.lang]["solved"]
        return MESSAGES[self.lang]["last_run"].format(**last)

    # ---- commands

    def list(self, exercises: list[Exercise]) -> int:
        self.say("list_header", example=exercises[0].command() if exercises else "")
        columns = max((len(e.name) for e in exercises), default=0)
        for e in exercises:
            print(f"  {e.name:<{columns}}  {e.titles[self.lang]}  [{self.status(e)}]", file=self.out)
        return 0

    def unknown(self, name: str, exercises: list[Exercise]) -> int:
        """One line for a name that is no exercise, with the nearest name when there is one."""
        typed = normalize(name, exercises)
        topic, _, framework = typed.partition("/")
        same_topic = select(topic, exercises) if topic else []
        if same_topic and framework:
            names = ", ".join(e.name for e in same_topic)
            guess = nearest(framework, [e.framework for e in same_topic])
            if guess:
                self.say("unknown_framework_suggest", name=topic, framework=framework, suggestion=f"{topic}/{guess}", names=names)
            else:
                self.say("unknown_framework", name=topic, framework=framework, names=names)
            return 2
        guess = nearest(topic, topics(exercises))
        if guess:
            suggestion = f"{guess}/{framework}" if framework and select(f"{guess}/{framework}", exercises) else guess
            self.say("unknown_suggest", name=name, suggestion=suggestion, names=", ".join(topics(exercises)))
        else:
            self.say("unknown", name=name, names=", ".join(topics(exercises)))
        return 2

    def ensure_copy(self, exercise: Exercise) -> bool:
        """Copy the starter to the reader's folder unless it is there. True if it was copied."""
        folder = exercise.work(self.work_root)
        if folder.exists():
            return False  # never overwrite the reader's work (only --reset does, keeping a backup)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(exercise.starter, folder, ignore=IGNORED)
        self.say("copied", path=self.shown(folder))
        return True

    def changed(self, exercise: Exercise) -> bool:
        """The reader's copy differs from the starter (what running the app leaves is no change)."""
        folder = exercise.work(self.work_root)
        if not folder.is_dir():
            return False
        mine = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix not in DATABASE_SUFFIXES}
        starter = set(exercise.files(STARTER))
        return mine != starter or any((folder / n).read_bytes() != (exercise.starter / n).read_bytes() for n in starter)

    def missing(self, exercise: Exercise) -> list[str]:
        """The starter's files the reader's copy no longer has."""
        folder = exercise.work(self.work_root)
        return [name for name in exercise.files(STARTER) if not (folder / name).is_file()]

    def reset(self, exercise: Exercise) -> None:
        folder = exercise.work(self.work_root)
        if folder.exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
            backup = self.work_root / BACKUPS / f"{exercise.topic}-{exercise.framework}-{stamp}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, backup)
            shutil.copytree(exercise.starter, folder, ignore=IGNORED)
            self.say("reset", path=self.shown(folder), backup=self.shown(backup))
        else:
            self.ensure_copy(exercise)

    def reset_all(self, chosen: list[Exercise], name: str, yes: bool) -> bool:
        """--reset: a copy the reader changed is reset only if they say so (or gave --yes); with
        nobody to ask, nothing is reset and one line says how. False if refused."""
        changed = [e for e in chosen if self.changed(e)]
        if changed and not yes and self.ask is None:
            target = changed[0].name if len(changed) == 1 else name
            self.say("reset_refused", names=", ".join(e.name for e in changed),
                     command=f"python3 dev.py exercise {target} --reset --yes")
            return False
        for exercise in chosen:
            if exercise in changed and not yes:
                try:
                    answer = self.ask(MESSAGES[self.lang]["reset_ask"].format(name=exercise.name))
                except EOFError:
                    answer = ""
                if answer.strip().lower() not in YES:
                    self.say("reset_kept", path=self.shown(exercise.work(self.work_root)))
                    continue
            self.reset(exercise)
        return True

    def solution(self, exercise: Exercise) -> int:
        folder = exercise.work(self.work_root)
        names = sorted(set(exercise.reference_files()) | {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                                                          if p.is_file() and "__pycache__" not in p.parts})
        diffs, binary = [], []  # gathered first: the header only when there is a difference to show
        for name in names:
            mine, ref = folder / name, exercise.reference(name)
            if any(p.is_file() and is_binary(p) for p in (mine, ref)):
                binary.append(f"{self.shown(folder)}/{name}")
                continue
            lines = [p.read_text(encoding="utf-8").splitlines(keepends=True) if p.is_file() else [] for p in (mine, ref)]
            diffs += difflib.unified_diff(*lines, fromfile=f"{self.shown(folder)}/{name}", tofile=self.shown(ref))
        if diffs:
            self.say("solution_header", path=self.shown(folder))
        for name in binary:
            self.say("binary_skipped", name=name)
        self.out.writelines(line if line.endswith("\n") else line + "\n" for line in diffs)
        if not diffs:
            self.say("solution_same")
        return 0

    # ---- authors: a wrong solution made by editing a copy (English, as CI's messages)

    def edit_wrong(self, exercise: Exercise, slug: str, which: str = WRONG) -> int:
        """--edit-wrong SLUG: the reader's copy becomes the reference solution with <which>/SLUG.patch
        applied (the reference alone for a new SLUG, or when the patch no longer applies), to edit;
        the previous copy goes to a backup, as with --reset."""
        folder, path = exercise.work(self.work_root), exercise.patch_file(slug, which)
        problem = ""
        try:
            files = exercise.variant(slug, which) if path.is_file() else {}
        except patches.PatchError as error:
            files, problem = {}, str(error)
        if folder.exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
            backup = self.work_root / BACKUPS / f"{exercise.topic}-{exercise.framework}-{stamp}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, backup)
            print(f"Your previous copy is in {self.shown(backup)}/.", file=self.out)
        folder.parent.mkdir(parents=True, exist_ok=True)
        build(exercise, folder)
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(text.encode("utf-8"))
        if problem:
            print(f"{problem}\n{self.shown(folder)}/ is the current reference solution: make the mistake again "
                  f"(the old patch, to read: {self.shown(path)}), then save it with `{exercise.command()} --save-{which} {slug}`.",
                  file=self.out)
            return 1
        what = f"{which}/{slug}" if files else "the reference solution"
        print(f"{self.shown(folder)}/ is {what}: edit it, then `{exercise.command()} --save-{which} {slug}`.", file=self.out)
        return 0

    def save_wrong(self, exercise: Exercise, slug: str, why: str | None, which: str = WRONG) -> int:
        """--save-wrong SLUG (--save-right): how the reader's copy differs from the reference solution,
        saved as <which>/SLUG.patch; the checks run on it, and its exercise.toml entry is printed with
        the checks that rejected it (`fails`) and the causes they gave (`told`)."""
        folder, path = exercise.work(self.work_root), exercise.patch_file(slug, which)
        if not SLUG_RE.match(slug):
            print(f"`{slug}`: name it in snake_case, after the mistake (`constant_for_id_99`).", file=self.out)
            return 2
        if not folder.is_dir():
            print(f"There is no copy to save: {self.shown(folder)}/. Start one with "
                  f"`{exercise.command()} --edit-{which} {slug}`.", file=self.out)
            return 2
        mine = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix not in DATABASE_SUFFIXES}
        gone = [name for name in exercise.reference_files() if name not in mine]
        binary = [name for name, p in mine.items() if is_binary(p)]
        if gone:
            print(f"Your copy lacks {', '.join(gone)}: a patch changes and adds files, it cannot delete one; "
                  "put it back.", file=self.out)
            return 2
        if binary:
            print(f"{', '.join(binary)}: a binary file; a patch holds text only: remove it from your copy.", file=self.out)
            return 2
        reference = exercise.reference_texts()
        changed = {name: p.read_bytes().decode("utf-8") for name, p in mine.items()}
        changed = {name: text for name, text in changed.items() if reference.get(name) != text}
        if not changed:
            print(f"{self.shown(folder)}/ is the reference solution: make the mistake in it first.", file=self.out)
            return 2
        text = patches.diff(reference, changed)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        assert exercise.variant(slug, which) == changed, f"{path}: the patch does not give the copy back"
        with tempfile.TemporaryDirectory(prefix="save-") as tmp:
            result = run_checks(exercise, build(exercise, Path(tmp) / "app", slug, which), **CI_LIMITS)
        print(f"Saved {self.shown(path)} ({len(text.splitlines())} lines: {', '.join(sorted(changed))}).", file=self.out)
        table = exercise.wrong if which == WRONG else exercise.right
        entry = {"why": why or table.get(slug, {}).get("why") or "what is wrong, and why a learner would write it"}
        if which == WRONG:
            verdict = judge_wrong(exercise, slug, result) if slug in exercise.wrong else ""
            causes = sorted({c["cause"] for c in result.checks if c.get("cause") and c["outcome"] == "failed"})
            entry = {"kind": table.get(slug, {}).get("kind", " | ".join(WRONG_KINDS)), **entry,
                     "fails": result.rejected_by, **({"told": causes} if causes else {})}
            if not result.rejected_by:
                print("The checks accept it" + (f" ({'; '.join(result.broken)})" if result.broken else "")
                      + ": as they are, they do not reject this mistake. Write the check that does, first.", file=self.out)
            elif verdict:
                print(f"Its entry in {self.shown(exercise.data_file)} does not hold any more: {verdict}.", file=self.out)
        else:
            verdict = judge_right(result)
            if verdict:
                print(f"The checks refuse it: {verdict}.", file=self.out)
        body = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in entry.items())
        print(f"Its entry in {self.shown(exercise.data_file)}:\n\n[{exercise.framework}.{which}.{slug}]\n{body}", file=self.out)
        return 0 if (result.rejected_by if which == WRONG else not verdict) else 1

    def check(self, exercise: Exercise, **limits) -> int:
        folder = exercise.work(self.work_root)
        self.say("working_in", name=exercise.name, path=self.shown(folder))
        result = run_checks(exercise, folder, **limits)
        self._remember(exercise, result)
        missing = self.missing(exercise)
        if missing and not result.ok:  # a deleted file: there is no line to fix
            self.say("missing_files", files=", ".join(missing), command=exercise.command())
            return 1
        lines, code = report(exercise, result, self.lang, **limits)
        print("\n".join(lines), file=self.out, flush=True)
        return code

    def watch(self, exercises: list[Exercise], **limits) -> int:
        folders = [e.work(self.work_root) for e in exercises]
        self.say("watching", path=", ".join(self.shown(f) for f in folders))
        seen = None
        try:
            while True:
                now = [self._fingerprint(f) for f in folders]
                if now != seen:
                    seen = now
                    for exercise in exercises:
                        self.check(exercise, **limits)
                time.sleep(0.5)
        except KeyboardInterrupt:  # Ctrl+C, the way to stop it (run_checks ended its subprocess)
            return 0


# --------------------------------------------------------------------------- CI: every exercise is honest


@dataclass
class Verdict:
    exercise: Exercise
    starter_ok: bool  # the starter loads and fails exactly its intended checks, untagged
    solution_ok: bool  # the solution passes every check, without a warning
    mismatches: list[str]
    starter: Result | None = None  # the starter's run (what its reader is told: tests read its messages)


@dataclass
class WrongVerdict:
    exercise: Exercise
    slug: str
    problem: str  # "" when it is rejected as declared (a right/ one: when it passes)
    which: str = WRONG
    result: Result | None = None  # its run

    @property
    def rejected(self) -> bool:
        """As intended: a wrong solution rejected, or (right/) another correct solution accepted."""
        return not self.problem

    @property
    def message(self) -> str:
        entries, template = (self.exercise.right, MISMATCH_RIGHT) if self.which == RIGHT else (self.exercise.wrong, MISMATCH_WRONG)
        return template.format(name=self.exercise.name, slug=self.slug, what=self.problem,
                               why=str(entries.get(self.slug, {}).get("why", "?")))


def verify_starter(exercise: Exercise) -> list[str]:
    """The starter loads and fails exactly starter_fails, each with an untagged message."""
    return judge_starter(exercise, run_checks(exercise, exercise.starter, **CI_LIMITS))


def judge_starter(exercise: Exercise, starter: Result) -> list[str]:
    """verify_starter's verdict on a run of the starter."""
    if starter.broken or starter.timed_out or sorted(starter.failed) != sorted(exercise.starter_fails):
        got = starter.broken or (["timeout"] if starter.timed_out else starter.failed) or ["nothing"]
        return [MISMATCH_STARTER.format(name=exercise.name, expected=", ".join(exercise.starter_fails), got="; ".join(got))]
    return [MISMATCH_TAGGED.format(name=exercise.name, check=c["name"], cause=c["cause"])
            for c in starter.checks if c["name"] in exercise.starter_fails and c.get("cause")]


def verify_solution(exercise: Exercise) -> list[str]:
    """The reference solution (the starter with solution/'s files over it) passes every check, no warning."""
    with tempfile.TemporaryDirectory(prefix="solution-") as tmp:
        solution = run_checks(exercise, build(exercise, Path(tmp) / "app"), strict=True, **CI_LIMITS)
    if solution.ok:
        return []
    details = solution.broken or (["timeout"] if solution.timed_out else
                                  [f"{c['name']} ({c['outcome']}: {c['message']})" for c in solution.checks if c["outcome"] != "passed"])
    return [MISMATCH_SOLUTION.format(name=exercise.name, got="; ".join(details) or solution.output.strip()[-500:])]


def verify(exercise: Exercise) -> Verdict:
    """Run the starter and the solution of one exercise and say whether each behaves as intended."""
    run = run_checks(exercise, exercise.starter, **CI_LIMITS)
    starter, solution = judge_starter(exercise, run), verify_solution(exercise)
    return Verdict(exercise, not starter, not solution, starter + solution, run)

def covering_wrong(exercise: Exercise) -> list[str]:
    """The fewest wrong solutions, chosen greedily in slug order, that between them fail every check
    any wrong solution of the exercise is declared to fail (its `fails`): the browser's corpus runs
    these on every commit, and all of them when asked (tests/browser/test_exercises_web.py)."""
    slugs = sorted(exercise.patch_slugs())
    fails = {slug: set(exercise.wrong.get(slug, {}).get("fails", ())) for slug in slugs}
    left, chosen = set().union(*fails.values()), []
    while left:
        best = max(slugs, key=lambda slug: (len(fails[slug] & left), -slugs.index(slug)))
        chosen.append(best)
        left -= fails[best]
    return chosen


# --------------------------------------------------------------------------- the corpus stamp

CORPUS_STAMP = "corpus.stamp"  # in an exercise's folder: its corpus's inputs when --check-all last passed
STAMP_STACK = "latest"  # the stack the corpus runs on (tests/exercises/test_exercises.py), and stamps are written on
RUNNER_GLOBS = ("guide_tools/exercises/*.py", "exercises/pytest.ini", "uv.lock")  # every exercise's: runner, settings, lock
TOPIC_IMPORT_RE = re.compile(r"\bexercises\.(\w+)\.(\w+)")  # `from exercises.compare.auth import shared_checks`


def corpus_inputs(exercise: Exercise, project: Path = ROOT) -> list[Path]:
    """Every file the verdicts of an exercise's corpus can depend on: its folder (checks, starter,
    solution, wrong/, right/; not its stamp), the top-level files of its topic (exercise.toml, the
    shared checks) and of any topic its checks import, the batteries they import, the runner
    (guide_tools/exercises/*.py), the checks' pytest.ini and uv.lock (both stacks' packages)."""
    root = exercise.root
    own = [p for p in exercise.folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
           and p.suffix != ".pyc" and p != exercise.folder / CORPUS_STAMP]
    checks = [p for p in [exercise.checks_file, *sorted(exercise.folder.parent.glob("*.py"))] if p.is_file()]
    topics = {exercise.folder.parent} | {root / section / topic for path in checks
                                         for section, topic in TOPIC_IMPORT_RE.findall(path.read_text(encoding="utf-8"))
                                         if section != "batteries" and (root / section / topic).is_dir()}
    shared = [p for topic in topics for p in topic.iterdir() if p.is_file() and p.suffix != ".pyc"]
    batteries = batteries_imported(sorted({*checks, *(p for p in shared if p.suffix == ".py")}), root / "batteries")
    runner = [p for pattern in RUNNER_GLOBS for p in project.glob(pattern) if p.is_file()]
    return sorted(set(own + shared + batteries + runner))


def corpus_digest(exercise: Exercise, project: Path = ROOT) -> str:
    """The sha256 of the corpus's inputs (their paths relative to the project, and their bytes) and
    of the Python that runs them (major.minor): what a stamp records."""
    digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for path in corpus_inputs(exercise, project):
        base = project if path.is_relative_to(project) else exercise.root.parent
        data = path.read_bytes()
        digest.update(f"{path.relative_to(base).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def corpus_stamp(exercise: Exercise) -> Path:
    return exercise.folder / CORPUS_STAMP


def stamp_is_current(exercise: Exercise, project: Path = ROOT) -> bool:
    """Whether the exercise's stamp records its corpus's inputs as they are now."""
    stamp = corpus_stamp(exercise)
    return stamp.is_file() and stamp.read_text(encoding="utf-8").split()[:1] == [corpus_digest(exercise, project)]


def write_stamp(exercise: Exercise, project: Path = ROOT) -> Path:
    """Record the corpus's inputs as they are now: only check_all calls it, after the exercise passed."""
    stamp = corpus_stamp(exercise)
    stamp.write_text(f"{corpus_digest(exercise, project)}\n", encoding="utf-8")
    return stamp


def corpus_plan(exercise: Exercise, full: bool = False, project: Path = ROOT) -> tuple[list[str] | None, str]:
    """What the corpus test runs on this commit, and the sentence that says so: (the wrong solutions'
    slugs, or None for every wrong and right solution). A current stamp: the cover (covering_wrong),
    so every check is still seen failing; no stamp, or one whose inputs changed: everything."""
    count = len(exercise.patch_slugs())
    stamp, again = shown(corpus_stamp(exercise)), f"python3 dev.py exercise --stack {STAMP_STACK} --check-all {exercise.name}"
    if full:
        return None, f"{exercise.name}: SIDE_BY_SIDE_CORPUS=full: all {count} wrong solutions ran, stamped or not"
    if stamp_is_current(exercise, project):
        cover = covering_wrong(exercise)
        return cover, (f"{exercise.name}: {stamp} is current: the cover ran, {len(cover)} of {count} wrong solutions "
                       f"(the stamp vouches for the rest and for right/; `{again}` ran them all)")
    why = "its inputs changed since it was written" if corpus_stamp(exercise).is_file() else "there is none"
    return None, (f"{exercise.name}: all {count} wrong solutions ran: no current {stamp} ({why}); once `{again}` "
                  f"passes, it writes the stamp, and the commits after it run only a cover of {len(covering_wrong(exercise))}")



def judge_wrong(exercise: Exercise, slug: str, result: Result) -> str:
    """Why a wrong solution's run does not reject it as declared ("" when it does): it must load,
    not hang, and fail at least every check in its `fails`."""
    fails = [c for c in exercise.wrong.get(slug, {}).get("fails", []) if isinstance(c, str)]
    if result.timed_out:
        return "the run was stopped: it hangs (a wrong solution must end)"
    if result.broken:
        return f"it does not load ({result.broken[0]}): a wrong solution must be a plausible hand-in that loads"
    if not result.checks:
        return f"no check ran: {(result.output.strip().splitlines() or ['?'])[-1]}"
    hung = [c["name"] for c in result.checks if c["outcome"] == "timeout"]
    if hung:
        return f"{', '.join(hung)} stopped after the time limit: it hangs (a wrong solution must end)"
    rejected = result.rejected_by
    if not rejected:
        skipped = [f"{c['name']} ({c['message']})" for c in result.checks if c["outcome"] == "skipped"]
        return "it passes every check" + (f" that ran; skipped: {', '.join(skipped)}" if skipped else "")
    untold = sorted({(c["name"], c["cause"]) for c in result.checks
                     if c.get("cause") and not all(str(exercise.causes.get(c["cause"], {}).get(lang, "")).strip()
                                                   for lang in LANGUAGES)})
    if untold:  # a tag written at run time (f"[{cause}] ...") that the data check could not see
        return "; ".join(f"its failure of {check} is tagged [{cause}], which has no [{exercise.framework}.causes.{cause}] "
                         "hint in every language" for check, cause in untold)
    missing = [name for name in fails if name not in rejected]
    if missing:
        skipped = {c["name"]: c["message"] for c in result.checks if c["outcome"] == "skipped"}
        said = [f"{name} (skipped: {skipped[name]})" if name in skipped else f"{name} passes" for name in missing]
        return f"it is rejected by {', '.join(rejected)}, not by what `fails` declares: {'; '.join(said)}"
    told = {c["cause"] for c in result.checks if c.get("cause") and c["outcome"] != "passed"}
    untold = [cause for cause in exercise.wrong.get(slug, {}).get("told", []) if isinstance(cause, str) and cause not in told]
    if untold:  # rejected, but the learner would read another hint than the one written for this mistake
        got = ", ".join(f"[{cause}]" for cause in sorted(told)) or "only the checks' own hints"
        return f"its failures are not tagged {', '.join(f'[{cause}]' for cause in untold)}, as `told` declares: it gets {got}"
    return ""


def judge_right(result: Result) -> str:
    """Why another correct solution's run does not accept it ("" when every check passes)."""
    if result.ok:
        return ""
    if result.timed_out:
        return "the run was stopped"
    return "; ".join(result.broken) or "; ".join(
        f"{c['name']} ({c['outcome']}: {c['message']})" for c in result.checks if c["outcome"] != "passed") or result.output.strip()[-500:]


def verify_wrong(exercise: Exercise, batch: bool = True, declared: bool = False,
                 only: Sequence[str] | None = None) -> list[WrongVerdict]:
    """Build every wrong solution of the exercise, and every other correct one (right/), and run
    the checks against each (in one process start with `batch`): each wrong one must be rejected
    as its entry declares, each right one must pass every check. `only` (a current stamp's cover,
    corpus_plan): these wrong solutions alone, and no right one.

    `declared` (the run on every commit): a wrong solution first runs only the checks its `fails`
    declares, which is all the verdict needs; one whose verdict is not "" then runs every check,
    so what it reports is what the full run would (`dev.py exercise --check-all` runs every check)."""
    slugs = [(WRONG, slug) for slug in sorted(exercise.wrong) if exercise.patch_file(slug).is_file()
             and (only is None or slug in only)]
    slugs += [(RIGHT, slug) for slug in sorted(exercise.right) if exercise.patch_file(slug, RIGHT).is_file() and only is None]
    if not slugs:
        return []
    verdicts: dict[tuple[str, str], WrongVerdict] = {}
    with tempfile.TemporaryDirectory(prefix="wrong-") as tmp:
        built = []
        for which, slug in slugs:
            try:
                built.append(((which, slug), build(exercise, Path(tmp) / which / slug, wrong=slug, which=which)))
            except patches.PatchError as error:  # a patch that no longer applies: said, and the others still run
                verdicts[which, slug] = WrongVerdict(exercise, slug, str(error), which)
        def run(chosen: list[tuple[tuple[str, str], Path]], only: list[tuple[str, ...]]) -> None:
            folders = [folder for _, folder in chosen]
            if batch:
                results = run_batch(exercise, folders, only=only, **CI_LIMITS) if folders else []
            else:
                results = [run_checks(exercise, folder, only=names, **CI_LIMITS) for folder, names in zip(folders, only)]
            for ((which, slug), _), result in zip(chosen, results):
                verdicts[which, slug] = WrongVerdict(exercise, slug, judge_right(result) if which == RIGHT
                                                     else judge_wrong(exercise, slug, result), which, result)

        def declared_fails(which: str, slug: str) -> tuple[str, ...]:
            fails = exercise.wrong.get(slug, {}).get("fails", []) if declared and which == WRONG else []
            return tuple(name for name in fails if isinstance(name, str))

        run(built, [declared_fails(which, slug) for (which, slug), _ in built])
        again = [item for item in built if declared_fails(*item[0]) and verdicts[item[0]].problem]
        run(again, [()] * len(again))
    return [verdicts[key] for key in slugs]


def default_workers() -> int:
    """Threads driving check subprocesses: one per core (each subprocess keeps a core busy)."""
    return max(1, os.cpu_count() or 1)


def check_all(exercises: list[Exercise], workers: int | None = None, out=None, stamp: bool = False) -> int:
    """Verify every exercise (starter, solution, wrong solutions), in parallel; print each
    mismatch and one summary line. 0 only if everything is as intended. With `stamp` (the command
    on the latest stack), write the corpus stamp of each exercise that passed it all: its data, its
    starter and solution, every wrong solution rejected, every right one accepted, each message read
    in Korean and Russian (corpus_plan then lets the run on every commit send only a cover)."""
    out = out or sys.stdout
    inputs = {id(e): corpus_digest(e) for e in exercises} if stamp else {}
    trouble = problems(exercises)
    if trouble:
        print(DATA_PROBLEMS, *trouble, sep="\n  ", file=out)
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        # The wrong solutions first: one batch per exercise is the longest task, so it should not start last.
        wrong = [pool.submit(verify_wrong, e) for e in exercises]
        starters = [pool.submit(verify_starter, e) for e in exercises]
        solutions = [pool.submit(verify_solution, e) for e in exercises]
        starter_lines = [f.result() for f in starters]
        solution_lines = [f.result() for f in solutions]
        wrong_verdicts = [v for f in wrong for v in f.result()]
    for i in range(len(exercises)):
        for line in starter_lines[i] + solution_lines[i]:
            print(line, file=out)
    for verdict in wrong_verdicts:
        if not verdict.rejected:
            print(verdict.message, file=out)
    english = {id(v): [f"{v.exercise.name}: {v.which}/{v.slug}: {MISMATCH_ENGLISH.format(data=shown(v.exercise.data_file))}: {line}"
                       for line in (untranslated(v.exercise, v.result) if v.result else [])] for v in wrong_verdicts}
    for line in (line for lines in english.values() for line in lines):
        print(line, file=out)
    passed = [e for i, e in enumerate(exercises) if stamp and not starter_lines[i] and not solution_lines[i]
              and all(v.rejected and not english[id(v)] for v in wrong_verdicts if v.exercise is e)
              and not (trouble and problems([e]))]
    right_verdicts = [v for v in wrong_verdicts if v.which == RIGHT]
    wrong_verdicts = [v for v in wrong_verdicts if v.which != RIGHT]
    rejected = sum(v.rejected for v in wrong_verdicts)
    wrong_count = (f"{rejected} wrong solutions" if rejected == len(wrong_verdicts)
                   else f"{rejected} of {len(wrong_verdicts)} wrong solutions")
    print(CHECK_ALL_SUMMARY.format(total=len(exercises), starters=sum(not lines for lines in starter_lines),
                                   solutions=sum(not lines for lines in solution_lines), wrong=wrong_count), file=out)
    if stamp:
        written = [write_stamp(e) for e in passed if corpus_digest(e) == inputs[id(e)]]  # not edited while it ran
        print(STAMPED.format(count=len(written), total=len(exercises), stamp=CORPUS_STAMP), file=out)
    off = (trouble or any(starter_lines) or any(solution_lines) or rejected < len(wrong_verdicts)
           or not all(v.rejected for v in right_verdicts) or any(english.values()))
    return 1 if off or not exercises else 0


# --------------------------------------------------------------------------- command line


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 dev.py exercise", description="The guide's exercises.")
    p.add_argument("name", nargs="?", help="an exercise (`routing`) or one framework's version (`routing/flask`)")
    p.add_argument("--reset", action="store_true", help="start over from the starter (your copy is kept in a backup)")
    p.add_argument("--yes", action="store_true", help="with --reset: do not ask before resetting a copy you changed")
    p.add_argument("--solution", action="store_true", help="show how your copy differs from the reference solution")
    p.add_argument("--watch", action="store_true", help="run the checks again whenever you save")
    p.add_argument("--lang", choices=LANGUAGES, help="the language of the messages (default: from $LANG)")
    for which, what in ((WRONG, "a wrong solution"), (RIGHT, "another correct solution")):
        p.add_argument(f"--edit-{which}", metavar="SLUG", help=f"authors: make your copy the reference solution with "
                       f"{which}/SLUG.patch applied ({what}; the reference alone for a new SLUG), to edit")
        p.add_argument(f"--save-{which}", metavar="SLUG", help=f"authors: save how your copy differs from the reference "
                       f"solution as {which}/SLUG.patch, run the checks on it and print its exercise.toml entry")
    p.add_argument("--why", help="with --save-wrong or --save-right: one English line for the entry")
    p.add_argument("--check-all", action="store_true",
                   help="CI: every starter fails as intended, every solution passes, every wrong solution is rejected "
                        "(with a name, only that exercise)")
    return p


def main(argv: list[str], work_root: Path = WORK, out=None, ask: Callable[[str], str] | None = None,
         root: Path = EXERCISES, **limits) -> int:
    """The command. `ask` answers --reset's questions (default: input() when stdin is a terminal);
    `root` is exercises/ (tests pass a copy)."""
    args = parser().parse_args(argv)
    exercises = load_all(root)
    reader = Reader(language(args.lang), work_root, out, ask=ask or (input if interactive() else None))
    chosen = select(args.name, exercises) if args.name else exercises
    if not chosen:
        return reader.unknown(args.name, exercises)
    if args.check_all:  # with a name, only that exercise (or that framework's version)
        from guide_tools.devtools import stacks

        stamp = stacks.current() == STAMP_STACK
        code = check_all(chosen, out=out, stamp=stamp)
        if not stamp:
            print(UNSTAMPED.format(stack=STAMP_STACK), file=out or sys.stdout)
        return code
    if not args.name:
        return reader.list(exercises)
    for which in (WRONG, RIGHT):
        edit, save = getattr(args, f"edit_{which}"), getattr(args, f"save_{which}")
        if edit or save:
            if len(chosen) != 1:
                print(f"--{'edit' if edit else 'save'}-{which} works on one framework's version: "
                      f"{', '.join(e.name for e in chosen)}.", file=reader.out)
                return 2
            return reader.edit_wrong(chosen[0], edit, which) if edit else reader.save_wrong(chosen[0], save, args.why, which)
    if args.reset and not reader.reset_all(chosen, normalize(args.name, exercises), args.yes):
        return 1
    for exercise in chosen:
        reader.ensure_copy(exercise)
    if args.solution:
        return max(reader.solution(e) for e in chosen)
    if args.watch:
        return reader.watch(chosen, **limits)
    return max(reader.check(e, **limits) for e in chosen)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
