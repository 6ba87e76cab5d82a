#!/usr/bin/env python3
"""Side by Side: one entry point for readers, writers and CI. Needs only Python 3.11+.

    python3 dev.py serve            the site at http://127.0.0.1:8000 (PORT=... for another port)
    python3 dev.py serve --lang ko  one language (en, ko or ru), at its address (/ko/): sooner, edits in seconds; -v: build log
    python3 dev.py test             every test, on both stacks (LTS floor, then latest): see below
    python3 dev.py test --stack lts|latest [PYTEST ARGS]    one stack only (paths, -k, -m select tests)
    python3 dev.py test --update-outputs    rewrite the captured outputs (then review the diff)
    python3 dev.py fast             the fast run: snippets and guardrails, no build, no servers
    python3 dev.py stacks           the two stacks: their Python and Django, and where their environments are
    python3 dev.py upgrade-check    re-lock to the newest releases, run the latest stack, report what broke
    python3 dev.py build            the three-language site into site/, strictly
    python3 dev.py shell [--stack latest] [CMD...]   a shell (or CMD) inside a stack's environment
    python3 dev.py i18n-stamp PAGE...       record that translated pages match their English page
    python3 dev.py check-links      check the links to other sites (needs the internet)
    python3 dev.py timings          serve --lang, the strict build, the fast and full runs per stack: wall and CPU time
    python3 dev.py lighthouse       Lighthouse scores and page sizes (needs Chromium and npm; offline)
    python3 dev.py runtime-figures  Run in the browser: bytes and seconds to the first result, a second Run, the next page
    python3 dev.py bench [ARGS...]  the framework benchmark, micro-benchmarks, charts and tables (long; idle machine)
    python3 dev.py exercise [NAME]  the chapters' exercises: list them, or check your copy of one (--help for more)
    python3 dev.py mutate PAGE|--changed|--sample N --seed S   do the tests notice when a shown line changes? (--help)
    python3 dev.py corpus-web [PYTEST ARGS]   every wrong solution of the exercises checkable on the page, in the browser (long)

The first run installs a pinned uv into .tools/ (unless that uv is already on PATH), and uv
installs the locked dependencies (uv.lock) into .venv/. Nothing else needs to be installed by hand.

Two stacks, both locked in uv.lock (contributing/snippets-and-outputs.md, "Two stacks"):
    lts      the LTS floor: Django 5.2 LTS on the oldest Python found (3.11+), in .venv/
    latest   Django 6.x and the newest of everything else, on the newest Python found (3.12+),
             in .venv-latest/
`test` runs every test on the floor and every test but the browser pass on the latest stack.
Without a Python 3.12+ the latest stack is left out with a how-to (under CI=true that fails).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import NamedTuple

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
    TOOLS.parent.mkdir(parents=True, exist_ok=True)
    # Two commands started at once on a fresh clone (serve in one terminal, test in another) would
    # both install it, and the second crashed on the first's half-made .tools/: one installs, the
    # other waits for it.
    with _locked(TOOLS.parent / f".{TOOLS.name}.lock"):
        if not exe.exists():
            print(f"dev.py: installing uv {UV_VERSION} into {TOOLS.relative_to(ROOT)}/ (first run only)", flush=True)
            venv.create(TOOLS, with_pip=True)
            python = bindir / ("python.exe" if os.name == "nt" else "python")
            subprocess.run(
                [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"uv=={UV_VERSION}"],
                check=True,
            )
    return str(exe)


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock on `path` for the block (POSIX); on Windows, no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("UV_SYSTEM_CERTS", "1")  # use the system's CA store (needed behind TLS-inspecting proxies)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2; see contributing/site-build.md
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


class Stack(NamedTuple):
    name: str
    group: str  # the dependency group in pyproject.toml that picks its Django
    venv: str  # its environment, relative to the project
    oldest: tuple[int, int]  # the Pythons it accepts, and which one it prefers
    prefer_newest: bool
    summary: str


STACKS = {
    "lts": Stack("lts", "lts", ".venv", (3, 11), False, "the LTS floor: Django 5.2 LTS on the oldest Python"),
    "latest": Stack("latest", "latest", ".venv-latest", (3, 12), True, "Django 6.x and the newest releases on the newest Python"),
}
HOW_TO_GET_PYTHON = (
    "install one with `uv python install 3.13` (uv downloads it), `pyenv install 3.13`, "
    "or your system's packages (e.g. apt-get install python3.13), then run the command again"
)


def _python_version(exe: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [exe, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True, timeout=20
        ).stdout.split()
        return (int(out[0]), int(out[1])) if len(out) == 2 else None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


@functools.cache
def _pythons() -> dict[tuple[int, int], str]:
    """Every CPython 3.11+ this machine has: the one running dev.py, python3.X on PATH, pyenv's."""
    candidates = [sys.executable]
    candidates += [found for minor in range(11, 30) if (found := shutil.which(f"python3.{minor}"))]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(str(p) for p in pyenv_root.glob("versions/3.*/bin/python3") if p.is_file())
    found: dict[tuple[int, int], str] = {}
    for exe in candidates:
        real = os.path.realpath(exe)
        version = _python_version(real)
        if version and version >= (3, 11) and version not in found:
            found[version] = real
    return found


def python_for(stack: Stack) -> str | None:
    """The interpreter a stack runs on: the newest or the oldest Python it accepts."""
    versions = sorted(v for v in _pythons() if v >= stack.oldest)
    if not versions:
        return None
    return _pythons()[versions[-1] if stack.prefer_newest else versions[0]]


def in_env(*command: str, cwd: Path = ROOT, env: dict[str, str] | None = None, stack: str = "lts") -> int:
    """Run `command` inside a stack's locked environment (created or updated first), in `cwd`.

    Ctrl+C reaches the command too (the terminal signals the whole process group): this process
    waits for it to end as it chooses, instead of dying with a traceback. 130 if SIGINT ended it."""
    chosen = STACKS[stack]
    python = python_for(chosen) if stack != "lts" else (python_for(chosen) or sys.executable)
    if python is None:
        print(f"dev.py: the {stack} stack needs Python {'.'.join(map(str, chosen.oldest))} or newer, "
              f"and this machine has none: {HOW_TO_GET_PYTHON}.", file=sys.stderr)
        return 2
    # --project: the project is found from ROOT whatever `cwd` is (`dev.py shell` keeps the caller's).
    stamp, compiled_for = _bytecode_stamp(chosen, python)
    compile_now = _read(stamp) != compiled_for
    argv = [uv(), "run", "--project", str(ROOT), "--locked", "--python", python, "--no-default-groups",
            "--group", "dev", "--group", chosen.group, *(["--compile-bytecode"] if compile_now else []),
            "--", *command]
    extra = {"UV_PROJECT_ENVIRONMENT": str(ROOT / chosen.venv)}
    proc = subprocess.Popen(argv, cwd=cwd, env={**environment(), **extra, **(env or {})})
    while True:
        try:
            code = proc.wait()
            break
        except KeyboardInterrupt:
            continue  # the command got the same SIGINT; its exit is its own (mkdocs serve shuts down)
    if code in (0, 128 + signal.SIGINT, -signal.SIGINT) and compile_now and stamp.parent.is_dir():  # Ctrl+C ends serve
        stamp.write_text(compiled_for, encoding="utf-8")
    return 128 + signal.SIGINT if code == -signal.SIGINT else code


def _bytecode_stamp(chosen: Stack, python: str) -> tuple[Path, str]:
    """Where a stack's environment records the uv.lock and Python its packages were compiled for,
    and what it should say now.

    uv installs packages without their bytecode (__pycache__/*.pyc), and environment()'s
    PYTHONDONTWRITEBYTECODE, which keeps __pycache__ out of snippets/ and the reader's exercise
    folders, means no process writes it either: every Python the tests start (xdist workers,
    servers, exercise checks, the site build) compiled every module it imported, about half of a
    test run's CPU. So uv compiles the environment's packages once per uv.lock and Python
    (--compile-bytecode); on every command it would cost a check of each file, about a second."""
    lock = ROOT / "uv.lock"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else ""
    return ROOT / chosen.venv / ".side-by-side-bytecode", f"{digest} {os.path.realpath(python)}\n"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def serve(args: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from guide_tools.devtools import devloop

    try:
        lang, verbose, rest = devloop.serve_options(args)
    except devloop.UsageError as error:
        print(error, file=sys.stderr)
        return 2
    argv, env, hint = devloop.serve_command(lang, f"127.0.0.1:{os.environ.get('PORT', '8000')}", rest, verbose)
    print(hint, flush=True)
    if argv[0] == "mkdocs":  # Ctrl+C, the way to stop it, ends it quietly (guide_tools/devtools/interrupt.py)
        argv = ["python", "-m", "guide_tools.devtools.interrupt", *argv]
    return in_env(*argv, env=engine_env(env))


BROWSER_TESTS = "tests/browser"


def _stack_option(args: list[str]) -> tuple[list[str] | None, list[str]]:
    """`--stack NAME` (or `--stack=NAME`) out of args: the stacks asked for, and the rest."""
    rest, chosen = [], None
    it = iter(args)
    for arg in it:
        if arg == "--stack" or arg.startswith("--stack="):
            name = arg.partition("=")[2] or next(it, "")
            if name not in STACKS:
                raise SystemExit(f"dev.py: unknown stack {name!r}; the stacks are: {', '.join(STACKS)}")
            chosen = [*(chosen or []), name]
        else:
            rest.append(arg)
    return chosen, rest


def _versions(stack: str) -> str:
    """'Python 3.13.0, Django 6.1.3' as installed in a stack's environment."""
    exe = ROOT / STACKS[stack].venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    try:
        return subprocess.run(
            [str(exe), "-c", "import sys, django; print(f'Python {sys.version.split()[0]}, Django {django.__version__}')"],
            capture_output=True, text=True, timeout=60,
        ).stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def _one_stack(stack: str, args: list[str], browser: bool) -> int:
    """One stack: the suite, then (if asked) the browser tests in processes of their own.

    One process for both stalled CI twice: a worker spun at 100 % CPU inside Playwright's sync API
    when greenlet destroyed the greenlets of a thread an earlier test had left (a pending call that
    ran Python code: CPython 3.11 never finishes it). In their own processes the browser tests have
    no such threads. Selecting tests (paths, -k, -m) runs one pass, as asked."""
    parallel = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args) else ["-n", "auto", "--dist", "loadgroup"]
    selecting = any(a in {"-k", "-m", "--lf", "--deselect"} or Path(a.split("::")[0]).exists() for a in args)
    if selecting:
        return in_env("pytest", *parallel, *_times(stack, "selected"), *args, stack=stack)
    suite = in_env("pytest", *parallel, f"--ignore={BROWSER_TESTS}", *_times(stack, "suite"), *args, stack=stack)
    if not browser:
        return suite
    print(f"\ndev.py: the browser tests ({BROWSER_TESTS}), in processes of their own", flush=True)
    browser_run = in_env("pytest", *parallel, BROWSER_TESTS, "--no-cov", *_times(stack, "browser"), *args,
                         env={"SIDE_BY_SIDE_PASS": "browser"}, stack=stack)
    return suite or browser_run


def _times(stack: str, run: str) -> list[str]:
    """With SIDE_BY_SIDE_TIMES=FOLDER (.ci/run sets it), each pass writes FOLDER/STACK-PASS.xml, which
    guide_tools/devtools/run_times.py sums into where the time went."""
    folder = os.environ.get("SIDE_BY_SIDE_TIMES")
    return [f"--junitxml={Path(folder).resolve() / f'{stack}-{run}.xml'}"] if folder else []


def test(args: list[str]) -> int:
    """Every test on the LTS floor, then every test but the browser pass on the latest stack.

    The browser tests check the built site, which is the same HTML whatever Django runs the
    snippets, so they run once. `--stack NAME` runs one stack (everything, browser tests included)."""
    chosen, args = _stack_option(args)
    stacks = chosen or list(STACKS)
    results = []
    for stack in stacks:
        if stack != "lts" and python_for(STACKS[stack]) is None:
            message = (f"the {stack} stack ({STACKS[stack].summary}) needs Python "
                       f"{'.'.join(map(str, STACKS[stack].oldest))}+, and this machine has none: {HOW_TO_GET_PYTHON}")
            if chosen or os.environ.get("CI") == "true":
                print(f"dev.py: {message}.", file=sys.stderr)
                results.append((stack, "no interpreter", 0.0, 2))
                continue
            print(f"\ndev.py: left out {message}.", flush=True)
            results.append((stack, "left out: no Python 3.12+", 0.0, 0))
            continue
        if len(stacks) > 1:
            print(f"\ndev.py: ===== the {stack} stack: {STACKS[stack].summary} =====", flush=True)
        start = time.perf_counter()
        code = _one_stack(stack, args, browser=bool(chosen) or stack == "lts")
        results.append((stack, _versions(stack), time.perf_counter() - start, code))
    if len(stacks) > 1:
        print("\ndev.py: stacks")
        for stack, versions, seconds, code in results:
            verdict = "passed" if code == 0 else f"FAILED (exit code {code})"
            print(f"  {stack:<7} {versions:<32} {seconds / 60:5.1f} min  {verdict}")
    return next((code for *_, code in results if code), 0)


def fast(args: list[str]) -> int:
    return test(["-m", "not slow", *args])


def upgrade_check(args: list[str]) -> int:
    """The weekly run: uv.lock re-resolved to the newest releases, the latest stack's suite run on
    it, and a report of what moved and which pages broke (guide_tools/devtools/upgrade_report.py)."""
    lock = ROOT / "uv.lock"
    before = ROOT / ".tools" / "uv.lock.before-upgrade"
    junit = ROOT / ".tools" / "upgrade-check.xml"
    before.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(lock, before)
    junit.unlink(missing_ok=True)
    if subprocess.call([uv(), "lock", "--upgrade"], cwd=ROOT, env=environment()):
        print("dev.py: `uv lock --upgrade` failed: the newest releases do not resolve together (above).", file=sys.stderr)
        return 1
    if python_for(STACKS["latest"]) is None:
        print(f"dev.py: the latest stack needs Python 3.12+: {HOW_TO_GET_PYTHON}.", file=sys.stderr)
        return 2
    code = _one_stack("latest", [f"--junitxml={junit}", *args], browser=False)
    in_env("python", "-m", "guide_tools.devtools.upgrade_report", str(before), str(lock), str(junit), stack="latest")
    in_env("python", "-m", "guide_tools.runtime.assemble", "--newer", stack="latest")  # Pyodide is pinned apart from uv.lock
    print(f"dev.py: uv.lock now holds the newest releases (the lock before is {before.relative_to(ROOT)}). "
          + ("They pass: commit uv.lock." if code == 0 else
             "See contributing/snippets-and-outputs.md, 'When the newest releases break a page'; `git checkout uv.lock` undoes the upgrade."))
    return code


def stacks(args: list[str]) -> int:
    """The stacks, their interpreters and their environments (installed if missing)."""
    for name, stack in STACKS.items():
        python = python_for(stack)
        where = f"{python}" if python else f"no Python {'.'.join(map(str, stack.oldest))}+ here: {HOW_TO_GET_PYTHON}"
        print(f"{name:<7} {stack.summary}\n        interpreter: {where}\n        environment: {stack.venv}/")
        if python:
            in_env("python", "-c", "pass", stack=name)
            print(f"        installed: {_versions(name)}")
    return 0


def engine_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The site's engine imports the project's Markdown extensions (mkdocs.yml's
    `guide_tools.website.quiz`) while it reads mkdocs.yml, before the hook runs: the project goes on
    its PYTHONPATH (guide_tools/website/sitebuild.py's build_env does the same for the tests)."""
    env = dict(env or {})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def build(args: list[str]) -> int:
    return in_env("mkdocs", "build", "--strict", *args, env=engine_env())


def shell(args: list[str]) -> int:
    """A shell or CMD in a stack's environment, in the caller's working directory (a page's command
    for the reader's copy, `django-admin ... --pythonpath .`, runs from inside that copy)."""
    chosen, args = _stack_option(args)
    command = args or [os.environ.get("SHELL", "bash")]
    if not args:
        print("dev.py: entering the project environment; `exit` to leave.", flush=True)
    return in_env(*command, cwd=Path.cwd(), stack=(chosen or ["lts"])[-1])


def i18n_stamp(args: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from guide_tools.website import content

    usage = ("usage: python3 dev.py i18n-stamp docs/ko/compare/routing.md [more pages]\n"
             "Records, in each Korean or Russian page, the English page it now matches (a hash of its text),\n"
             "after you brought the translation up to date; the tests name the pages whose English changed since.")
    if not args or args[0] in ("-h", "--help"):
        print(usage, file=sys.stderr if not args else sys.stdout)
        return 2 if not args else 0
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
    from guide_tools.website import links

    return links.main(args)


def lighthouse(args: list[str]) -> int:
    return in_env("python", str(ROOT / "guide_tools" / "devtools" / "lighthouse.py"), *args)


def runtime_figures(args: list[str]) -> int:
    return in_env("python", "-m", "guide_tools.runtime.figures", *args)


def timings(args: list[str]) -> int:
    """The local loop's timings (guide_tools/devtools/timings.py): serve --lang, the strict build, and the fast
    and the full run on each stack, in wall and CPU time. Prints figures, asserts nothing."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from guide_tools.devtools import timings as report

    in_env("python", "-c", "pass")  # make sure the environment exists before timing anything
    rows = []
    with tempfile.TemporaryDirectory(prefix="sbs-timings-") as tmp:
        figures = Path(tmp) / "site.json"
        code = in_env("python", "-m", "guide_tools.devtools.timings", "site", "--json", str(figures), *args)
        rows += report.load(figures) if figures.exists() else [report.Timing("serve and build timings", 0.0, None, code)]
        for stack in STACKS:
            if python_for(STACKS[stack]) is None:
                print(f"dev.py timings: the {stack} stack is left out: no Python {'.'.join(map(str, STACKS[stack].oldest))}+ here.")
                continue
            quiet = ["-q", "-p", "no:cacheprovider"]
            rows.append(report.timed(f"fast run, {stack} stack", lambda: _one_stack(stack, ["-m", "not slow", *quiet], browser=False)))
            # An empty site cache: the full run builds the site once, as in a fresh clone.
            os.environ["SIDE_BY_SIDE_SITE_CACHE"] = str(Path(tmp) / f"site-cache-{stack}")
            browser = stack == "lts"  # as `dev.py test` runs them
            rows.append(report.timed(f"full run, {stack} stack{'' if browser else ' (no browser pass)'}",
                                     lambda: _one_stack(stack, quiet, browser=browser)))
            os.environ.pop("SIDE_BY_SIDE_SITE_CACHE")
    print("\nTimings on this machine (wall time, and CPU time: user + system of the processes it ran):")
    print(report.table(rows))
    return max(row.code for row in rows)


def bench(args: list[str]) -> int:
    """Harness (ARGS go to it), micro-benchmarks, then charts and tables from their results files."""
    steps = [("performance.bench.harness", args), ("performance.bench.micro", []), ("performance.bench.report", [])]
    for module, extra in steps:
        code = in_env("python", "-m", module, *extra, cwd=ROOT / "snippets")
        if code:
            return code
    return 0


def mutate(args: list[str]) -> int:
    """Mutation testing of the lines the pages show (guide_tools/devtools/mutate.py): on the lts
    stack, but the latest-only snippets' tests, which run in the latest stack's environment (made
    or updated here first; without it their baselines fail and say how to make it)."""
    if not {"-h", "--help", "--list", "--pages", "--tally"} & set(args) and not any(a.startswith("--tally=") for a in args):
        in_env("python", "-c", "", stack="latest")
    return in_env("python", "-m", "guide_tools.devtools.mutate", *args)


def exercise(args: list[str]) -> int:
    """The exercises (guide_tools/exercises/runner.py), inside a stack's environment (--stack; default lts)."""
    chosen, rest = _stack_option(args)
    return in_env("python", "-m", "guide_tools.exercises", *rest, stack=(chosen or ["lts"])[-1])


def corpus_web(args: list[str]) -> int:
    """Check on the page against every wrong solution (tests/browser/test_exercises_web.py): the test
    run on every commit sends a cover of each exercise's checks (guide_tools/exercises/runner.py
    covering_wrong); this sends all of them. Weekly in CI (.github/workflows/exercise-corpus.yml)."""
    return in_env("pytest", "-n", "auto", "--dist", "loadgroup", "tests/browser/test_exercises_web.py",
                  "-k", "every_checkable_exercise", "--no-cov", *args,
                  env={"SIDE_BY_SIDE_CORPUS": "full", "SIDE_BY_SIDE_PASS": "browser"})


COMMANDS = {
    "serve": serve,
    "test": test,
    "fast": fast,
    "stacks": stacks,
    "upgrade-check": upgrade_check,
    "build": build,
    "shell": shell,
    "i18n-stamp": i18n_stamp,
    "check-links": check_links,
    "timings": timings,
    "lighthouse": lighthouse,
    "runtime-figures": runtime_figures,
    "bench": bench,
    "exercise": exercise,
    "mutate": mutate,
    "corpus-web": corpus_web,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        if not argv:  # what runs in the browser, per section (guide_tools/runtime/listings.py)
            from guide_tools.runtime import listings

            print("\n".join(listings.census_lines()))
        return 0 if argv[:1] in ([], ["-h"], ["--help"]) else 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except KeyboardInterrupt:  # Ctrl+C outside a command (installing uv): end quietly
        return 128 + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
