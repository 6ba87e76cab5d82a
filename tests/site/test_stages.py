"""The build's stages on their own (contributing/site-build.md, "Stages"): the files assembled before
the engine (guide_tools/website/assemble.py) and the pass over the built site after it
(guide_tools/website/postbuild.py), each a command on a folder, with the MkDocs hook only calling them."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tools.runtime import listings as runnable_listings
from guide_tools.website import assemble, content, postbuild
from guide_tools.website.content import ROOT
from tests.site.sitebuild import shared_site

HOOKS = ROOT / "guide_tools" / "website" / "mkdocs_hooks.py"
ENGINE_PACKAGES = {"mkdocs", "markdown", "pymdownx", "material", "properdocs", "mkdocs_static_i18n"}


def test_the_stages_before_and_after_the_engine_import_no_engine():
    """Another engine (or none) can run them: importing either stage loads no MkDocs, no
    Python-Markdown and no MkDocs plugin."""
    code = ("import sys, guide_tools.website.assemble, guide_tools.website.postbuild; "
            "print(sorted({m.split('.')[0] for m in sys.modules}))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                       check=True).stdout.replace("'", '"'))
    assert not ENGINE_PACKAGES & set(loaded), f"the stages import {sorted(ENGINE_PACKAGES & set(loaded))}"


def _defined(tree: ast.Module) -> set[str]:
    """The names a module defines at its top level: functions, classes, assigned names."""
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    return names | {target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(target, ast.Name)}


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_the_hook_only_calls_the_stages_after_the_engine():
    """What the pass and the assembly do is theirs alone: the hook defines none of their names,
    its on_post_page and on_post_template hand MkDocs the page as the engine made it, and its
    on_post_build calls each stage's `run`."""
    tree = ast.parse(HOOKS.read_text(encoding="utf-8"))
    moved = {name for module in (postbuild, assemble) for name in _defined(ast.parse(Path(module.__file__).read_text(encoding="utf-8")))
             if not name.startswith("_")}
    assert moved >= {"header_title", "HEADER_SITE_NAME", "CONFIG_SCRIPT", "add_synonyms", "theme_stylesheets", "run"}
    assert not _defined(tree) & moved, f"mkdocs_hooks.py defines what the stages do: {sorted(_defined(tree) & moved)}"
    hooks = _functions(tree)
    for event in ("on_post_page", "on_post_template"):
        returned = [node.value for node in ast.walk(hooks[event]) if isinstance(node, ast.Return)]
        assert returned and all(isinstance(value, ast.Name) and value.id == "output" for value in returned), (
            f"mkdocs_hooks.{event} changes the page: the post-build pass (guide_tools/website/postbuild.py) does that")
    calls = {ast.unparse(node.func) for node in ast.walk(hooks["on_post_build"]) if isinstance(node, ast.Call)}
    assert {"assemble.run", "postbuild.run"} <= calls, f"on_post_build calls {sorted(calls)}"


# --------------------------------------------------------------------------- a site folder of our own

NAMES = {"en": "Side by Side — Python web frameworks compared", "ko": "Side by Side — Python 웹 프레임워크 나란히 보기"}


def _page(lang: str, base: str, body: str = "") -> str:
    site_name = NAMES[lang]
    return (f'<html lang="{lang}"><head><title>x</title></head><body>'
            f'<div class="md-header__topic">\n  <span class="md-ellipsis">\n    {site_name}\n  </span>\n</div>{body}'
            f'<script id="__config" type="application/json">{{"base": "{base}", "search": "x"}}</script>'
            f'<script src="{base}/assets/javascripts/bundle.0123abcd.min.js"></script>'
            f'<script src="{base}/assets/javascripts/a11y.js" defer></script></body></html>')


@pytest.fixture
def engine_output(tmp_path, monkeypatch) -> Path:
    """A site folder as an engine leaves it: an English and a Korean page (one with a runnable
    output), each language's 404 page, a file that is not a page, the merged search index."""
    site = tmp_path / "site"
    (site / "ko" / "compare").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "index.html").write_text(_page("en", "."), encoding="utf-8")
    (site / "ko" / "compare" / "index.html").write_text(
        _page("ko", "../..", '<p><div class="sbs-run" data-x="1"></div></p>'), encoding="utf-8")
    (site / "404.html").write_text(_page("en", "."), encoding="utf-8")
    (site / "ko" / "404.html").write_text(_page("ko", ".."), encoding="utf-8")
    (site / "google1234.html").write_text("google-site-verification: google1234.html", encoding="utf-8")
    docs = [{"location": "", "title": "Home", "text": "hello"}, {"location": "ko/compare/", "title": "비교", "text": "안녕"},
            {"location": "", "title": "Home", "text": "hello"}]
    index = {"config": {"lang": ["en", "ko"], "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}}, "docs": docs}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    synonyms = tmp_path / "synonyms.yml"
    synonyms.write_text("ko:\n  compare.md: [비교하기]\n", encoding="utf-8")
    monkeypatch.setattr(postbuild, "SYNONYMS", synonyms)
    monkeypatch.setattr(postbuild, "site_names", lambda: {**NAMES, "ru": "x"})
    return site


def test_the_post_build_pass_finishes_a_site_folder_on_its_own(engine_output, monkeypatch, capsys):
    """`python -m guide_tools.website.postbuild SITE_DIR` from the files alone: each page's scripts,
    header and theme config, the 404 pages' header, the Korean font cut after the pages are
    finished and before the search index gets its synonyms, one search index per language."""
    cut = []
    monkeypatch.setattr(postbuild.fonts, "publish", lambda root: cut.append(
        ((root / "ko" / "compare" / "index.html").read_text(encoding="utf-8"), (root / "ko" / "search").exists())))
    assert postbuild.main([str(engine_output)]) == 0
    assert "2 pages and 2 404 pages" in capsys.readouterr().out  # the verification file is not a page
    korean = (engine_output / "ko" / "compare" / "index.html").read_text(encoding="utf-8")
    english = (engine_output / "index.html").read_text(encoding="utf-8")
    assert 'Side by Side<span class="sbs-site-subtitle"> — Python 웹 프레임워크 나란히 보기</span>' in korean
    assert 'bundle.0123abcd.min.js" defer></script>' in korean and 'bundle.0123abcd.min.js" defer></script>' in english
    assert 'src="../../assets/runtime/run.js" defer' in korean and "run.js" not in english
    assert '"base": "../../ko/"' in korean and '"base": "."' in english  # the Korean page searches the Korean index
    for lang, path in (("en", "404.html"), ("ko", "ko/404.html")):
        not_found = (engine_output / path).read_text(encoding="utf-8")
        assert f'Side by Side<span class="sbs-site-subtitle"> — {NAMES[lang].partition(" — ")[2]}</span>' in not_found, path
        assert not_found.replace(" — ", "").count("<span") == 2, path  # its header alone: no script added, none deferred
        assert 'bundle.0123abcd.min.js"></script>' in not_found, path
    assert cut == [(korean, False)], "the font is cut once, from the finished pages, before the index is split"
    by_lang = {lang: json.loads((engine_output / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
               for lang, folder in (("en", "."), ("ko", "ko"))}
    assert [doc["location"] for doc in by_lang["en"]["docs"]] == [""]  # the duplicate goes
    assert by_lang["ko"]["docs"] == [{"location": "compare/", "title": "비교", "text": "안녕", "synonyms": "비교하기"}]
    assert by_lang["ko"]["config"]["lang"] == ["en", "ko"] and "synonyms" in by_lang["ko"]["config"]["fields"]
    assert postbuild.main([str(engine_output)]) == 1  # a finished site is not an engine's output
    assert "header_title in guide_tools/website/postbuild.py" in capsys.readouterr().err


def test_a_page_the_pass_cannot_finish_names_the_file(engine_output, monkeypatch, capsys):
    monkeypatch.setattr(postbuild.fonts, "publish", lambda root: None)
    page = engine_output / "ko" / "compare" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(".min.js\"></script>", ".min.js\" async></script>"), encoding="utf-8")
    assert postbuild.main([str(engine_output)]) == 1
    assert "ko/compare/index.html: expected the theme's bundle.<hash>.min.js as one plain <script> tag" in capsys.readouterr().err


def test_the_site_names_are_each_languages_own():
    names = postbuild.site_names()
    assert set(names) == set(content.LANGUAGES) and all(name.startswith("Side by Side — ") for name in names.values())
    assert len(set(names.values())) == len(content.LANGUAGES)


# --------------------------------------------------------------------------- the real site


@pytest.mark.slow
@pytest.mark.xdist_group("site-build")
def test_the_pass_takes_the_pages_the_build_finished(tmp_path_factory):
    """On the real build: the pass's own reading of a site folder (which files are pages, which are
    404 pages, each one's language and site name) is what the hook gave it: it takes exactly the
    files whose header the pass split, each page in the language of its <html lang> with its theme
    bundle deferred, and the 404 page at each language's root."""
    site = shared_site(tmp_path_factory)
    pages, not_found = postbuild.site_pages(site, postbuild.site_names())
    built = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    finished = {path for path in built if 'class="sbs-site-subtitle"' in (site / path).read_text(encoding="utf-8")}
    assert {b.name for b in pages} | {b.name for b in not_found} == finished
    assert [b.name for b in not_found] == [path for path in built if path.removeprefix(path.split("/")[0] + "/") == "404.html"
                                           and (path == "404.html" or path.split("/")[0] in content.TRANSLATIONS)]
    for b in pages:
        text = b.path.read_text(encoding="utf-8")
        assert f'<html lang="{b.lang}"' in text and postbuild.html.escape(b.site_name.partition(" — ")[2]) in text, b.name
        assert postbuild.page_scripts.THEME_BUNDLE.search(text) is None, f"{b.name}: the theme's bundle is not deferred"


@pytest.mark.slow
@pytest.mark.xdist_group("site-build")
def test_assemble_writes_the_sites_assembled_files_on_its_own(tmp_path_factory, tmp_path):
    """`python -m guide_tools.website.assemble OUT_DIR` writes, byte for byte, every file of the
    built site's runtime and exercise folders that docs/ does not hold (the runtime, the topics'
    bundles, the exercises' files, their editor), and the service worker: nothing more, nothing less."""
    site = shared_site(tmp_path_factory)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "guide_tools.website.assemble", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}
    expected = {path.relative_to(site).as_posix() for folder in ("assets/runtime", "assets/exercises")
                for path in (site / folder).rglob("*") if path.is_file() and not (content.DOCS / path.relative_to(site)).is_file()}
    assert written == expected | {runnable_listings.SERVICE_WORKER_NAME, *assemble.FROM_DOCS}
    different = sorted(p for p in written if (site / p).read_bytes() != (out / p).read_bytes())
    assert not different, f"assemble wrote other bytes than the built site has: {different[:10]}"
