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

Reading a message back (`match`): of the templates that fit it, the one with the most literal text
(`the consumer answered 'hello' with {}` before `the consumer answered {}`), its values split where
the template's text is. A value may hold that text too (a repr with ", expected" inside); of the
possible splits, those whose values are each balanced (quotes closed, brackets paired) count; if
those still read differently in the translation, the message stays in English rather than be read
wrongly (`answered {} {}` with `500 Internal Server Error` splits three ways, all said alike).
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
        values = list(node.values)
        if (len(values) >= 3 and isinstance(values[0], ast.Constant) and values[0].value == "["
                and isinstance(values[1], ast.FormattedValue) and isinstance(values[2], ast.Constant)
                and isinstance(values[2].value, str) and values[2].value.startswith("] ")):
            # f"[{cause}] ...": a cause tag written at run time, split off before the message is read
            values = [ast.Constant(values[2].value[2:]), *values[3:]]
        for i, value in enumerate(values):
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


def parts(template: str) -> list[str | None]:
    """A template as its literal pieces (braces undoubled) and its values (None), in order."""
    out: list[str | None] = [""]
    for piece in re.split(r"(\{\{|\}\}|\{\})", template):
        if piece == "{}":
            out += [None, ""]
        else:
            out[-1] += {"{{": "{", "}}": "}"}.get(piece, piece)
    return out


def literal(template: str) -> int:
    """How much of the template is its own text (not values): the more, the more specific."""
    return sum(len(p) for p in parts(template) if p is not None)


def splits(template: str, message: str, limit: int = 64) -> list[list[str]]:
    """Every way `message` reads as `template`: the values (each may be empty), at most `limit` ways."""
    texts = [p for p in parts(template) if p is not None]  # n + 1 literal pieces around n values
    first, last = texts[0], texts[-1]
    if len(texts) == 1:
        return [[]] if message == first else []
    if not message.startswith(first) or not message.endswith(last) or len(message) < len(first) + len(last):
        return []
    found: list[list[str]] = []

    def walk(position: int, index: int, values: list[str]) -> None:
        if len(found) >= limit:
            return
        if index == len(texts) - 1:  # the last value runs to where the last piece starts
            end = len(message) - len(last)
            if end >= position:
                found.append([*values, message[position:end]])
            return
        start = message.find(texts[index], position)
        while start != -1 and start + len(texts[index]) <= len(message) - len(last):
            walk(start + len(texts[index]), index + 1, [*values, message[position:start]])
            start = message.find(texts[index], start + 1)

    walk(len(first), 1, [])
    return found


CLOSE = {")": "(", "]": "[", "}": "{"}


def balanced(value: str) -> bool:
    """A value as a repr would be: every quote closed, every bracket paired."""
    stack, quote, escaped = [], "", False
    for ch in value:
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            stack.append(ch)
        elif ch in CLOSE:
            if not stack or stack.pop() != CLOSE[ch]:
                return False
    return not quote and not stack


def readings(template: str, message: str) -> list[list[str]]:
    """The plausible values of `message` read as `template`: every split, or, when there are
    several, those whose values are each balanced (if any is)."""
    found = splits(template, message)
    if len(found) > 1:
        found = [values for values in found if all(balanced(v) for v in values)] or found
    return [list(values) for values in dict.fromkeys(tuple(values) for values in found)]


def said_once(texts: list[str]) -> str | None:
    """The one text all plausible readings give (`answered {} {}` read as `500 Internal Server
    Error` splits three ways, but `{0} {1}` says each the same); None if they differ."""
    return texts[0] if texts and len(set(texts)) == 1 else None


def passes_on(template: str) -> bool:
    """A template with no text of its own (`{}`): another message passed on (re-raised with a new
    cause tag), read by that message's own template."""
    return literal(template) == 0


def match(message: str, templates: list[str]) -> tuple[str, list[list[str]]] | None:
    """The template `message` was written from and its plausible values (readings): of the
    templates it fits, the most specific; None if none fits."""
    for template in sorted((t for t in templates if not passes_on(t)), key=literal, reverse=True):
        if splits(template, message, limit=1):
            return template, readings(template, message)
    return None


def translate(message: str, entries: list[dict[str, str]], lang: str) -> str | None:
    """`message` (without its cause tag) in `lang` by the exercise's `[[messages]]`, or None."""
    by_en = {entry["en"]: entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("en"), str)}
    found = match(message, list(by_en))
    if found is None or not by_en[found[0]].get(lang):
        return None
    return said_once([by_en[found[0]][lang].format(*values) for values in found[1]])
