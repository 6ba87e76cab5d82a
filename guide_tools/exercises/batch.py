"""`python -m guide_tools.exercises.batch JOBS.json`: one exercise's checks against several folders,
with one process start (guide_tools/exercises/checking.py's run_batch writes JOBS.json and reads the
reports).

Most of a check run's time is starting Python and importing pytest and the framework (0.7 s of a
0.8 s Flask run, 1.1 s of 1.4 s for FastAPI). This process imports them once, then forks a child
per folder: the child takes the folder's environment, working directory and `sys.path` (as the
subprocess of run_checks would have them) and runs pytest, which imports the reader's app and the
checks fresh, writes its report and exits. The app itself is never imported here, so no child sees
another's modules. A child that outlives the run's time limit is killed, as run_checks kills its
subprocess.

JOBS.json: {"framework": "flask", "run_timeout": 600, "jobs": [{"args": [...], "env": {...},
"cwd": "...", "path": [...], "output": "..."}]}; this writes JOBS.status.json: [{"timed_out": false,
"code": 1, "cpu": 0.41}, ...], one entry per job as it ends (cpu: the child's seconds).
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import time
from pathlib import Path

# What every run of a framework's checks imports anyway; never the reader's app or the plugin.
PREIMPORT = {
    "flask": ("flask", "werkzeug.test"),
    "fastapi": ("fastapi", "fastapi.testclient", "httpx", "pydantic"),
    "django": ("django", "django.test", "pytest_django.plugin"),
}


def _child(job: dict) -> int:
    import pytest

    drop = {"", os.getcwd(), *job["path"]}  # this process's own first entries
    os.chdir(job["cwd"])
    os.environ.clear()
    os.environ.update(job["env"])
    sys.path[:] = [*job["path"], *(p for p in sys.path if p not in drop)]
    fd = os.open(job["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    return int(pytest.main(job["args"]))


def run(job: dict, run_timeout: float) -> dict:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never return into the parent's loop
        code = 70
        try:
            code = _child(job)
        except BaseException:  # noqa: BLE001 - reported in the job's output, the report is missing
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + run_timeout
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return {"timed_out": False, "code": os.waitstatus_to_exitcode(status),
                    "cpu": round(usage.ru_utime + usage.ru_stime, 3)}  # the child's own, for measuring
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return {"timed_out": True, "code": -signal.SIGKILL}


def main(plan_file: str) -> int:
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    import pytest  # noqa: F401 - imported once, for every child
    import pytest_timeout  # noqa: F401

    for module in PREIMPORT.get(plan["framework"], ()):
        importlib.import_module(module)
    status_file = Path(plan_file).with_suffix(".status.json")
    status = []
    for job in plan["jobs"]:
        status.append(run(job, plan["run_timeout"]))
        status_file.write_text(json.dumps(status), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
