"""After the engine: the pass over a built site folder (stage (c) in contributing/site-build.md, "Stages").

    python -m guide_tools.website.postbuild SITE_DIR

What the engine wrote is finished here, from the files alone, with no MkDocs or Python-Markdown
import: Material's stylesheets trimmed, each page's scripts, header and theme config, the 404
pages' header, the Korean font cut to the site's Hangul, and one search index per language with
its synonyms. mkdocs_hooks.py calls `run` at the end of a build with the pages that build wrote
(a `serve` rebuild writes only some); the command takes every page of the folder. Run it once on
an engine's output: a page it finished is not a page it can finish again (header_title stops).

The font is cut after the assembled files (guide_tools/website/assemble.py) are in the folder: it
reads their Korean text too.
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide_tools import chooser
from guide_tools.exercises import web as exercise_web
from guide_tools.runtime import listings as runnable_listings
from guide_tools.website import content, fonts, page_scripts, theme_css

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"


class SiteProblem(Exception):
    """The built site is not what the pass expects: the message names the file and what to do."""


@dataclass(frozen=True)
class Built:
    """A built HTML file and what the pass needs to know about it."""

    path: Path  # the file in the site folder
    lang: str
    site_name: str  # its language's site name, as the header shows it
    at_root: bool  # its language is the one built at the site's root (its search index is there)
    name: str  # how a problem names it: docs/ko/compare/routing.md, or the file in the site


# --------------------------------------------------------------------------- the header's site name

# The site's name in the header, before the page is scrolled (Material's first header topic; the
# second, the page's title, takes its place once the page's h1 has scrolled away).
HEADER_SITE_NAME = re.compile(r'(<div class="md-header__topic">\s*<span class="md-ellipsis">)\s*(.*?)\s*(</span>)', re.DOTALL)
SUBTITLE = " — "


def header_title(output: str, site_name: str, where: str) -> str:
    """The header's site name as its short name and a subtitle that theme.css hides where it does
    not fit: on a phone the whole name ("Side by Side — веб-фреймворки Python бок о бок") was cut to
    "Side by Side — в…". The short name is the part before " — "."""
    short, dash, subtitle = site_name.partition(SUBTITLE)
    if not dash:
        return output
    found = HEADER_SITE_NAME.search(output)
    if found is None or html.unescape(found.group(2)) != site_name:
        raise SiteProblem(
            f"{where}: the header does not show the site name {site_name!r} where Material 9.8 puts it "
            "(div.md-header__topic > span.md-ellipsis); the theme changed its header, so update "
            "header_title in guide_tools/website/postbuild.py."
        )
    title = f'{html.escape(short)}<span class="sbs-site-subtitle">{html.escape(dash + subtitle)}</span>'
    return output[: found.start(2)] + title + output[found.end(2):]


# --------------------------------------------------------------------------- a page

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def page(output: str, built: Built) -> str:
    """A page's scripts (run.js, exercise.js, the chooser's, only where used; the theme's bundle
    deferred), no tab set larger than the trimmed theme stylesheet styles (see theme_stylesheets),
    the header's site name split for small screens (header_title), and a translated page's theme
    config pointed at its language's root, where its search index is (Material resolves
    `search/search_index.json` and the search results' links against `base`)."""
    output = runnable_listings.add_script(output)  # run.js, only where an output runs in the browser
    output = exercise_web.add_script(output)  # exercise.js, only where an exercise can be checked on the page
    output = chooser.add_assets(output)  # the chooser's stylesheet and module, on its page only
    oversized = theme_css.oversized_tab_sets(output)
    if oversized:
        raise SiteProblem(
            f"{built.name}: a tab set with {max(oversized)} tabs; the published theme "
            f"stylesheet only styles sets of up to {theme_css.TABS_PER_SET}. Split the set, or raise "
            "TABS_PER_SET in guide_tools/website/theme_css.py."
        )
    output = header_title(output, built.site_name, built.name)
    try:
        output = page_scripts.defer_theme_bundle(output, built.name)
    except ValueError as problem:
        raise SiteProblem(str(problem)) from None
    if built.at_root:
        return output
    found = CONFIG_SCRIPT.search(output)
    if found is None:
        raise SiteProblem(
            f"{built.name}: no <script id=\"__config\"> in the page; the theme changed how it passes "
            "its config, so guide_tools/website/postbuild.py cannot point the page's search at its language's index."
        )
    theme_config = json.loads(found.group(2))
    theme_config["base"] = f"{theme_config['base'].rstrip('/')}/{built.lang}/"
    replacement = json.dumps(theme_config, ensure_ascii=False).replace("</", "<\\/")
    return output[: found.start(2)] + replacement + output[found.end(2):]


def not_found(output: str, built: Built) -> str:
    """A 404 page: the header's site name, as on every page (it has no other page's work)."""
    return header_title(output, built.site_name, built.name)


def _rewrite(built: Built, finish) -> None:
    text = built.path.read_bytes().decode("utf-8")  # bytes: the engine's line endings stay as they are
    finished = finish(text, built)
    if finished != text:
        built.path.write_bytes(finished.encode("utf-8"))


# --------------------------------------------------------------------------- the theme's stylesheets


def theme_stylesheets(root: Path) -> None:
    """Material's stylesheets as this site publishes them (guide_tools/website/theme_css.py: three changes
    that make every page start faster); `page` checks the pages' tab sets against them."""
    folder = root / "assets" / "stylesheets"
    for pattern, publish in (("main.*.min.css", theme_css.main_stylesheet), ("palette.*.min.css", theme_css.palette_switching)):
        for stylesheet in folder.glob(pattern):
            css = stylesheet.read_text(encoding="utf-8")
            published = publish(css)
            if published != css:
                stylesheet.write_text(published, encoding="utf-8")


# --------------------------------------------------------------------------- search, per language

SYNONYMS = Path(__file__).with_name("search_synonyms.yml")
SYNONYMS_FIELD = "synonyms"


def split_language(location: str) -> tuple[str, str]:
    """`ko/compare/routing/#x` -> ("ko", "compare/routing/#x"); English locations have no prefix."""
    first, _, rest = location.partition("/")
    if first in content.TRANSLATIONS:
        return first, rest
    return content.DEFAULT_LANGUAGE, location


def add_synonyms(lang: str, docs: list[dict], synonyms: Path | None = None) -> bool:
    """Give the sections in search_synonyms.yml their synonyms, in a search field of their own.

    Material's search worker indexes every field the index's config lists (`config.fields`, with
    its boost) and shows only the title, the text and the tags, so the words find the section
    without showing in its result. Weighted like a title: a reader who typed 쿼리 파라미터 meant the
    section that teaches it more than a page that mentions `next` 매개변수 in passing."""
    synonyms = synonyms or SYNONYMS
    wanted = (yaml.safe_load(synonyms.read_text(encoding="utf-8")) or {}).get(lang) or {}
    by_location = {doc["location"]: doc for doc in docs}
    for source, words in wanted.items():
        page_path, _, anchor = source.partition("#")
        location = page_path.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else "")
        if location not in by_location:
            raise SiteProblem(
                f"{synonyms.name}: {lang}: {source} is not a page or section in the {lang} search index "
                f"(no entry {location!r}); correct the page path or the heading's anchor."
            )
        by_location[location][SYNONYMS_FIELD] = " ".join(words)
    return bool(wanted)


def split_search_index(root: Path) -> None:
    """One search index per language instead of static-i18n's merged one.

    Merged, every page of every language downloaded (and indexed by the search worker) one index
    of all three languages, 4 MB and growing, and a Korean query showed English and Russian pages.
    Each language's pages now search `<lang>/search/search_index.json` (their `__config.base` is
    the language's root, see `page`), with locations relative to that root. Duplicates go too."""
    index = root / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    per_language: dict[str, list[dict]] = {lang: [] for lang in content.LANGUAGES}
    seen = set()
    for entry in data.get("docs", []):
        key = (entry.get("location"), entry.get("title"), entry.get("text"))
        if key in seen:
            continue
        seen.add(key)
        lang, location = split_language(entry.get("location", ""))
        per_language[lang].append({**entry, "location": location})
    if not any(per_language[lang] for lang in content.TRANSLATIONS):
        return  # already split, or one language built alone (`serve --lang`)
    for lang, docs in per_language.items():
        folder = root if lang == content.DEFAULT_LANGUAGE else root / lang
        languages = [lang] if lang == content.DEFAULT_LANGUAGE else [content.DEFAULT_LANGUAGE, lang]
        config = {**data["config"], "lang": languages}
        if docs and add_synonyms(lang, docs):  # no docs: that language is not built
            config["fields"] = {**config["fields"], SYNONYMS_FIELD: config["fields"]["title"]}
        split = {**data, "config": config, "docs": docs}
        (folder / "search").mkdir(parents=True, exist_ok=True)
        (folder / "search" / "search_index.json").write_text(
            json.dumps(split, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# --------------------------------------------------------------------------- the pass


def run(root: Path, pages: list[Built], not_found_pages: list[Built]) -> None:
    """The whole pass, in the order its parts depend on: the font is cut to what the pages and the
    assembled files show, before the search index gets its synonyms (words no page shows)."""
    theme_stylesheets(root)
    for built in pages:
        _rewrite(built, page)
    for built in not_found_pages:
        _rewrite(built, not_found)
    try:  # the Korean pages' font, cut to the Hangul of everything above: assets/fonts/kr/ (guide_tools/website/fonts.py)
        fonts.publish(root)
    except fonts.FontUnavailable as problem:
        raise SiteProblem(f"Korean font: {problem}") from None
    split_search_index(root)


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml as plain data: a tag such as `!ENV [...]` reads as its default."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))


def site_names(config_file: Path = CONFIG) -> dict[str, str]:
    """Each language's site name: static-i18n's per-language `site_name`, else the config's."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTag)
    names = {lang: config["site_name"] for lang in content.LANGUAGES}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                names[language["locale"]] = language.get("site_name", names.get(language["locale"]))
    return names


NOT_FOUND = "404.html"


def site_pages(root: Path, names: dict[str, str], root_language: str = content.DEFAULT_LANGUAGE) -> tuple[list[Built], list[Built]]:
    """Every page of a built site, and its 404 pages (404.html at a language's root): each
    language's folder (ko/, ru/), the root language at the root. Another HTML file that is not the
    theme's (no theme config) is not a page."""
    pages, missing = [], []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        first = relative.split("/", 1)[0]
        lang = first if first in content.TRANSLATIONS and first != root_language else root_language
        built = Built(path, lang, names[lang], lang == root_language, relative)
        if relative in (NOT_FOUND, f"{lang}/{NOT_FOUND}"):
            missing.append(built)
        elif '<script id="__config"' in path.read_bytes().decode("utf-8", errors="replace"):
            pages.append(built)
    return pages, missing


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m guide_tools.website.postbuild SITE_DIR (a site folder as the engine wrote it)", file=sys.stderr)
        return 2
    root = Path(argv[0])
    pages, missing = site_pages(root, site_names())
    try:
        run(root, pages, missing)
    except SiteProblem as problem:
        print(f"postbuild: {problem}", file=sys.stderr)
        return 1
    print(f"postbuild: {len(pages)} pages and {len(missing)} 404 pages finished in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
