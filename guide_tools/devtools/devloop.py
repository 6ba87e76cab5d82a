"""`python3 dev.py serve [--lang LANG]`: what MkDocs is run with (stdlib only: dev.py imports it).

`serve` alone builds and serves the whole three-language site. `serve --lang ko` builds one
language, served at the root (static-i18n's `build_only_locale`, through SIDE_BY_SIDE_LANG in
mkdocs.yml), and after an edit rebuilds only the pages that changed, or that include a snippet that
changed (MkDocs' dirty reload; see guide_tools/website/build_speed.py). Either way MkDocs builds into a temp
folder of its own: nothing a later build or test reads.
"""

from __future__ import annotations

from guide_tools.website.content import LANGUAGES
from guide_tools.website.sitebuild import ONLY_LANGUAGE


class UsageError(Exception):
    pass


def serve_options(args: list[str]) -> tuple[str | None, list[str]]:
    """(the language asked for with --lang or None, the other arguments for `mkdocs serve`)."""
    rest, lang = [], None
    items = iter(args)
    for arg in items:
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else next(items, "")
            if value not in LANGUAGES:
                named = f"--lang {value}" if value else "--lang without a language"
                raise UsageError(f"dev.py serve: {named}: the site's languages are {', '.join(LANGUAGES)} "
                                 "(e.g. `python3 dev.py serve --lang ko`).")
            lang = value
        else:
            rest.append(arg)
    return lang, rest


def serve_command(lang: str | None, address: str, rest: list[str]) -> tuple[list[str], dict[str, str], str]:
    """(argv after the environment's Python, environment to add, a line for the user)."""
    argv = ["mkdocs", "serve", "--dev-addr", address]
    if lang is None:
        hint = (f"dev.py: serving all three languages at http://{address}/ (the first page answers once all are "
                f"built); `python3 dev.py serve --lang {'|'.join(LANGUAGES)}` serves one, sooner, and reloads faster.")
        return argv + rest, {}, hint
    hint = (f"dev.py: serving only '{lang}', at http://{address}/ (its pages at the root; the other languages are "
            "not built). An edit rebuilds the pages it touches; restart after changing nav or mkdocs.yml.")
    return argv + ["--dirty", *rest], {ONLY_LANGUAGE: lang}, hint
