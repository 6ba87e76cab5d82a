"""What a page's prose is, for the terminology and style checks: a Markdown text with code, link
targets, HTML, attribute lists, blockquotes and includes blanked out (lines and columns kept), and
its sentences and paragraphs. Used by terminology.py and style_checks.py."""

from __future__ import annotations

import re

from guide_tools.website import content

_FENCE_LINE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Not prose: replaced by spaces of the same length, so columns and line numbers stay true.
_NOT_PROSE = [
    re.compile(r"`(?:[^`\n]|\n(?![ \t]*\n))+`"),  # inline code, also across a line break
    # link targets; the `]` stays, so a rejected chapter title can be matched as a whole link text
    re.compile(r"(?<=\])\([^)\n]*\)"),
    re.compile(r"<!--.*?-->", re.DOTALL),  # comments
    re.compile(r"<[^>\n]*>"),  # html tags
    re.compile(r"\{[^}\n]*\}"),  # attribute lists / anchors
    re.compile(r"https?://\S+"),
    re.compile(r"^[ \t]*>.*$", re.MULTILINE),  # blockquotes: another text's words
    re.compile(r'^[ \t]*===\+? ".*"[ \t]*$', re.MULTILINE),  # tab labels: the same in every language
    content.INCLUDE_RE,
]
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。])\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])")



def _block_lines(lines: list[str]) -> set[int]:
    """The indices of the lines that belong to the front matter or a fenced code block."""
    blocks, fence = set(), None
    in_front = bool(lines) and lines[0] == "---"
    for i, line in enumerate(lines):
        if in_front:
            blocks.add(i)
            if i > 0 and line == "---":
                in_front = False
            continue
        m = _FENCE_LINE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)
            blocks.add(i)
            continue
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            blocks.add(i)
    return blocks


def prose_lines(text: str) -> list[str]:
    """The page's lines with everything that is not prose blanked out (same lines and columns)."""
    lines = text.split("\n")
    blocks = _block_lines(lines)
    out = [" " * len(line) if i in blocks else line for i, line in enumerate(lines)]
    body = "\n".join(out)
    for pattern in _NOT_PROSE:
        body = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return body.split("\n")


def _sentences(body: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs: split at sentence ends, blank lines and list items."""
    out, start = [], 0
    for m in _SENTENCE_END_RE.finditer(body):
        out.append((start, body[start : m.start()]))
        start = m.end()
    out.append((start, body[start:]))
    return out


def _paragraph(body: str, offset: int) -> str:
    """The paragraph (text between blank lines) around `offset`: a quiz question with its options,
    a list item with its neighbours."""
    starts = [m.end() for m in _BLANK_LINE_RE.finditer(body, 0, offset)]
    end = _BLANK_LINE_RE.search(body, offset)
    return body[starts[-1] if starts else 0 : end.start() if end else len(body)]
