"""The Korean face, IBM Plex Sans KR: assembled at build time from its npm package, like the browser
runtime (guide_tools/runtime/assemble.py), and published at <site>/assets/fonts/kr/.

    python3 -m guide_tools.website.fonts     # assemble (or reuse) and print what it holds

IBM Plex Sans and Mono (Latin, Cyrillic) are ten small files committed in docs/assets/fonts/. The
Korean family is not: Fontsource's package (`@fontsource/ibm-plex-sans-kr`, SIL OFL) cuts each
weight into 94 unicode-range slices, 0.5 MB per weight in all, of which a page downloads only the
slices holding the characters it shows. The package is fetched once with `npm pack`, checked against
its pinned integrity and cached in `.cache/fonts/`; the build copies the two weights the site uses
(400 for text and headings, 700 for bold: WEIGHTS), as woff2, with a stylesheet of their @font-face
rules as Fontsource publishes them (`font-display: swap`, its unicode ranges). Only Korean pages
link that stylesheet (overrides/main.html). No network is needed once the package is cached; a
package that cannot be had stops the build with one line saying what to do.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("SIDE_BY_SIDE_FONT_CACHE") or ROOT / ".cache" / "fonts")

PACKAGE = "@fontsource/ibm-plex-sans-kr"
VERSION = "5.3.0"
INTEGRITY = "sha512-Malq1TQAnpPHASG76fAthnCY0E41py2r7pZ5JEjgmGfA5tVGz7gwBfvrkhPvT3ZmyMobQrJakHhKZVuXQp7FjQ=="
FAMILY = "IBM Plex Sans KR"
WEIGHTS = (400, 700)
STYLESHEET = "ibm-plex-sans-kr.css"
SITE_FOLDER = "assets/fonts/kr"  # under the site's root, shared by every language

# One @font-face of Fontsource's weight stylesheets, with the comment that names its slice:
# "ibm-plex-sans-kr-[12]-400-normal" (a numbered slice of the Korean subsets) or
# "ibm-plex-sans-kr-latin-400-normal" (Latin, which IBM Plex Sans serves: left out).
FACE = re.compile(r"/\* (?P<name>ibm-plex-sans-kr-\[(?P<slice>\d+)\]-(?P<weight>\d+)-normal) \*/\s*@font-face \{(?P<body>[^}]*)\}")
RANGE = re.compile(r"unicode-range:\s*(?P<range>[^;]+);")


class FontUnavailable(Exception):
    """One line: what could not be had, and what to do."""


def _integrity_ok(data: bytes) -> bool:
    algorithm, _, expected = INTEGRITY.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def package(npm: str | None = None) -> bytes:
    """The package's tarball: cached, or through `npm pack`, checked against its pinned integrity."""
    path = CACHE / "downloads" / f"fontsource-ibm-plex-sans-kr-{VERSION}.tgz"
    if path.is_file() and _integrity_ok(data := path.read_bytes()):
        return data
    npm = npm or shutil.which("npm")
    what = f"{PACKAGE}@{VERSION}"
    if npm is None:
        raise FontUnavailable(f"npm is not installed, and the Korean pages' font comes from the npm package {what}: "
                              "install Node.js with npm (`apt-get install npm`) and build again")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            result = subprocess.run([npm, "pack", what, "--pack-destination", tmp, "--silent"],
                                    capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise FontUnavailable(f"`npm pack {what}` could not run ({error}): check npm and the connection to the "
                                  "npm registry, and build again") from None
        packed = sorted(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or not packed:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise FontUnavailable(f"`npm pack {what}` failed ({last}): check the connection to the npm registry "
                                  "and build again (the package is cached in .cache/fonts/ once fetched)")
        data = packed[0].read_bytes()
    if not _integrity_ok(data):
        raise FontUnavailable(f"the npm package {what} differs from its pinned integrity "
                              "(guide_tools/website/fonts.py): do not use it")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    return data


def faces(data: bytes) -> tuple[str, dict[str, bytes]]:
    """The stylesheet of the Korean slices of WEIGHTS, and their woff2 files by name."""
    rules, files = [f"/* {FAMILY}: {PACKAGE} {VERSION} (SIL OFL), Korean slices, weights "
                    f"{', '.join(map(str, WEIGHTS))} (guide_tools/website/fonts.py) */"], {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for weight in WEIGHTS:
            css = archive.extractfile(f"package/{weight}.css").read().decode()
            found = [face for face in FACE.finditer(css) if int(face["weight"]) == weight]
            if not found:
                raise FontUnavailable(f"{PACKAGE} {VERSION}: {weight}.css has no numbered slices; "
                                      "the package's layout changed, see guide_tools/website/fonts.py")
            for face in found:
                name = f"{face['name']}.woff2".replace(f"[{face['slice']}]", face["slice"])
                files[name] = archive.extractfile(f"package/files/{name}").read()
                unicode_range = RANGE.search(face["body"])["range"].strip()
                rules.append(f'@font-face{{font-family:"{FAMILY}";font-style:normal;font-display:swap;'
                             f'font-weight:{weight};src:url("{name}") format("woff2");unicode-range:{unicode_range}}}')
        license_text = archive.extractfile("package/LICENSE").read()
    files["LICENSE-ibm-plex-sans-kr.txt"] = license_text
    return "\n".join(rules) + "\n", files


def assembled() -> Path:
    """`.cache/fonts/<digest>/`: the stylesheet and the files, made once per pin and weights."""
    digest = hashlib.sha256(f"{INTEGRITY} {WEIGHTS} {FACE.pattern}".encode()).hexdigest()[:16]
    out = CACHE / digest
    if (out / STYLESHEET).is_file():
        return out
    stylesheet, files = faces(package())
    building = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
    for name, data in files.items():
        (building / name).write_bytes(data)
    (building / STYLESHEET).write_text(stylesheet, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    building.rename(out)
    return out


def publish(site_root: Path) -> Path:
    """Copy the assembled face to <site>/assets/fonts/kr/ (hard links where the file system allows)."""
    source = assembled()
    target = site_root / SITE_FOLDER
    stamp = target / ".digest"
    if stamp.is_file() and stamp.read_text() == source.name:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)
    stamp.write_text(source.name)
    return target


def main() -> int:
    try:
        folder = assembled()
    except FontUnavailable as problem:
        print(f"Korean font: {problem}", file=sys.stderr)
        return 1
    woff2 = sorted(folder.glob("*.woff2"))
    print(f"{FAMILY} {VERSION}: {len(woff2)} files, {sum(p.stat().st_size for p in woff2):,} bytes, in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
