"""The strict site build, and one built site per set of inputs shared by everything that needs one.

The test suite, the browser pass (a pytest run of its own) and `python3 dev.py lighthouse` all read
the same site. `built_site()` builds it once per content hash of its inputs (every file the build
reads, the installed packages and the build's environment) into `.cache/site/<hash>/`: built in a
temporary folder beside it and renamed into place only when the build succeeded without a warning,
so no reader ever sees a half or failed build, nor one of older inputs. A `serve` never writes there
(it builds into a temp folder of its own).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from guide_tools.website.content import ROOT

# What the build reads (uv.lock: the Django versions pages name, guide_tools/devtools/stacks.py).
SITE_SOURCES = ("mkdocs.yml", "uv.lock", "docs", "snippets", "exercises", "guide_tools", "includes", "overrides")
# SIDE_BY_SIDE_SITE_CACHE: another folder (`dev.py timings` times a full run with an empty one).
CACHE = Path(os.environ.get("SIDE_BY_SIDE_SITE_CACHE") or ROOT / ".cache" / "site")
KEEP = 4  # cached sites kept (the newest); each is about 20 MB
# Environment variables the build reads (mkdocs.yml's !ENV tags). A one-language `serve` sets
# SIDE_BY_SIDE_LANG; a full build never inherits it.
SITE_URL, ONLY_LANGUAGE = "SITE_URL", "SIDE_BY_SIDE_LANG"
# `dev.py serve` without -v: the hook keeps the plugins' INFO lines out of the log (warnings stay).
QUIET_LOG = "SIDE_BY_SIDE_QUIET"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "node_modules")


class BuildFailed(Exception):
    """The strict build failed or printed warnings; the message is its output."""


def build_env(site_url: str | None = None, only_language: str | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    # The engine imports mkdocs.yml's `guide_tools.website.quiz` while it reads the file, before the
    # hook puts the project on sys.path (dev.py's engine_env does the same).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env.pop(ONLY_LANGUAGE, None)
    env.pop(SITE_URL, None)
    env.pop(QUIET_LOG, None)
    if only_language:
        env[ONLY_LANGUAGE] = only_language
    if site_url:
        env[SITE_URL] = site_url
    return env


# The engines that build the same mkdocs.yml: MkDocs, and ProperDocs (its fork, which reads mkdocs.yml
# when given with -f and runs MkDocs' plugins and themes): tests/site/test_engines.py.
ENGINES = ("mkdocs", "properdocs")


def mkdocs_build(project: Path, site_dir: Path, *, site_url: str | None = None,
                 extra: tuple[str, ...] = (), engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """`<engine> build --strict` of `project`'s mkdocs.yml (run from it, as dev.py does), output captured."""
    assert engine in ENGINES, engine
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir), *extra],
        cwd=project, env=build_env(site_url), capture_output=True, text=True, timeout=900, check=False,
    )


def problem_of(result: subprocess.CompletedProcess[str]) -> str:
    """Why a build cannot be used ("" if it can): a failure, or any warning (strict means none)."""
    if result.returncode != 0:
        return f"`{' '.join(result.args[2:4])} --strict` failed:\n{result.stderr[-6000:]}"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    return "the build printed warnings:\n" + "\n".join(warnings) if warnings else ""


def source_files(project: Path = ROOT) -> list[Path]:
    """The files of SITE_SOURCES that git does not ignore (node_modules, build output and caches are
    not the site's inputs), tracked or new."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *SITE_SOURCES],
                                cwd=project, capture_output=True, check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every file
        listed = [p.relative_to(project).as_posix() for name in SITE_SOURCES for p in (project / name).rglob("*")]
        listed += list(SITE_SOURCES)
    files = {project / name for name in listed if name}
    return sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts)


def inputs_digest(site_url: str | None = None, project: Path = ROOT) -> str:
    """A hash of what the build reads: the files, the installed distributions, Python, the site URL."""
    digest = hashlib.sha256()
    for path in source_files(project):
        digest.update(path.relative_to(project).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    distributions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join([sys.version, *distributions, f"site_url={site_url or ''}"]).encode())
    return digest.hexdigest()[:20]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    import fcntl  # POSIX; imported here so that the hooks (which import this module) build anywhere

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def built_site(site_url: str | None = None, *, cache: Path = CACHE, engine: str = "mkdocs") -> Path:
    """The site built from the current inputs (once: later callers, in any process, reuse it).
    Raises BuildFailed with the build's output when it fails or warns; a failed build is not kept.
    Another engine's build is cached beside it, keyed by the same inputs and the engine's name."""
    digest = inputs_digest(site_url) if engine == "mkdocs" else f"{engine}-{inputs_digest(site_url)}"
    site = cache / digest
    with _locked(cache / f".{digest}.lock"):  # one lock per set of inputs: other stacks build meanwhile
        if site.is_dir():
            os.utime(site)  # newest first when pruning
            return site
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="building-", dir=cache) as tmp:
            result = mkdocs_build(ROOT, Path(tmp) / "site", site_url=site_url, engine=engine)
            problem = problem_of(result)
            if problem:
                raise BuildFailed(problem)
            os.rename(Path(tmp) / "site", site)
        _prune(cache, keep=site)
    return site


def _prune(cache: Path, keep: Path) -> None:
    sites = sorted((p for p in cache.iterdir() if p.is_dir() and not p.name.startswith("building-")),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in sites if p != keep][KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)
        (cache / f".{old.name}.lock").unlink(missing_ok=True)


def copy_project(dest: Path) -> Path:
    """A copy of everything the site build reads (to break on purpose, or to edit while timing)."""
    dest.mkdir(parents=True)
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=IGNORED)
        else:
            shutil.copy2(source, dest / name)
    return dest
