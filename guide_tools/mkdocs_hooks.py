"""MkDocs hooks (listed under `hooks:` in mkdocs.yml).

- Language-neutral files in docs/assets/ are published once, at /assets/, and every language's
  pages can link to them with the same relative path (static-i18n with
  `fallback_to_default: false` would otherwise drop them from the ko and ru builds).
- Glossary tooltips: every page gets its language's glossary terms appended as abbreviation
  definitions (`*[WSGI]: …`, from includes/glossary/<lang>.yml), and the Markdown extension in
  guide_tools/glossary.py, registered here in place of `abbr`, turns them into `<abbr>` tooltips,
  Korean particles included. (It is registered here, not under `markdown_extensions:`, because
  MkDocs loads those before this file puts the project on `sys.path`.)
- Content problems stop the build with a message that names the file and says what to do:
  a missing translation, an include of a missing snippet file or section, a chapter without its
  self-check quiz, a quiz whose translation differs from the English one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from guide_tools import content, glossary  # noqa: E402

log = get_plugin_logger("side-by-side")


def _current_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or content.DEFAULT_LANGUAGE


def _snippets_dir(config) -> Path:
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["snippets"])
    return Path(base[0] if isinstance(base, list) else base).resolve()  # relative to the cwd, as pymdownx does


def on_config(config, **kwargs):
    if "abbr" in config.markdown_extensions:
        raise PluginError(
            "mkdocs.yml: remove `abbr` from markdown_extensions; guide_tools/glossary.py replaces it "
            "(the hook registers it) so that terms followed by Korean particles get tooltips too."
        )
    if not any(isinstance(ext, glossary.GlossaryExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(glossary.GlossaryExtension())
    return config


def on_pre_build(config, **kwargs) -> None:
    if _current_language(config) != content.DEFAULT_LANGUAGE:
        return  # checked once, by the first (English) build
    docs = Path(config.docs_dir)
    for problem in content.missing_translations(docs):
        log.warning(problem)  # a warning fails `mkdocs build --strict`; `mkdocs serve` goes on
    for page in content.pages(content.DEFAULT_LANGUAGE, docs):
        for problem in content.quiz_consistency_problems(page, docs):
            log.warning(problem)
    for problem in glossary.problems(content.LANGUAGES):
        log.warning(problem)


@event_priority(-200)  # after static-i18n (-100) has chosen this language's files
def on_files(files: Files, config, **kwargs) -> Files:
    docs = Path(config.docs_dir)
    shared = docs / content.SHARED_ASSETS
    if not shared.is_dir():
        return files
    for path in sorted(p for p in shared.rglob("*") if p.is_file()):
        src_uri = path.relative_to(docs).as_posix()
        if files.src_uris.get(src_uri) is not None:
            continue  # the English build keeps it by itself
        # Same destination in every language build: one copy at /assets/..., linked from all.
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(100)  # before the markdown is converted (and before pymdownx.snippets runs)
def on_page_markdown(markdown: str, page, config, **kwargs) -> str:
    source = Path(page.file.abs_src_path)
    problems = content.include_problems(source, markdown, _snippets_dir(config))
    if problems:
        raise PluginError("\n".join(problems))
    lang, _, rel_page = page.file.src_uri.partition("/")
    if lang in content.LANGUAGES:
        for problem in content.link_problems(lang, rel_page, Path(config.docs_dir)):
            log.warning(problem)
        for problem in content.quiz_problems(source, lang, rel_page):
            log.warning(problem)
    for problem in content.annotation_problems(source, _snippets_dir(config)) + content.title_problems(source):
        log.warning(problem)
    if lang in content.LANGUAGES:
        # The page's own language's glossary (per-language by design; see guide_tools/glossary.py).
        markdown = markdown.rstrip("\n") + "\n\n" + glossary.abbreviation_lines(lang) + "\n"
    return markdown


@event_priority(-300)  # after static-i18n has merged every language into one search index
def on_post_build(config, **kwargs) -> None:
    """Drop duplicate search entries: static-i18n builds English twice (first, and last so that
    404.html is English), and both builds add their entries to the merged index."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    seen, unique = set(), []
    for entry in data.get("docs", []):
        key = (entry.get("location"), entry.get("title"), entry.get("text"))
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    if len(unique) != len(data.get("docs", [])):
        data["docs"] = unique
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
