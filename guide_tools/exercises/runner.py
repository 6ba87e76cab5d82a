"""Exercises: the chapters' small tasks, the reader's command and CI's honesty check.

`python3 dev.py exercise [NAME[/FRAMEWORK]] [--reset] [--solution] [--watch] [--lang en|ko|ru]`
and `python3 dev.py exercise --check-all` run this module inside the project's environment.
The layout of an exercise, how its checks and hints are written and how CI checks them are in
CONTRIBUTING.md, "Exercises". In short:

    exercises/<section>/<topic>/exercise.toml       titles and per-check hints, in en, ko and ru
    exercises/<section>/<topic>/<framework>/checks.py   pytest checks, run against a folder
    exercises/<section>/<topic>/<framework>/starter/    the app with the gap (copied for the reader)
    exercises/<section>/<topic>/<framework>/solution/   the reference solution: the files that differ
    my-exercises/<topic>/<framework>/                   the reader's copy (git-ignored)

The checks of one exercise run in one pytest subprocess (guide_tools/exercises/plugin.py writes
its results as JSON), with a time limit per check and one for the whole run.
"""

from __future__ import annotations

import argparse
import ast
import difflib
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
WORK = Path(os.environ.get("EXERCISES_WORK_DIR") or ROOT / "my-exercises")  # git-ignored; tests use a temp dir
PYTEST_CONFIG = EXERCISES / "pytest.ini"
FRAMEWORKS = ("flask", "fastapi", "django")
LANGUAGES = ("en", "ko", "ru")
DATA_FILE, CHECKS_FILE, STARTER, SOLUTION = "exercise.toml", "checks.py", "starter", "solution"
CHECK_TIMEOUT = 30  # seconds one check may take (its fixtures too: a test database) before pytest-timeout stops it
RUN_TIMEOUT = 180  # seconds the whole run may take (a hang pytest-timeout cannot interrupt)
CI_LIMITS = {"check_timeout": 120, "run_timeout": 600}  # --check-all and CI: honest, not fast, on a busy machine
STATE_FILE = ".state.json"  # in WORK: the last result of each exercise, for the list
BACKUPS = ".backup"  # in WORK: what --reset moved away

# CI's messages (`--check-all`) are English: they are read in CI logs, not by readers.
MISMATCH_STARTER = "{name}: the starter should fail {expected}, but failed {got}"
MISMATCH_SOLUTION = "{name}: the solution should pass every check, but failed {got}"
CHECK_ALL_SUMMARY = "{total} exercises: {starters} starters fail as expected, {solutions} solutions pass"
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
        "no_checks": "No check ran: {detail}",
        "run_timeout": "The checks were stopped after {seconds} s. Does something in your app wait forever (a loop, a blocking call)?",
        "check_timeout": "stopped after {seconds} s: does this request wait forever?",
        "reset": "Started over: {path}/ is the starter again (your previous copy is in {backup}/).",
        "solution_header": "Differences between your copy ({path}/) and the reference solution:",
        "solution_same": "Your copy is the same as the reference solution.",
        "watching": "Watching {path}/ for changes; Ctrl+C to stop.",
        "hints_title": "Hints",
    },
    "ko": {
        "list_header": "연습 문제 목록 (`python3 dev.py exercise 이름`으로 실행합니다. 예: `{example}`):",
        "not_started": "시작 전",
        "solved": "완료",
        "last_run": "마지막 실행: 검사 {total}개 중 {passed}개 통과",
        "changed": "마지막 실행 이후 수정됨",
        "unknown": "'{name}'이라는 연습 문제는 없습니다. 있는 연습 문제: {names} (프레임워크 하나만 하려면 /flask, /fastapi, /django를 붙이세요).",
        "unknown_framework": "'{name}'에는 {framework} 버전이 없습니다. 있는 버전: {names}.",
        "copied": "시작 코드를 {path}/에 복사했습니다. 그곳에서 코드를 고친 뒤 이 명령을 다시 실행하세요.",
        "working_in": "{name}: {path}/에 있는 내 코드를 검사합니다",
        "passed": "통과",
        "failed": "실패",
        "timeout": "중단",
        "hint": "힌트",
        "summary_ok": "검사 {total}개를 모두 통과했습니다. 잘했습니다! 모범 답안과 비교해 보세요: {command} --solution",
        "summary_fail": "검사 {total}개 중 {passed}개 통과.",
        "broken": "앱을 불러오지 못했습니다: {where}. 이 줄을 고친 뒤 다시 실행하세요.",
        "no_checks": "검사가 하나도 실행되지 않았습니다: {detail}",
        "run_timeout": "{seconds}초가 지나 검사를 중단했습니다. 앱 안에서 끝없이 기다리는 코드(무한 루프, 블로킹 호출)가 있지 않나요?",
        "check_timeout": "{seconds}초가 지나 중단: 이 요청이 끝없이 기다리고 있지 않나요?",
        "reset": "처음부터 다시 시작합니다: {path}/를 시작 코드로 되돌렸습니다(이전 코드는 {backup}/에 있습니다).",
        "solution_header": "내 코드({path}/)와 모범 답안의 차이:",
        "solution_same": "내 코드가 모범 답안과 같습니다.",
        "watching": "{path}/의 변경을 지켜봅니다. 멈추려면 Ctrl+C를 누르세요.",
        "hints_title": "힌트",
    },
    "ru": {
        "list_header": "Упражнения (запуск: `python3 dev.py exercise ИМЯ`, например `{example}`):",
        "not_started": "не начато",
        "solved": "решено",
        "last_run": "последний запуск: пройдено {passed} из {total} проверок",
        "changed": "изменено после последнего запуска",
        "unknown": "Упражнения «{name}» нет. Есть такие: {names} (для одного фреймворка добавьте /flask, /fastapi или /django).",
        "unknown_framework": "У «{name}» нет варианта для {framework}; есть: {names}.",
        "copied": "Заготовка скопирована в {path}/: правьте её там и запустите команду снова.",
        "working_in": "{name}: проверяем вашу копию в {path}/",
        "passed": "пройдена",
        "failed": "НЕ ПРОЙДЕНА",
        "timeout": "ОСТАНОВЛЕНА",
        "hint": "подсказка",
        "summary_ok": "Пройдены все проверки ({total}). Отлично! Сравните с эталоном: {command} --solution",
        "summary_fail": "Пройдено {passed} из {total} проверок.",
        "broken": "Приложение не загружается: {where}. Исправьте эту строку и запустите снова.",
        "no_checks": "Ни одна проверка не запустилась: {detail}",
        "run_timeout": "Проверки остановлены через {seconds} с. Нет ли в приложении чего-то, что ждёт вечно (цикл, блокирующий вызов)?",
        "check_timeout": "остановлена через {seconds} с: не ждёт ли этот запрос вечно?",
        "reset": "Начинаем заново: в {path}/ снова заготовка (прежняя копия сохранена в {backup}/).",
        "solution_header": "Чем ваша копия ({path}/) отличается от эталонного решения:",
        "solution_same": "Ваша копия совпадает с эталонным решением.",
        "watching": "Слежу за изменениями в {path}/; Ctrl+C — остановить.",
        "hints_title": "Подсказки",
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

    @property
    def name(self) -> str:
        return f"{self.topic}/{self.framework}"

    @property
    def page(self) -> str:
        return f"{self.section}/{self.topic}.md"

    @property
    def folder(self) -> Path:
        return EXERCISES / self.section / self.topic / self.framework

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


def load_all(root: Path = EXERCISES) -> list[Exercise]:
    """Every exercise, in the order of the chapters in the site's navigation."""
    found = []
    order = {page: i for i, page in enumerate(nav_order())}
    for data in sorted(root.glob(f"*/*/{DATA_FILE}"),
                       key=lambda d: order.get(f"{d.parent.parent.name}/{d.parent.name}.md", len(order))):
        section, topic = data.parent.parent.name, data.parent.name
        spec = tomllib.loads(data.read_text(encoding="utf-8"))
        for framework in FRAMEWORKS:
            if framework in spec:
                fw = spec[framework]
                found.append(Exercise(section, topic, framework, spec.get("title", {}), fw.get("hints", {}),
                                      tuple(fw.get("starter_fails", ())), fw.get("settings", "settings")))
    return found


def topics(exercises: list[Exercise]) -> list[str]:
    return list(dict.fromkeys(e.topic for e in exercises))


def select(name: str, exercises: list[Exercise]) -> list[Exercise]:
    """`routing` -> every framework's version; `routing/flask` -> that one. Empty if unknown."""
    topic, _, framework = name.strip("/").partition("/")
    return [e for e in exercises if e.topic == topic and (not framework or e.framework == framework)]


def problems(exercises: list[Exercise]) -> list[str]:
    """Messages for incomplete exercise data, each naming the file and what to add."""
    out = []
    for e in exercises:
        data = f"exercises/{e.section}/{e.topic}/{DATA_FILE}"
        for lang in LANGUAGES:
            if not e.titles.get(lang, "").strip():
                out.append(f"{data}: [title] has no `{lang}`; give the exercise a title in every language.")
        if not e.checks_file.is_file():
            out.append(f"{e.folder.relative_to(ROOT)}/: no {CHECKS_FILE}; write the checks (CONTRIBUTING.md, \"Exercises\").")
            continue
        checks = e.checks()
        if not checks:
            out.append(f"{e.checks_file.relative_to(ROOT)}: no `def test_...` check.")
        for check in checks:
            for lang in LANGUAGES:
                hint = e.hints.get(check, {}).get(lang, "")
                if not hint.strip() or "\n" in hint.strip():
                    out.append(f"{data}: [{e.framework}.hints.{check}] needs a one-line `{lang}` hint.")
        for extra in sorted(set(e.hints) - set(checks)):
            out.append(f"{data}: [{e.framework}.hints.{extra}] is the hint of no check in {e.checks_file.relative_to(ROOT)}.")
        if not e.starter_fails or set(e.starter_fails) - set(checks):
            out.append(f"{data}: [{e.framework}] starter_fails must name the check(s) the starter fails, from: {', '.join(checks)}.")
        for which in (STARTER, SOLUTION):
            if not e.files(which):
                out.append(f"{e.folder.relative_to(ROOT)}/{which}/ is empty or missing.")
        for name in e.files(SOLUTION):
            if (e.starter / name).is_file() and (e.starter / name).read_bytes() == (e.solution / name).read_bytes():
                out.append(f"{e.folder.relative_to(ROOT)}/{SOLUTION}/{name} is the starter's file: solution/ holds "
                           "only the files that differ; remove it.")
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


@dataclass
class Result:
    checks: list[dict[str, str]]  # name, outcome (passed, failed, timeout), message
    broken: list[str]  # "app.py:3: SyntaxError: ...": the app does not load
    timed_out: bool = False
    output: str = ""  # pytest's own output, for a failure this module cannot explain

    @property
    def failed(self) -> list[str]:
        return [c["name"] for c in self.checks if c["outcome"] != "passed"]

    @property
    def passed(self) -> int:
        return sum(c["outcome"] == "passed" for c in self.checks)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and not self.failed and not self.broken and not self.timed_out


def run_checks(exercise: Exercise, app_dir: Path, check_timeout: float = CHECK_TIMEOUT,
               run_timeout: float = RUN_TIMEOUT, strict: bool = False) -> Result:
    """Run the exercise's checks against the app in `app_dir`, in one pytest subprocess."""
    with tempfile.TemporaryDirectory(prefix="exercise-") as tmp:
        report = Path(tmp) / "report.json"
        argv = [sys.executable, "-m", "pytest", str(exercise.checks_file), "-c", str(PYTEST_CONFIG),
                "--rootdir", str(exercise.folder), "-p", "guide_tools.exercises.plugin", "-p", "pytest_timeout", "-p", "no:cacheprovider",
                "-o", f"timeout={check_timeout}", "-o", "timeout_method=signal", "-q", "--no-header", "-rN", "--tb=no"]
        if exercise.framework == "django":
            argv += ["-p", "pytest_django.plugin", "--ds", exercise.settings, "-o", "django_find_project=false"]
        if strict:  # CI: the reference solutions run without a warning
            argv += ["-W", "error"]
        path = os.pathsep.join([str(app_dir.resolve()), str(ROOT)])
        # Only the plugins the checks need (-p above): a third of the start-up time is loading the others.
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONPATH": path, "EXERCISE_REPORT": str(report),
               "EXERCISE_APP_DIR": str(app_dir.resolve()), "PYTHONDONTWRITEBYTECODE": "1"}
        for name in ("DJANGO_SETTINGS_MODULE", "COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START"):
            env.pop(name, None)  # the project's test settings; coverage measures snippets/, not exercises
        proc = subprocess.Popen(argv, cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=run_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole group: a hung app may have started children
            output, _ = proc.communicate()
            return Result([], [], timed_out=True, output=output)
        if not report.is_file():
            return Result([], [], output=output)
        data = json.loads(report.read_text(encoding="utf-8"))
        return Result(data["checks"], data["broken"], output=output)


# --------------------------------------------------------------------------- the reader's command


class Reader:
    """The reader's side: their working copies, the messages in their language."""

    def __init__(self, lang: str, work_root: Path = WORK, out=None):
        self.lang, self.work_root = lang, work_root
        self.out = out or sys.stdout

    def say(self, key: str, **values) -> None:
        print(MESSAGES[self.lang][key].format(**values), file=self.out, flush=True)

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(ROOT).as_posix()
        except ValueError:
            return path.as_posix()

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
        width = max((len(e.name) for e in exercises), default=0)
        for e in exercises:
            print(f"  {e.name:<{width}}  {e.titles[self.lang]}  [{self.status(e)}]", file=self.out)
        return 0

    def ensure_copy(self, exercise: Exercise) -> bool:
        """Copy the starter to the reader's folder unless it is there. True if it was copied."""
        folder = exercise.work(self.work_root)
        if folder.exists():
            return False  # never overwrite the reader's work (only --reset does, keeping a backup)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(exercise.starter, folder, ignore=shutil.ignore_patterns("__pycache__"))
        self.say("copied", path=self.shown(folder))
        return True

    def reset(self, exercise: Exercise) -> None:
        folder = exercise.work(self.work_root)
        if folder.exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
            backup = self.work_root / BACKUPS / f"{exercise.topic}-{exercise.framework}-{stamp}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, backup)
            shutil.copytree(exercise.starter, folder, ignore=shutil.ignore_patterns("__pycache__"))
            self.say("reset", path=self.shown(folder), backup=self.shown(backup))
        else:
            self.ensure_copy(exercise)

    def solution(self, exercise: Exercise) -> int:
        folder = exercise.work(self.work_root)
        self.say("solution_header", path=self.shown(folder))
        names = sorted(set(exercise.reference_files()) | {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                                                          if p.is_file() and "__pycache__" not in p.parts})
        same = True
        for name in names:
            mine, ref = folder / name, exercise.reference(name)
            lines = [p.read_text(encoding="utf-8").splitlines(keepends=True) if p.is_file() else [] for p in (mine, ref)]
            diff = list(difflib.unified_diff(*lines, fromfile=f"{self.shown(folder)}/{name}",
                                             tofile=self.shown(ref)))
            same = same and not diff
            self.out.writelines(line if line.endswith("\n") else line + "\n" for line in diff)
        if same:
            self.say("solution_same")
        return 0

    def check(self, exercise: Exercise, **limits) -> int:
        folder = exercise.work(self.work_root)
        self.say("working_in", name=exercise.name, path=self.shown(folder))
        result = run_checks(exercise, folder, **limits)
        self._remember(exercise, result)
        m = MESSAGES[self.lang]
        if result.timed_out:
            self.say("run_timeout", seconds=limits.get("run_timeout", RUN_TIMEOUT))
            return 1
        if result.broken:
            self.say("broken", where=result.broken[0])
            return 1
        if not result.checks:
            self.say("no_checks", detail=(result.output.strip().splitlines() or ["?"])[-1])
            return 1
        for check in result.checks:
            if check["outcome"] == "passed":
                print(f"  \u2713 {m['passed']:<8} {check['name']}", file=self.out)
                continue
            detail = (m["check_timeout"].format(seconds=limits.get("check_timeout", CHECK_TIMEOUT))
                      if check["outcome"] == "timeout" else check["message"])
            print(f"  \u2717 {m[check['outcome']]:<8} {check['name']}: {detail}", file=self.out)
            hint = exercise.hints.get(check["name"], {}).get(self.lang)
            if hint:
                print(f"      {m['hint']}: {hint}", file=self.out)
        if result.ok:
            self.say("summary_ok", total=len(result.checks), command=exercise.command())
            return 0
        self.say("summary_fail", passed=result.passed, total=len(result.checks))
        return 1

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
        except KeyboardInterrupt:
            return 0


# --------------------------------------------------------------------------- CI: every exercise is honest


@dataclass
class Verdict:
    exercise: Exercise
    starter_ok: bool  # the starter loads and fails exactly its intended checks
    solution_ok: bool  # the solution passes every check, without a warning
    mismatches: list[str]


def verify(exercise: Exercise) -> Verdict:
    """Run the starter and the solution of one exercise and say whether each behaves as intended."""
    starter = run_checks(exercise, exercise.starter, **CI_LIMITS)
    with tempfile.TemporaryDirectory(prefix="solution-") as tmp:
        solved = Path(tmp) / "app"  # the starter with solution/'s files over it, as a reader would have it
        shutil.copytree(exercise.starter, solved, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(exercise.solution, solved, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        solution = run_checks(exercise, solved, strict=True, **CI_LIMITS)
    out = []
    starter_ok = not starter.broken and not starter.timed_out and sorted(starter.failed) == sorted(exercise.starter_fails)
    if not starter_ok:
        got = starter.broken or (["timeout"] if starter.timed_out else starter.failed) or ["nothing"]
        out.append(MISMATCH_STARTER.format(name=exercise.name, expected=", ".join(exercise.starter_fails), got="; ".join(got)))
    if not solution.ok:
        details = solution.broken or (["timeout"] if solution.timed_out else
                                      [f"{c['name']} ({c['message']})" for c in solution.checks if c["outcome"] != "passed"])
        out.append(MISMATCH_SOLUTION.format(name=exercise.name, got="; ".join(details) or solution.output.strip()[-500:]))
    return Verdict(exercise, starter_ok, solution.ok, out)


def check_all(exercises: list[Exercise], workers: int | None = None, out=None) -> int:
    """Verify every exercise; print each mismatch and one summary line. 0 only if all are honest."""
    out = out or sys.stdout
    trouble = problems(exercises)
    if trouble:
        print(DATA_PROBLEMS, *trouble, sep="\n  ", file=out)
    with ThreadPoolExecutor(max_workers=workers or max(1, min(4, os.cpu_count() or 1))) as pool:
        verdicts = list(pool.map(verify, exercises))
    for verdict in verdicts:
        for line in verdict.mismatches:
            print(line, file=out)
    print(CHECK_ALL_SUMMARY.format(total=len(exercises), starters=sum(v.starter_ok for v in verdicts),
                                   solutions=sum(v.solution_ok for v in verdicts)), file=out)
    return 1 if trouble or not exercises or any(v.mismatches for v in verdicts) else 0


# --------------------------------------------------------------------------- command line


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 dev.py exercise", description="The guide's exercises.")
    p.add_argument("name", nargs="?", help="an exercise (`routing`) or one framework's version (`routing/flask`)")
    p.add_argument("--reset", action="store_true", help="start over from the starter (your copy is kept in a backup)")
    p.add_argument("--solution", action="store_true", help="show how your copy differs from the reference solution")
    p.add_argument("--watch", action="store_true", help="run the checks again whenever you save")
    p.add_argument("--lang", choices=LANGUAGES, help="the language of the messages (default: from $LANG)")
    p.add_argument("--check-all", action="store_true", help="CI: every starter fails as intended, every solution passes")
    return p


def main(argv: list[str], work_root: Path = WORK, out=None, **limits) -> int:
    args = parser().parse_args(argv)
    exercises = load_all()
    if args.check_all:
        return check_all(exercises, out=out)
    reader = Reader(language(args.lang), work_root, out)
    if not args.name:
        return reader.list(exercises)
    chosen = select(args.name, exercises)
    if not chosen:
        topic, _, framework = args.name.partition("/")
        same_topic = select(topic, exercises)
        if same_topic and framework:
            reader.say("unknown_framework", name=topic, framework=framework, names=", ".join(e.name for e in same_topic))
        else:
            reader.say("unknown", name=args.name, names=", ".join(topics(exercises)))
        return 2
    for exercise in chosen:
        if args.reset:
            reader.reset(exercise)
        else:
            reader.ensure_copy(exercise)
    if args.solution:
        return max(reader.solution(e) for e in chosen)
    if args.watch:
        return reader.watch(chosen, **limits)
    return max(reader.check(e, **limits) for e in chosen)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
