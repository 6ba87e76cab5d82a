"""`python3 dev.py serve [--lang LANG]`: what MkDocs is run with (stdlib only: dev.py imports it).

`serve` alone builds and serves the whole three-language site. `serve --lang ko` builds one
language (static-i18n's `build_only_locale`, through SIDE_BY_SIDE_LANG in mkdocs.yml), served at
its real address, /ko/ (SITE_URL's path: MkDocs serves the site under it and sends / there), so
links and typed addresses work as on the published site; and after an edit it rebuilds only the
pages that changed, or that include a snippet that changed (MkDocs' dirty reload; see
guide_tools/website/build_speed.py). Either way MkDocs builds into a temp folder of its own:
nothing a later build or test reads.

The build log before "Serving on" (20 to 70 s of static-i18n's lines, one language after another)
is left out: one line says what is being built and where it will be served. `-v` shows it all.
"""

from __future__ import annotations

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES
from guide_tools.website.sitebuild import ONLY_LANGUAGE, QUIET_LOG, SITE_URL

VERBOSE = ("-v", "--verbose")


class UsageError(Exception):
    pass


def serve_options(args: list[str]) -> tuple[str | None, bool, list[str]]:
    """(the language asked for with --lang or None, -v asked for, the other arguments for `mkdocs serve`)."""
    rest, lang, verbose = [], None, False
    items = iter(args)
    for arg in items:
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else next(items, "")
            if value not in LANGUAGES:
                named = f"--lang {value}" if value else "--lang without a language"
                raise UsageError(f"dev.py serve: {named}: the site's languages are {', '.join(LANGUAGES)} "
                                 "(e.g. `python3 dev.py serve --lang ko`).")
            lang = value
        elif arg in VERBOSE:
            verbose = True
        else:
            rest.append(arg)
    return lang, verbose, rest


def served_at(lang: str | None, address: str) -> str:
    """Where the pages are: the site's root, or one language's own prefix (/ko/), as published."""
    prefix = "" if lang in (None, DEFAULT_LANGUAGE) else f"{lang}/"
    return f"http://{address}/{prefix}"


def log_env(verbose: bool) -> dict[str, str]:
    """Without -v the MkDocs hook leaves out the plugins' INFO lines (guide_tools/website/mkdocs_hooks.py)."""
    return {} if verbose else {QUIET_LOG: "1"}


def serve_command(lang: str | None, address: str, rest: list[str],
                  verbose: bool = False) -> tuple[list[str], dict[str, str], str]:
    """(argv after the environment's Python, environment to add, a line for the user)."""
    argv = ["mkdocs", "serve", "--dev-addr", address]
    url = served_at(lang, address)
    more = "" if verbose else " (`-v` shows the build log)"
    if lang is None:
        hint = (f"dev.py: building all three languages; once \"Serving on\" shows, the site is at {url}{more}. "
                f"`python3 dev.py serve --lang {'|'.join(LANGUAGES)}` builds one, sooner, and reloads faster.")
        return argv + rest, log_env(verbose), hint
    hint = (f"dev.py: building only '{lang}'; once \"Serving on\" shows, its pages are at {url}{more}. "
            "The other languages are not built. An edit rebuilds the pages it touches; restart after changing "
            "nav or mkdocs.yml.")
    env = {ONLY_LANGUAGE: lang, SITE_URL: url, **log_env(verbose)}
    return argv + ["--dirty", *rest], env, hint
