"""`python3 dev.py timings`: how long the local loop takes on this machine. A report, not a test.

    python -m guide_tools.devtools.timings site [--json FILE] [--lang ko]

`site` (run inside the project's environment) times, on a copy of the project so that its edits
touch nothing of yours: `serve --lang` until its first page answers, an edit to a page and an edit
to a snippet that page includes until the served page shows them, and the strict three-language
build. dev.py adds the fast and the full test runs of each stack. Each figure is wall time and the CPU time of the
processes it ran (user + system): on a busy machine the first grows, the second much less.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from guide_tools.website import content
from guide_tools.devtools.devloop import serve_command, served_at
from guide_tools.website.sitebuild import build_env, copy_project

PAGE = "compare/routing.md"  # a chapter with listings: the page the serve timings edit
TIMEOUT = 600.0


@dataclass
class Timing:
    label: str
    wall: float
    cpu: float | None  # user + system seconds of the processes it ran, when known
    code: int = 0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, run: Callable[[], int]) -> Timing:
    """Wall and CPU time of `run`, which runs subprocesses and waits for them."""
    cpu, start = children_cpu(), time.perf_counter()
    code = run()
    return Timing(label, time.perf_counter() - start, children_cpu() - cpu, code)


def process_cpu(pid: int) -> float | None:
    """User + system seconds of a running process and its waited-for children (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(v) for v in fields[11:15]) / ticks  # utime, stime, cutime, cstime


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, server: subprocess.Popen, text: str | None = None) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        page = fetch(url)
        if page is not None and (text is None or text in page):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not show {text or 'a page'} within {TIMEOUT:.0f} s")


def whole_file_include(project: Path, page: str, lang: str) -> Path:
    """A snippet that `page` includes whole, in the copy (an edit to it shows on the page as it is)."""
    text = (project / "docs" / lang / page).read_text(encoding="utf-8")
    for include in content.includes(text):
        if include.section is None and include.file.endswith(".py"):
            return project / "snippets" / include.file
    raise RuntimeError(f"docs/{lang}/{page} includes no whole Python file to edit")


def serve_timings(lang: str) -> list[Timing]:
    """`dev.py serve --lang LANG` on a copy of the project: first page, page edit, snippet edit."""
    with tempfile.TemporaryDirectory(prefix="sbs-timings-") as tmp:
        project = copy_project(Path(tmp) / "project")
        address = f"127.0.0.1:{free_port()}"
        argv, env, _ = serve_command(lang, address, [])
        url = f"{served_at(lang, address)}{PAGE.removesuffix('.md')}/"
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", *argv], cwd=project, env={**build_env(), **env},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for(url, server)
            out = [Timing(f"serve --lang {lang}: first page", time.perf_counter() - start, process_cpu(server.pid))]
            edits = [("a page", project / "docs" / lang / PAGE, "\n\nsbs-timing-{n}\n"),
                     ("a snippet it includes", whole_file_include(project, PAGE, lang), "\n# sbs-timing-{n}\n")]
            for n, (what, path, line) in enumerate(edits):
                time.sleep(1.0)  # the server is idle again; file times differ from the last build's
                cpu, start = process_cpu(server.pid), time.perf_counter()
                with path.open("a", encoding="utf-8") as file:
                    file.write(line.format(n=n))
                wait_for(url, server, f"sbs-timing-{n}")
                after = process_cpu(server.pid)
                used = None if cpu is None or after is None else after - cpu
                out.append(Timing(f"serve --lang {lang}: edit {what}, until shown", time.perf_counter() - start, used))
            return out
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)


def build_timing() -> Timing:
    with tempfile.TemporaryDirectory(prefix="sbs-timings-site-") as tmp:
        argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(Path(tmp) / "site")]
        return timed("strict three-language build", lambda: subprocess.call(argv, cwd=content.ROOT, env=build_env()))


def load(path: Path) -> list[Timing]:
    return [Timing(**row) for row in json.loads(path.read_text(encoding="utf-8"))]


def table(timings: list[Timing]) -> str:
    width = max(len(t.label) for t in timings)
    lines = [f"  {'':<{width}}  {'wall':>8}  {'CPU':>8}"]
    for t in timings:
        cpu = "" if t.cpu is None else f"{t.cpu:7.1f}s"
        failed = "" if t.code == 0 else f"   (exit code {t.code})"
        lines.append(f"  {t.label:<{width}}  {t.wall:7.1f}s  {cpu:>8}{failed}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "site":
        print(__doc__, file=sys.stderr)
        return 2
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "ko"
    timings = serve_timings(lang) + [build_timing()]
    if "--json" in argv:
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps([asdict(t) for t in timings]), encoding="utf-8")
    else:
        print(table(timings))
    return max(t.code for t in timings)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
