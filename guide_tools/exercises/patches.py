"""The corpus as patches: a wrong solution (or another right one) is a unified diff against the
reference solution (the starter with solution/'s files over it), `wrong/<slug>.patch`.

`diff` writes one from the reference's files and the changed ones; `apply` gives the changed files
back, in memory, and refuses a patch that does not fit the reference exactly (no fuzz, no offset):
a patch written against an older reference must be redone, not guessed at. Both are pure Python,
so the runner, the tests and the page's corpus check build a wrong solution the same way without a
`patch` program. Texts are str decoded from UTF-8 as they are on disk (`newline=""`: a CRLF stays a
CRLF), so a file the patch gives back is the file it was made from, byte for byte.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

CONTEXT = 3  # lines of context around each change, as `diff -u` and git write them
NO_NEWLINE = "\\ No newline at end of file"
HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
NEW_FILE = "/dev/null"


class PatchError(ValueError):
    """A patch that cannot be read or does not fit the reference: the message says which and where."""


def lines_of(text: str) -> list[str]:
    """The lines of a file, each with its own line ending (the last may have none). Only "\\n" ends
    a line: str.splitlines would also split at a form feed or U+2028 and lose the file's bytes."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _body(prefix: str, line: str) -> list[str]:
    if line.endswith("\n"):
        return [prefix + line]
    return [prefix + line + "\n", NO_NEWLINE + "\n"]


def diff(reference: dict[str, str], changed: dict[str, str]) -> str:
    """The patch that turns the reference's files into `changed` (name -> text; a name the reference
    lacks is a new file). Names in sorted order; a changed file equal to the reference's is left out."""
    out: list[str] = []
    for name in sorted(changed):
        old, new = reference.get(name), changed[name]
        if old == new:
            continue
        a, b = lines_of(old or ""), lines_of(new)
        out += [f"--- {NEW_FILE if old is None else 'a/' + name}\n", f"+++ b/{name}\n"]
        for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(CONTEXT):
            i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
            out.append(f"@@ -{i1 + 1 if i2 > i1 else i1},{i2 - i1} +{j1 + 1 if j2 > j1 else j1},{j2 - j1} @@\n")
            for tag, k1, k2, l1, l2 in group:
                if tag == "equal":
                    out += [x for line in a[k1:k2] for x in _body(" ", line)]
                    continue
                out += [x for line in a[k1:k2] for x in _body("-", line)]
                out += [x for line in b[l1:l2] for x in _body("+", line)]
    return "".join(out)


def _parse(text: str, source: str) -> list[tuple[str, bool, list[tuple[int, int, list[str], list[str]]]]]:
    """(name, is_new, hunks) per file of the patch; a hunk is (old start, old count, old lines, new lines)."""
    lines = lines_of(text)
    files: list = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("--- "):
            if files:  # between files' sections only `---` may start a new one
                raise PatchError(f"{source}, line {i + 1}: expected `--- a/<file>` or a hunk `@@ ... @@`, "
                                 f"found {line.rstrip()!r}")
            i += 1  # text before the first file (a description) is allowed, as git allows it
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("+++ "):
            raise PatchError(f"{source}, line {i + 2}: `{line.rstrip()}` is not followed by `+++ b/<file>`")
        old_name, new_name = line[4:].rstrip("\n").split("\t")[0], lines[i + 1][4:].rstrip("\n").split("\t")[0]
        if new_name == NEW_FILE or not new_name.startswith("b/"):
            raise PatchError(f"{source}, line {i + 2}: `+++ {new_name}`: a wrong solution changes or adds files "
                             "(`+++ b/<file>`); it cannot delete one")
        name = new_name[2:]
        if old_name not in (NEW_FILE, f"a/{name}"):
            raise PatchError(f"{source}, line {i + 1}: `--- {old_name}` and `+++ {new_name}` name different files")
        if name.startswith("/") or ".." in name.split("/"):
            raise PatchError(f"{source}, line {i + 2}: `{name}` is outside the exercise's folder")
        hunks = []
        i += 2
        while i < len(lines) and lines[i].startswith("@@"):
            m = HUNK_RE.match(lines[i])
            if m is None:
                raise PatchError(f"{source}, line {i + 1}: a hunk header reads `@@ -start,count +start,count @@`")
            start, count = int(m[1]), int(m[2] if m[2] is not None else 1)
            new_count = int(m[4] if m[4] is not None else 1)
            header, i = i + 1, i + 1
            old, new = [], []
            while i < len(lines) and (len(old) < count or len(new) < new_count):
                tag, body = lines[i][:1], lines[i][1:]
                if tag not in " -+":
                    break
                if i + 1 < len(lines) and lines[i + 1].rstrip("\r\n") == NO_NEWLINE:
                    body = body[:-1]  # this line has no newline in its file
                    i += 1
                if tag in " -":
                    old.append(body)
                if tag in " +":
                    new.append(body)
                i += 1
            if (len(old), len(new)) != (count, new_count):
                raise PatchError(f"{source}, line {header}: the hunk's header promises {count} old and {new_count} "
                                 f"new lines, its body has {len(old)} and {len(new)}")
            hunks.append((start, count, old, new))
        if not hunks:
            raise PatchError(f"{source}, line {i}: `+++ b/{name}` has no hunk")
        files.append((name, old_name == NEW_FILE, hunks))
    return files


def files_named(text: str, source: str) -> list[str]:
    """The files a patch changes or adds."""
    return [name for name, _, _ in _parse(text, source)]


def apply(reference: dict[str, str] | Callable[[str], str | None], text: str, source: str) -> dict[str, str]:
    """The files the patch changes or adds, as they are after it (name -> text). `reference` gives the
    reference solution's text of a file by name (None: it has no such file). Each hunk must fit exactly
    where it says; else PatchError names the patch, the file, the line and what is there instead."""
    read = reference.get if isinstance(reference, dict) else reference
    out: dict[str, str] = {}
    for name, is_new, hunks in _parse(text, source):
        if name in out:
            raise PatchError(f"{source}: `{name}` has two sections; write one per file")
        original = read(name)
        if is_new and original is not None:
            raise PatchError(f"{source}: it adds `{name}`, which the reference solution already has")
        if not is_new and original is None:
            raise PatchError(f"{source}: it changes `{name}`, which the reference solution does not have "
                             "(or has it as a binary file)")
        lines, result, at = lines_of(original or ""), [], 0
        for start, count, old, new in hunks:
            begin = start - 1 if count else start
            if begin < at or lines[begin:begin + count] != old:
                found = lines[begin:begin + count]
                where = next((k for k, (x, y) in enumerate(zip(old, found)) if x != y), min(len(old), len(found)))
                wanted = old[where].rstrip("\r\n") if where < len(old) else "(the end of the file)"
                there = found[where].rstrip("\r\n") if where < len(found) else "(the end of the file)"
                raise PatchError(f"{source}: `{name}`, line {begin + where + 1}: the patch expects {wanted!r}, "
                                 f"the reference solution has {there!r}")
            result += lines[at:begin] + new
            at = begin + count
        out[name] = "".join(result + lines[at:])
    return out
