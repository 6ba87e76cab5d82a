"""The Korean face's build side (guide_tools/website/fonts.py): what it assembles from the pinned npm
package and cuts to the site's characters, and the one line a build stops with when the package
cannot be had. That the cut holds every Hangul character the built site shows: tests/site/test_build.py. That Korean pages draw
Hangul in it, and English pages never fetch it: tests/browser/test_interactions.py."""

from __future__ import annotations

import stat

import pytest

from guide_tools.website import fonts, sitebuild
from guide_tools.website.content import ROOT
from tests.site.sitebuild import on_the_site_stack


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


def test_the_characters_come_from_the_pages_scripts_and_data_not_the_runtime(tmp_path):
    """What the site shows: pages, scripts, JSON (quiz, chooser, exercise hints); not the runtime's
    wheels nor the font folder; only the Korean ranges."""
    for relative, text in {"ko/index.html": "<p>가 A б</p>", "assets/exercises/x.js": "'나'", "assets/exercises/hints.json": '"다。"',
                           "assets/runtime/py/abc/wheel.json": "라", "assets/fonts/kr/x.html": "마", "assets/x.css": "바"}.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert fonts.site_characters(tmp_path) == "。가나다"


def test_the_faces_are_declared_for_the_korean_ranges_only():
    """Latin, digits and Cyrillic stay IBM Plex Sans's: the ranges hold Hangul and CJK punctuation only."""
    assert fonts.in_ranges("한") and fonts.in_ranges("ㄱ") and fonts.in_ranges("。")
    assert not any(fonts.in_ranges(c) for c in "Az09б—«»→")
    assert "U+AC00-D7A3" in fonts.UNICODE_RANGE and all(low >= 0x1100 for low, _ in fonts.RANGES)


def test_site_cache_key_covers_the_font_assembly():
    assert ROOT / "guide_tools" / "website" / "fonts.py" in set(sitebuild.source_files())


def test_without_a_woff2_encoder_the_build_stops_with_one_line(monkeypatch):
    """fontTools writes WOFF2 only with a Brotli module: without one the build stops before cutting,
    with one line naming what is missing, not with fontTools' ImportError in the middle of a save."""
    from fontTools.ttLib import woff2

    monkeypatch.setattr(woff2, "haveBrotli", False)
    with pytest.raises(fonts.FontUnavailable, match=r"^fontTools cannot write WOFF2: brotlicffi") as raised:
        fonts.cut(b"not read: the encoder is checked first", "가")
    assert "\n" not in str(raised.value)


def test_the_woff2_encoder_does_not_turn_on_whitenoises_brotli():
    """The Hangul faces are WOFF2 through brotlicffi, which fontTools tries before `brotli`; WhiteNoise
    imports only `brotli`, so the static files chapter's collectstatic still writes no .br files
    (tests/compare/test_static_files.py shows it)."""
    import importlib.util

    from fontTools.ttLib import woff2
    from whitenoise import compress

    assert woff2.haveBrotli and woff2.brotli.__name__ == "brotlicffi"
    assert importlib.util.find_spec("brotli") is None and not compress.brotli_installed
    assert fonts.FLAVOR == "woff2" and all(path.endswith(".woff2") for path in fonts.TEMPLATE["files"].values())


@pytest.mark.slow
@pytest.mark.xdist_group("site-build")  # the package is fetched once, by the site build's worker
@on_the_site_stack
def test_a_cut_is_the_same_bytes_whenever_it_is_made(monkeypatch):
    """Two builds of the same pages write the same fonts (ProperDocs' build is compared with MkDocs'
    byte for byte): fontTools stamps head.modified with the time of the save unless told not to."""
    from fontTools.ttLib.tables import _h_e_a_d

    data = fonts.package()
    first = fonts.cut(data, "가나")
    monkeypatch.setattr(_h_e_a_d, "timestampNow", lambda: 1)  # a save at another time
    assert fonts.cut(data, "가나") == first
