"""The shell lines a page shows, read from a snippet's `run.sh` so that tests run exactly those lines."""

from __future__ import annotations

from pathlib import Path

from guide_tools.website.content import SNIPPETS, sections


def shown_commands(path: str | Path) -> dict[str, str]:
    """Section name -> its non-blank lines, for `path` under snippets/ (e.g. "compare/orm/run.sh") or a
    path of its own."""
    text = (SNIPPETS / path).read_text(encoding="utf-8")
    found = {}
    for name in sections(text):
        block = text.split(f"[start:{name}]", 1)[1].split(f"# --8<-- [end:{name}]", 1)[0]
        found[name] = "\n".join(line for line in block.splitlines()[1:] if line.strip())
    return found
