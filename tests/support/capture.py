"""Captured outputs: what a page shows a request returns, produced by the real run.

A test renders a response with `render()` and hands it to the `outputs` fixture, which compares
it with the stored file under `snippets/<section>/<topic>/out/`. A difference fails the test;
`pytest --update-outputs` (or `python3 dev.py test --update-outputs`) rewrites the files instead.
Normalisers replace what legitimately changes between runs (dates, ports, ids) with placeholders.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.devtools import stacks
# The transcript is the drivers' (the browser's Run prints the same): one definition, re-exported here.
from guide_tools.runtime.drive import DEFAULT_HEADERS, render  # noqa: F401
from guide_tools.website.content import SNIPPETS, rel

UPDATE_HINT = "python3 dev.py test --update-outputs"

Normaliser = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]

DEFAULT_NORMALISERS: list[Normaliser] = [
    (re.compile(r"\b(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}\b"), r"\1:<port>"),
    (re.compile(r"\b[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\b"), "<http-date>"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), "<timestamp>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
    (re.compile(r"\b0x[0-9a-f]{6,}\b"), "0x<address>"),
    (re.compile(r"(csrftoken=|csrfmiddlewaretoken\" value=\"|sessionid=)[A-Za-z0-9]+"), r"\1<token>"),
    # No normaliser for Allow: render() shows its methods in one order, so the browser's Run shows it too.
]


def normalise(text: str, extra: Iterable[Normaliser] = ()) -> str:
    for pattern, replacement in [*DEFAULT_NORMALISERS, *extra]:
        text = pattern.sub(replacement, text)
    return text


def stack_file(name: str, stack: str) -> str:
    """'compare/forms/out/errors.txt' -> 'compare/forms/out/errors.latest.txt' on the latest stack."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{stack}.{suffix}" if dot else f"{name}.{stack}"


def other_stacks_file(name: str) -> bool:
    """A per-stack output of a stack other than the running one: no test here can check it."""
    parts = name.rsplit("/", 1)[-1].split(".")
    return len(parts) >= 3 and parts[-2] in stacks.STACKS and parts[-2] != stacks.current()


@dataclass
class Outputs:
    """The `outputs` fixture: compare (or, with --update-outputs, write) captured outputs."""

    update: bool
    checked: set[str] = field(default_factory=set)
    root: Path = SNIPPETS

    def check(self, name: str, text: str, *, normalisers: Iterable[Normaliser] = (), per_stack: bool = False) -> None:
        """`name` is the path under snippets/, e.g. "compare/routing/out/flask_wrong_type.txt".

        `per_stack=True` for an output that differs between the two stacks: each stack checks its
        own file, `x.lts.txt` or `x.latest.txt` for `x.txt` (see `stack_file`), and the page shows both."""
        if "/out/" not in f"/{name}":
            raise ValueError(f"captured outputs live in an out/ folder beside the snippet, not at {name!r}")
        if per_stack:
            name = stack_file(name, stacks.current())
        path = self.root / name
        text = normalise(text, normalisers)
        self.checked.add(name)
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            return
        if not path.is_file():
            raise AssertionError(
                f"Captured output {rel(path)} does not exist yet. Run `{UPDATE_HINT}` to create it, "
                "then check it and include it from the page."
            )
        stored = path.read_text(encoding="utf-8")
        if stored != text:
            diff = "".join(difflib.unified_diff(
                stored.splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"{rel(path)} (stored)", tofile="this run",
            ))
            raise AssertionError(
                f"Stale captured output: {rel(path)} no longer matches what the code returns.\n"
                f"If the new output is right, run `{UPDATE_HINT}` and review the diff; "
                f"if not, the snippet has changed behaviour.\n{diff}"
            )
