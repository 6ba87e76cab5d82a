"""The Korean face's build side (guide_tools/website/fonts.py): what it assembles from the pinned npm
package, and the one line a build stops with when the package cannot be had. That Korean pages draw
Hangul in it, and English pages never fetch it: tests/browser/test_interactions.py."""

from __future__ import annotations

import io
import re
import stat
import tarfile

import pytest

from guide_tools.website import fonts, sitebuild
from guide_tools.website.content import ROOT


def fake_npm(tmp_path, script: str) -> str:
    npm = tmp_path / "npm"
    npm.write_text(f"#!/bin/sh\n{script}\n")
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    return str(npm)


@pytest.fixture
def empty_cache(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "CACHE", tmp_path / "cache")


def test_a_package_npm_cannot_fetch_stops_the_build_with_one_line(empty_cache, tmp_path):
    npm = fake_npm(tmp_path, 'echo "npm error code ENOTFOUND" >&2; echo "npm error network request failed" >&2; exit 1')
    with pytest.raises(fonts.FontUnavailable) as raised:
        fonts.package(npm)
    message = str(raised.value)
    assert "\n" not in message, message
    assert f"npm pack {fonts.PACKAGE}@{fonts.VERSION}" in message and "network request failed" in message
    assert "build again" in message


def test_without_npm_the_build_says_what_to_install(empty_cache, monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(fonts.FontUnavailable, match=r"^npm is not installed.*apt-get install npm") as raised:
        fonts.package()
    assert "\n" not in str(raised.value)


def test_a_package_with_another_integrity_is_refused(empty_cache, tmp_path):
    npm = fake_npm(tmp_path, 'dest=""; while [ $# -gt 0 ]; do [ "$1" = "--pack-destination" ] && dest="$2"; shift; done; printf "not the package" > "$dest/x.tgz"')
    with pytest.raises(fonts.FontUnavailable, match="differs from its pinned integrity"):
        fonts.package(npm)
    assert not (fonts.CACHE / "downloads").exists() or not list((fonts.CACHE / "downloads").iterdir())  # nothing cached


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def face(name: str, weight: int, unicode_range: str) -> str:
    return (f"/* {name} */\n@font-face {{\n  font-family: 'IBM Plex Sans KR';\n  font-style: normal;\n  font-display: swap;\n"
            f"  font-weight: {weight};\n  src: url(./files/x.woff2) format('woff2');\n  unicode-range: {unicode_range};\n}}\n")


def test_only_the_korean_slices_of_the_served_weights_are_kept():
    """Numbered slices of 400 and 700, woff2 only, with their ranges as published; Latin is IBM Plex Sans's."""
    css = {w: face(f"ibm-plex-sans-kr-[3]-{w}-normal", w, "U+d679-d68b,U+d6a0") + face(f"ibm-plex-sans-kr-latin-{w}-normal", w, "U+0000-00FF")
           for w in (300, 400, 700)}
    files = {f"{w}.css": css[w].encode() for w in css}
    files |= {f"files/ibm-plex-sans-kr-3-{w}-normal.woff2": f"woff2 {w}".encode() for w in css}
    files["LICENSE"] = b"SIL OFL"
    stylesheet, kept = fonts.faces(tarball(files))
    assert sorted(kept) == ["LICENSE-ibm-plex-sans-kr.txt", "ibm-plex-sans-kr-3-400-normal.woff2", "ibm-plex-sans-kr-3-700-normal.woff2"]
    rules = re.findall(r"@font-face\{[^}]*\}", stylesheet)
    assert len(rules) == 2
    for rule in rules:
        assert 'font-family:"IBM Plex Sans KR"' in rule and "font-display:swap" in rule
        assert "unicode-range:U+d679-d68b,U+d6a0" in rule and not re.search(r'url\("(\w+:|/|\.\.)', rule)


def test_site_cache_key_covers_the_font_assembly():
    assert ROOT / "guide_tools" / "website" / "fonts.py" in set(sitebuild.source_files())
