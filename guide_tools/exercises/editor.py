"""The exercises' code editor, bundled at build time: CodeMirror 6 from npm, never from a CDN.

    python3 -m guide_tools.exercises.editor     # bundle (or reuse) and print its size

guide_tools/exercises/editor/ holds package.json, package-lock.json (every package pinned by its
sha512 integrity, esbuild included) and entry.js. `npm ci --ignore-scripts` installs exactly the
lock into `.cache/editor/<digest>/` (npm checks each tarball's integrity; the npm cache is
`.cache/editor/npm/`), and esbuild bundles entry.js into one minified file, published at
assets/exercises/editor.js. The digest is that of the three files: an unchanged lock reuses the
bundle, and no network is needed once it is cached. No node_modules in git.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from guide_tools.runtime.assemble import RuntimeUnavailable

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(__file__).with_name("editor")
INPUTS = ("package.json", "package-lock.json", "entry.js")
CACHE = Path(os.environ.get("SIDE_BY_SIDE_EDITOR_CACHE") or ROOT / ".cache" / "editor")
BUNDLE = "editor.js"


def digest() -> str:
    h = hashlib.sha256()
    for name in INPUTS:
        h.update(name.encode() + b"\0" + (SOURCE / name).read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _run(argv: list[str], cwd: Path, what: str) -> None:
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        last = ([line for line in (result.stderr or result.stdout).splitlines() if line.strip()] or ["no output"])[-1]
        raise RuntimeUnavailable(f"{what} failed ({last}): check the connection to the npm registry and build again")


def bundled() -> Path:
    """The bundled editor for the current lock (built now if it is not cached)."""
    target = CACHE / digest() / BUNDLE
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeUnavailable("npm is not installed, and the exercises' editor is bundled from npm packages "
                                 "(CodeMirror 6): install Node.js with npm (`apt-get install npm`)")
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
    try:
        for name in INPUTS:
            shutil.copy2(SOURCE / name, work / name)
        _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--cache", str(CACHE / "npm")], work,
             "`npm ci` of the exercises' editor (guide_tools/exercises/editor/package-lock.json)")
        esbuild = work / "node_modules" / ".bin" / "esbuild"
        _run([str(esbuild), "entry.js", "--bundle", "--minify", "--format=iife", "--target=es2020",
              "--legal-comments=eof", f"--outfile={BUNDLE}"], work, "esbuild, bundling the exercises' editor")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / BUNDLE, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in CACHE.iterdir():  # keep the current bundle and npm's cache only
        if old.is_dir() and old.name not in {target.parent.name, "npm"} and not old.name.startswith("building-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


def publish(site_assets: Path) -> Path:
    target = site_assets / "exercises" / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(bundled(), target)
    return target


def main() -> int:
    try:
        path = bundled()
    except RuntimeUnavailable as problem:
        print(f"exercise editor: {problem}", file=sys.stderr)
        return 1
    import gzip

    data = path.read_bytes()
    print(f"exercise editor: {path} ({len(data) / 1e3:.0f} kB, {len(gzip.compress(data, 6)) / 1e3:.0f} kB gzipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
