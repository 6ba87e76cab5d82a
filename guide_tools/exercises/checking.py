"""Running an exercise's checks: one pytest subprocess per copy (plugin.py writes the results as
JSON), or one process start for many copies (batch.py), each check and the whole run under a time
limit; the result as `Result`."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.exercises.catalog import CAUSE_RE, CHECK_TIMEOUT, Exercise, PYTEST_CONFIG, ROOT, RUN_TIMEOUT
from guide_tools.exercises.texts import MESSAGES

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


