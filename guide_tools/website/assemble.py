"""Before the engine: the files the site publishes that no page renders (stage (a) in
contributing/site-build.md, "Stages").

    python -m guide_tools.website.assemble OUT_DIR

Writes, from the sources alone (no built page, no MkDocs or Python-Markdown import), what a Run or
a Check on a page loads: the browser runtime and each runnable topic's files with the service
worker (guide_tools/runtime/), each browser-checkable exercise's files (guide_tools/exercises/web.py)
and its editor, CodeMirror bundled from npm (guide_tools/exercises/editor.py). OUT_DIR is a site's
root: the files go to OUT_DIR/assets/... and OUT_DIR/service_worker.js, where the pages find them.
mkdocs_hooks.py calls `run` on the site folder at the end of a build (MkDocs empties the folder
when a build starts); the Korean font, cut to the built site's Hangul, is the post-build pass's
(guide_tools/website/postbuild.py).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from guide_tools.exercises import editor as exercise_editor
from guide_tools.exercises import web as exercise_web
from guide_tools.runtime import assemble as runtime_assemble
from guide_tools.runtime import listings as runnable_listings
from guide_tools.website import content


class Unavailable(Exception):
    """Something the site needs cannot be had here: the message says what and what to do."""


# A file of docs/ that the service worker's digest covers (guide_tools/runtime/listings.py,
# service_worker): the engine publishes it as it is, but it must be in OUT_DIR before the digest.
FROM_DOCS = ("assets/runtime/worker.js",)


def run(out: Path) -> None:
    for name in FROM_DOCS:
        if not (out / name).is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content.DOCS / name, out / name)
    try:
        runnable_listings.publish(out)  # the browser runtime and the runnable topics' files, at assets/runtime/
        exercise_web.publish(out)  # Check on the page: each exercise's files
        exercise_editor.publish(out / "assets")  # its editor
    except runtime_assemble.RuntimeUnavailable as problem:
        raise Unavailable(f"browser runtime: {problem}") from None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m guide_tools.website.assemble OUT_DIR (a site's root, created if missing)", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    try:
        run(out)
    except Unavailable as problem:
        print(f"assemble: {problem}", file=sys.stderr)
        return 1
    print(f"assemble: the browser runtime, the exercises' files and their editor in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
