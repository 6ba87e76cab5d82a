#!/usr/bin/env python3
"""Side by Side: one entry point for readers, writers and CI. Needs only Python 3.11+.

    python3 dev.py serve            the site at http://127.0.0.1:8000 (PORT=... for another port)
    python3 dev.py test             every test: snippets, captured outputs, guardrails, site build
    python3 dev.py test --update-outputs    rewrite the captured outputs (then review the diff)
    python3 dev.py fast             the fast run: snippets and guardrails, no build, no servers
    python3 dev.py build            the three-language site into site/, strictly
    python3 dev.py shell            a shell inside the project's environment
    python3 dev.py i18n-stamp PAGE...       record that translated pages match their English page
    python3 dev.py check-links      check the links to other sites (needs the internet)
    python3 dev.py timings          wall time of the fast run, the full run and the strict build
    python3 dev.py lighthouse       Lighthouse scores and page sizes (needs Chromium and npm; offline)
    python3 dev.py bench [ARGS...]  the framework benchmark, micro-benchmarks, charts and tables (long; idle machine)
    python3 dev.py exercise [NAME]  the chapters' exercises: list them, or check your copy of one (--help for more)

The first run installs a pinned uv into .tools/ (unless that uv is already on PATH), and uv
installs the locked dependencies into .venv/. Nothing else needs to be installed by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

UV_VERSION = "0.13.9"
ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools" / f"uv-{UV_VERSION}"

if sys.version_info < (3, 11):
    sys.exit(f"Side by Side needs Python 3.11 or newer; this is {sys.version.split()[0]}.")


def _uv_version(exe: str) -> str | None:
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    parts = out.split()
    return parts[1] if len(parts) > 1 else None


def uv() -> str:
    """The pinned uv: from PATH if it is that version, else installed once into .tools/."""
    on_path = shutil.which("uv")
    if on_path and _uv_version(on_path) == UV_VERSION:
        return on_path
    bindir = TOOLS / ("Scripts" if os.name == "nt" else "bin")
    exe = bindir / ("uv.exe" if os.name == "nt" else "uv")
    if not exe.exists():
        print(f"dev.py: installing uv {UV_VERSION} into {TOOLS.relative_to(ROOT)}/ (first run only)", flush=True)
        venv.create(TOOLS, with_pip=True)
        python = bindir / ("python.exe" if os.name == "nt" else "python")
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"uv=={UV_VERSION}"],
            check=True,
        )
    return str(exe)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("UV_SYSTEM_CERTS", "1")  # use the system's CA store (needed behind TLS-inspecting proxies)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2; see CONTRIBUTING.md
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


def in_env(*command: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> int:
    """Run `command` inside the locked project environment (created or updated first)."""
    argv = [uv(), "run", "--locked", "--python", sys.executable, "--", *command]
    return subprocess.call(argv, cwd=cwd, env={**environment(), **(env or {})})


def serve(args: list[str]) -> int:
    address = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
    return in_env("mkdocs", "serve", "--dev-addr", address, *args)


BROWSER_TESTS = "tests/browser"


def test(args: list[str]) -> int:
    """Every test, in two pytest passes: the suite, then the browser tests in processes of their own.

    One process for both stalled CI twice: a worker spun at 100 % CPU inside Playwright's sync API
    when greenlet destroyed the greenlets of a thread an earlier test had left (a pending call that
    ran Python code: CPython 3.11 never finishes it). In their own processes the browser tests have
    no such threads. Selecting tests (paths, -k, -m) runs one pass, as asked."""
    parallel = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args) else ["-n", "auto", "--dist", "loadgroup"]
    selecting = any(a in {"-k", "-m", "--lf", "--deselect"} or Path(a.split("::")[0]).exists() for a in args)
    if selecting:
        return in_env("pytest", *parallel, *args)
    suite = in_env("pytest", *parallel, f"--ignore={BROWSER_TESTS}", *args)
    print(f"\ndev.py: the browser tests ({BROWSER_TESTS}), in processes of their own", flush=True)
    browser = in_env("pytest", *parallel, BROWSER_TESTS, "--no-cov", *args, env={"SIDE_BY_SIDE_PASS": "browser"})
    return suite or browser


def fast(args: list[str]) -> int:
    return test(["-m", "not slow", *args])


def build(args: list[str]) -> int:
    return in_env("mkdocs", "build", "--strict", *args)


def shell(args: list[str]) -> int:
    command = args or [os.environ.get("SHELL", "bash")]
    print("dev.py: entering the project environment; `exit` to leave.", flush=True)
    return in_env(*command)


def i18n_stamp(args: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from guide_tools import content

    if not args:
        print("usage: python3 dev.py i18n-stamp docs/ko/compare/routing.md [more pages]", file=sys.stderr)
        return 2
    status = 0
    for arg in args:
        page = Path(arg).resolve()
        try:
            lang = page.relative_to(content.DOCS).parts[0]
        except ValueError:
            lang = ""
        if lang not in content.TRANSLATIONS or not page.is_file():
            print(f"{arg}: not a translated page (docs/ko/... or docs/ru/...)", file=sys.stderr)
            status = 2
            continue
        digest = content.stamp(page)
        print(f"{content.rel(page)}: now records {content.rel(content.english_of(page))} at {digest}")
    return status


def check_links(args: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from guide_tools import links

    return links.main(args)


def lighthouse(args: list[str]) -> int:
    return in_env("python", str(ROOT / "guide_tools" / "lighthouse.py"), *args)


def timings(args: list[str]) -> int:
    """Wall time of the fast run, the full run and the strict build. Prints figures, asserts nothing."""
    runs = [
        ("fast run (pytest -m 'not slow')", lambda: fast(["-q", "-p", "no:cacheprovider"])),
        ("full run (pytest)", lambda: test(["-q", "-p", "no:cacheprovider"])),
        ("strict three-language build", lambda: build(["--quiet", "--site-dir", str(ROOT / ".tools" / "timings-site")])),
    ]
    in_env("python", "-c", "pass")  # make sure the environment exists before timing anything
    results = []
    for label, run in runs:
        start = time.perf_counter()
        code = run()
        results.append((label, time.perf_counter() - start, code))
    print("\nTimings on this machine:")
    for label, seconds, code in results:
        print(f"  {label:<34} {seconds:7.1f} s{'' if code == 0 else f'   (exit code {code})'}")
    return max(code for _, _, code in results)


def bench(args: list[str]) -> int:
    """Harness (ARGS go to it), micro-benchmarks, then charts and tables from their results files."""
    steps = [("performance.bench.harness", args), ("performance.bench.micro", []), ("performance.bench.report", [])]
    for module, extra in steps:
        code = in_env("python", "-m", module, *extra, cwd=ROOT / "snippets")
        if code:
            return code
    return 0


def exercise(args: list[str]) -> int:
    """The exercises (guide_tools/exercises.py), run inside the environment like the tests."""
    return in_env("python", "-m", "guide_tools.exercises", *args)


COMMANDS = {
    "serve": serve,
    "test": test,
    "fast": fast,
    "build": build,
    "shell": shell,
    "i18n-stamp": i18n_stamp,
    "check-links": check_links,
    "timings": timings,
    "lighthouse": lighthouse,
    "bench": bench,
    "exercise": exercise,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv[:1] in ([], ["-h"], ["--help"]) else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
