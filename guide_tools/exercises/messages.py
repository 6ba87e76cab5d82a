"""The checks' own messages in the reader's language.

A check writes its message in English, in checks.py, as an f-string: that stays the one source of
what is checked and said. exercise.toml gives each message in Korean and Russian, as a template:

    [[messages]]
    en = "ada (an admin) got {} for /admin/book/list, expected 200"
    ko = "..."   # the values by number, {0}, {1}, ... in any order
    ru = "..."

`en` is the check's f-string with each `{...}` replaced by `{}` (literal braces doubled, as in
str.format), without its cause tag, cut at its first line: `templates_of` derives it, so a test can
prove every message of every check has its translations, and none is left over.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

CAUSE_RE = re.compile(r"^\[([a-z][a-z0-9_]*)\] ")
PLACEHOLDER = "{}"


@dataclass(frozen=True)
class Site:
    """Where a check composes a message: the file, the line, and its templates (None: not derivable)."""
    path: Path
    line: int
    templates: list[str] | None
    source: str


def _is_tag(node: ast.expr) -> bool:
    """`{tag}` or `{'[cause] ' if ... else ''}` at the start of an f-string: the cause tag, not part of the message."""
    if isinstance(node, ast.Name) and node.id in {"tag", "cause"}:
        return True
    if isinstance(node, ast.IfExp):
        branches = [node.body, node.orelse]
        return all(isinstance(b, ast.Constant) and isinstance(b.value, str) and
                   (b.value == "" or CAUSE_RE.fullmatch(b.value)) for b in branches)
    return False


def _pieces(node: ast.expr) -> list[list[str | None]] | None:
    """The message's alternatives, each as literal text and placeholders (None); None when it is
    not made of literals and f-strings (joined by `+`, chosen by `... if ... else ...`, cut by `[:n]`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [[node.value]]
    if isinstance(node, ast.JoinedStr):
        out: list[str | None] = []
        for i, value in enumerate(node.values):
            if isinstance(value, ast.Constant):
                out.append(value.value)
            elif i == 0 and _is_tag(value.value):
                continue
            else:
                out.append(None)
        return [out]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pieces(node.left), _pieces(node.right)
        return None if left is None or right is None else [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp) and not _is_tag(node):
        body, orelse = _pieces(node.body), _pieces(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        return _pieces(node.value)
    return None


def templates_of(node: ast.expr) -> list[str] | None:
    """The `en` templates of a message expression (one per alternative); None if not derivable."""
    alternatives = _pieces(node)
    if alternatives is None:
        return None
    found = []
    for pieces in alternatives:
        text = "".join(PLACEHOLDER if p is None else p.replace("{", "{{").replace("}", "}}") for p in pieces)
        text = CAUSE_RE.sub("", text.strip().split("\n", 1)[0], count=1)
        if text and text not in found:
            found.append(text)
    return found


def _message_nodes(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.msg is not None:
            yield node.msg
        elif isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in {"AssertionError", "fail"}:
                yield node.args[0]


def sites(path: Path) -> list[Site]:
    """Every message a checks file composes."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    return [Site(path, node.lineno, templates_of(node), ast.get_source_segment(source, node) or "")
            for node in _message_nodes(tree)]


def pattern(template: str) -> re.Pattern:
    """The English template as a regular expression: each `{}` one value, non-greedy."""
    parts = re.split(r"(\{\{|\}\}|\{\})", template)
    out = []
    for part in parts:
        if part == "{}":
            out.append("(.+?)")
        elif part == "{{":
            out.append(re.escape("{"))
        elif part == "}}":
            out.append(re.escape("}"))
        else:
            out.append(re.escape(part))
    return re.compile("".join(out), re.DOTALL)


def translate(message: str, entries: list[dict[str, str]], lang: str) -> str | None:
    """`message` (without its cause tag) in `lang` by the exercise's `[[messages]]`, or None."""
    for entry in entries:
        if (match := pattern(entry["en"]).fullmatch(message)) and entry.get(lang):
            return entry[lang].format(*match.groups())
    return None
