"""The Korean face, IBM Plex Sans KR: assembled at build time from IBM's npm package, like the
browser runtime (guide_tools/runtime/assemble.py), cut to the Hangul the site shows, and published at
<site>/assets/fonts/kr/.

    python3 -m guide_tools.website.fonts     # fetch (or reuse) the package and print what it holds

IBM Plex Sans and Mono (Latin, Cyrillic) are ten small files committed in docs/assets/fonts/. The
Korean family is not: a whole weight is 0.8 MB, and the slices Fontsource publishes (about 100 per
weight, by unicode-range) made a Korean chapter fetch 60 to 80 small files, 350 to 430 KB, each
redrawing the page as it came. The site shows under a thousand distinct syllables, so the build
cuts each weight it serves (400 for text and headings, 700 for bold: WEIGHTS) from IBM's complete
font to exactly the characters of the built site in the Korean ranges (RANGES; fontTools), one WOFF2
file per weight (about 45 KB; WOFF's zlib made them about 15 KB larger each), the same file for every
page. fontTools encodes WOFF2 with Brotli through `brotlicffi` (the site group), not the `brotli`
package: with `brotli` installed WhiteNoise would write .br files, which the static files chapter shows
it does not (tests/compare/test_static_files.py), and WhiteNoise imports only `brotli`. Without an
encoder the build stops with one line (FontUnavailable). A character the site does not show yet (a
reader typing in an exercise's editor) falls back to the system's Hangul font.

The package (`@ibm/plex-sans-kr`, SIL OFL) is fetched once with `npm pack`, checked against its pinned
integrity and cached in `.cache/fonts/`, as are the cut files (by the characters they hold). Korean
pages declare the two faces inline (overrides/main.html, from TEMPLATE).
No network is needed once the package is cached; a package that cannot be had stops the build with
one line saying what to do.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("SIDE_BY_SIDE_FONT_CACHE") or ROOT / ".cache" / "fonts")

PACKAGE = "@ibm/plex-sans-kr"
VERSION = "1.1.0"
INTEGRITY = "sha512-oGwlBC7BYvcvOvs7d8SoumXJwNO3rjbplteyeYI7zgQmEWI+4qLdRhI/zBUO4Ioo55YymSMiMtRPqAAPZBrJqA=="
FAMILY = "IBM Plex Sans KR"
WEIGHTS = {400: "Regular", 700: "Bold"}
SOURCE = "package/fonts/complete/woff/hinted/IBMPlexSansKR-{style}.woff"  # IBM's complete, hinted face
LICENSE = "package/LICENSE.txt"
SITE_FOLDER = "assets/fonts/kr"  # under the site's root, shared by every language
LICENSE_NAME = "LICENSE-ibm-plex-sans-kr.txt"
# The Korean face draws Hangul (jamo, compatibility jamo, syllables) and the CJK punctuation and
# full-width forms a Korean sentence may hold; everything else is IBM Plex Sans's (theme.css).
RANGES = ((0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7A3),
          (0xD7B0, 0xD7FF), (0xFF00, 0xFFEF))
UNICODE_RANGE = ",".join(f"U+{low:04X}-{high:04X}" for low, high in RANGES)
# What the build reads the site's characters from: its pages, and the scripts and data they load
# (quiz, chooser, exercise hints). The browser runtime's wheels are Python, not shown text.
SCANNED = (".html", ".js", ".json")
NOT_SCANNED = ("assets/runtime/", f"{SITE_FOLDER}/")


FLAVOR = "woff2"  # the served format, as the Latin and Cyrillic faces' (docs/assets/fonts/)


def file_name(weight: int) -> str:
    return f"ibm-plex-sans-kr-{weight}.{FLAVOR}"


# What overrides/main.html needs to declare the faces on Korean pages (on_config puts it in
# config.extra): the family, the files by weight (site-relative), their format, the unicode range.
TEMPLATE = {"family": FAMILY, "range": UNICODE_RANGE, "format": FLAVOR,
            "files": {weight: f"{SITE_FOLDER}/{file_name(weight)}" for weight in WEIGHTS}}


class FontUnavailable(Exception):
    """One line: what could not be had, and what to do."""


def _integrity_ok(data: bytes) -> bool:
    algorithm, _, expected = INTEGRITY.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def package(npm: str | None = None) -> bytes:
    """The package's tarball: cached, or through `npm pack`, checked against its pinned integrity."""
    path = CACHE / "downloads" / f"ibm-plex-sans-kr-{VERSION}.tgz"
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
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as partial:  # parallel builds
        partial.write(data)
    Path(partial.name).replace(path)
    return data


def in_ranges(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in RANGES)


def site_characters(site_root: Path) -> str:
    """Every character of the Korean ranges that the built site shows (SCANNED, less NOT_SCANNED), sorted."""
    seen: set[str] = set()
    for path in site_root.rglob("*"):
        relative = path.relative_to(site_root).as_posix()
        if path.suffix in SCANNED and not relative.startswith(NOT_SCANNED) and path.is_file():
            seen |= set(path.read_text(encoding="utf-8", errors="replace"))
    return "".join(sorted(c for c in seen if in_ranges(c)))


def woff2_encoder() -> None:
    """Stop with one line when fontTools has no Brotli to write WOFF2 with."""
    from fontTools.ttLib import woff2  # the site group's fonttools: only a build needs it

    if not woff2.haveBrotli:
        raise FontUnavailable("fontTools cannot write WOFF2: brotlicffi (pyproject.toml, site group) is not installed; "
                              "build with `python3 dev.py build` or `serve`, which install it from uv.lock")


def cut(data: bytes, characters: str) -> dict[str, bytes]:
    """The WOFF2 file of each weight holding `characters` (and what draws them: ligatures, jamo
    composition), and the licence, by file name."""
    from fontTools import subset  # the site group's fonttools: only a build needs it
    from fontTools.ttLib import TTFont

    woff2_encoder()

    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for weight, style in WEIGHTS.items():
            member = SOURCE.format(style=style)
            try:
                source = archive.extractfile(member).read()
            except (KeyError, AttributeError):
                raise FontUnavailable(f"{PACKAGE} {VERSION} has no {member}: the package's layout changed, "
                                      "see guide_tools/website/fonts.py (SOURCE)") from None
            font = TTFont(io.BytesIO(source))
            options = subset.Options()
            options.flavor = FLAVOR
            options.layout_features = ["*"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=characters)
            subsetter.subset(font)
            out = io.BytesIO()
            font.flavor = FLAVOR
            font.recalcTimestamp = False  # keep the source's head.modified: the same pages give the same bytes
            font.save(out)
            files[file_name(weight)] = out.getvalue()
        files[LICENSE_NAME] = archive.extractfile(LICENSE).read()
    return files


def assembled(characters: str) -> Path:
    """`.cache/fonts/<digest>/`: the cut faces, made once per pin, weights and characters."""
    digest = hashlib.sha256(f"{INTEGRITY} {sorted(WEIGHTS)} {FLAVOR} {characters}".encode()).hexdigest()[:16]
    out = CACHE / digest
    if all((out / file_name(weight)).is_file() for weight in WEIGHTS) and (out / LICENSE_NAME).is_file():
        return out
    files = cut(package(), characters)
    CACHE.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
    for name, data in files.items():
        (building / name).write_bytes(data)
    shutil.rmtree(out, ignore_errors=True)
    building.rename(out)
    return out


def publish(site_root: Path) -> Path:
    """Cut the faces to the built site's Korean characters and copy them to <site>/assets/fonts/kr/
    (hard links where the file system allows)."""
    source = assembled(site_characters(site_root))
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
        data = package()
    except FontUnavailable as problem:
        print(f"Korean font: {problem}", file=sys.stderr)
        return 1
    print(f"{PACKAGE} {VERSION}: {len(data):,} bytes, cached in {CACHE / 'downloads'}; the build cuts weights "
          f"{', '.join(map(str, WEIGHTS))} to the built site's Hangul")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
