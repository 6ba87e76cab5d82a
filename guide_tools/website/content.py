"""A model of the guide's content: pages, languages, snippet includes, anchors, translations.

One module, used by the MkDocs hook (so `mkdocs build` stops with a clear message) and by
the guardrail tests (so `pytest` names the file and says what to do). Standard library only.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LANGUAGES = ("en", "ko", "ru")
DEFAULT_LANGUAGE = "en"
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
SHARED_ASSETS = "assets"  # docs/assets/: language-neutral files shown by every language
STAMP_KEY = "source_hash"  # front-matter key of a translation: hash of the English page it matches
FIX_STAMP = "python3 dev.py i18n-stamp"

# `--8<-- "compare/routing/flask_app.py"` or `--8<-- "compare/routing/flask_app.py:section"`
INCLUDE_RE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$', re.MULTILINE)
BLOCK_INCLUDE_RE = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*$", re.MULTILINE)
SECTION_RE = re.compile(r"-{1,}8<-{1,}[ \t]+\[(?P<kind>start|end):(?P<name>[^\]]+)\]")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.*?)[ \t]*$", re.MULTILINE)
ANCHOR_RE = re.compile(r"\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
FRONT_MATTER_RE = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)


def rel(path: Path) -> str:
    """A path as the reader of a message wants it: relative to the repository root."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- pages


def pages(lang: str, docs: Path = DOCS) -> list[str]:
    """Page paths of one language, relative to its folder (`compare/routing.md`)."""
    base = docs / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def page_path(lang: str, page: str, docs: Path = DOCS) -> Path:
    return docs / lang / page


def missing_translations(docs: Path = DOCS) -> list[str]:
    """Messages for pages that exist in one language and not in another."""
    problems = []
    english = set(pages(DEFAULT_LANGUAGE, docs))
    for lang in TRANSLATIONS:
        here = set(pages(lang, docs)) if (docs / lang).is_dir() else set()
        for page in sorted(english - here):
            problems.append(
                f"Missing translation: docs/{lang}/{page} does not exist (docs/en/{page} does). "
                f"Write it, or copy the English page there and translate it, then run "
                f"`{FIX_STAMP} docs/{lang}/{page}`."
            )
        for page in sorted(here - english):
            problems.append(
                f"Page without an English original: docs/{lang}/{page} has no docs/en/{page}. "
                f"Every page starts in English; add docs/en/{page} or remove the stray page."
            )
    return problems


# --------------------------------------------------------------------------- markdown helpers


def strip_front_matter(text: str) -> str:
    m = FRONT_MATTER_RE.match(text)
    return text[m.end():] if m else text


def front_matter(text: str) -> dict[str, str]:
    """The flat `key: value` pairs of a page's front matter (all this project uses)."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return {}
    out = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip().strip("'\"")
    return out


def strip_fences(text: str) -> str:
    """The text without fenced code blocks (so a `# comment` in code is not a heading)."""
    return FENCE_RE.sub("", text)


# --------------------------------------------------------------------------- includes


@dataclass(frozen=True)
class Include:
    target: str  # as written: "compare/routing/flask_app.py:static"
    line: int

    @property
    def file(self) -> str:
        return self._split()[0]

    @property
    def section(self) -> str | None:
        return self._split()[1]

    def _split(self) -> tuple[str, str | None]:
        # "path", "path:section" (pymdownx also allows line ranges "path:3:9"; this project does not)
        path, sep, section = self.target.partition(":")
        return path, (section or None) if sep else None


def includes(text: str) -> list[Include]:
    text = strip_front_matter(text)
    return [Include(m.group("target"), text.count("\n", 0, m.start()) + 1) for m in INCLUDE_RE.finditer(text)]


def sections(snippet_text: str) -> dict[str, list[str]]:
    """Section name -> the kinds of marker found (`start`, `end`)."""
    found: dict[str, list[str]] = {}
    for m in SECTION_RE.finditer(snippet_text):
        found.setdefault(m.group("name"), []).append(m.group("kind"))
    return found


EXERCISES_PREFIX = "exercises/"  # an exercise's starter or solution, included by its path from the root


def include_source(file: str, snippets: Path = SNIPPETS) -> Path:
    """The file an include names: `compare/routing/flask_app.py` under snippets/, or an exercise's
    file by its path from the repository root (`exercises/compare/routing/flask/starter/app.py`;
    pymdownx.snippets' second base path is the root)."""
    return snippets.parent / file if file.startswith(EXERCISES_PREFIX) else snippets / file


def include_problems(page: Path, text: str | None = None, snippets: Path = SNIPPETS) -> list[str]:
    """Messages for includes of one page that point at a missing snippet file or section."""
    text = page.read_text(encoding="utf-8") if text is None else text
    where = rel(page)
    problems = []
    if BLOCK_INCLUDE_RE.search(strip_fences(strip_front_matter(text))):
        problems.append(
            f'{where}: uses the block form of `--8<--`; write one `--8<-- "path"` line per file so '
            "the guardrails can see what the page includes."
        )
    for inc in includes(text):
        file = include_source(inc.file, snippets)
        shown = inc.file if inc.file.startswith(EXERCISES_PREFIX) else f"snippets/{inc.file}"
        if not file.is_file():
            problems.append(
                f'{where}:{inc.line}: includes "{inc.file}", but {shown} does not exist. '
                "Create the snippet file or correct the path (paths are relative to snippets/, "
                f"or to the root for `{EXERCISES_PREFIX}...`)."
            )
            continue
        if inc.section is not None:
            if not re.fullmatch(r"[\w.-]+", inc.section):
                problems.append(
                    f'{where}:{inc.line}: "{inc.target}" is not `path` or `path:section`; '
                    "line ranges are not used in this project, mark a named section instead."
                )
                continue
            kinds = sections(file.read_text(encoding="utf-8")).get(inc.section, [])
            if sorted(kinds) != ["end", "start"]:
                problems.append(
                    f'{where}:{inc.line}: includes section "{inc.section}" of {shown}, '
                    f"which has no matching `# --8<-- [start:{inc.section}]` / `[end:{inc.section}]` "
                    "pair. Add the markers around the code or correct the section name."
                )
    return problems


# --------------------------------------------------------------------------- anchors


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str | None
    line: int


def headings(text: str) -> list[Heading]:
    body = strip_fences(strip_front_matter(text))
    out = []
    for m in HEADING_RE.finditer(body):
        a = ANCHOR_RE.search(m.group("title"))
        out.append(Heading(len(m.group("hashes")), m.group("title"), a.group("id") if a else None, body.count("\n", 0, m.start()) + 1))
    return out


# --------------------------------------------------------------------------- translations


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def english_of(translated: Path, docs: Path = DOCS) -> Path:
    rel_to_docs = translated.resolve().relative_to(docs.resolve())
    return docs / DEFAULT_LANGUAGE / Path(*rel_to_docs.parts[1:])


def stamp(translated: Path, docs: Path = DOCS) -> str:
    """Record in `translated` that it matches the current English page. Returns the new hash."""
    english = english_of(translated, docs)
    digest = content_hash(english.read_text(encoding="utf-8"))
    text = translated.read_text(encoding="utf-8")
    m = FRONT_MATTER_RE.match(text)
    if m:
        lines = [line for line in m.group("body").splitlines() if not line.startswith(f"{STAMP_KEY}:")]
        lines.append(f"{STAMP_KEY}: {digest}")
        text = "---\n" + "\n".join(lines) + "\n---\n" + text[m.end():]
    else:
        text = f"---\n{STAMP_KEY}: {digest}\n---\n\n" + text
    translated.write_text(text, encoding="utf-8")
    return digest


def drift_problems(docs: Path = DOCS) -> list[str]:
    """Messages for translations whose recorded English hash is not the English page's hash."""
    problems = []
    for lang in TRANSLATIONS:
        for page in pages(lang, docs):
            translated = page_path(lang, page, docs)
            english = page_path(DEFAULT_LANGUAGE, page, docs)
            if not english.is_file():
                continue  # reported by missing_translations
            recorded = front_matter(translated.read_text(encoding="utf-8")).get(STAMP_KEY)
            current = content_hash(english.read_text(encoding="utf-8"))
            if recorded is None:
                problems.append(
                    f"docs/{lang}/{page} does not record which version of docs/en/{page} it translates. "
                    f"Once it matches the English page, run `{FIX_STAMP} docs/{lang}/{page}`."
                )
            elif recorded != current:
                problems.append(
                    f"Drifted translation: docs/en/{page} changed after docs/{lang}/{page} was last "
                    f"brought up to date (recorded {recorded}, English page is now {current}). "
                    f"Review the English diff (`git log -p docs/en/{page}`), update the {lang} page, "
                    f"then run `{FIX_STAMP} docs/{lang}/{page}`."
                )
    return problems


# --------------------------------------------------------------------------- language of prose

_SCRIPTS = {"ko": "HANGUL", "ru": "CYRILLIC", "en": "LATIN"}
_NOT_PROSE = [
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<[^>\n]*>"),  # html tags
    re.compile(r"\{[^}\n]*\}"),  # attribute lists / anchors
    re.compile(r"https?://\S+"),
    INCLUDE_RE,
]


def prose(text: str) -> str:
    text = strip_fences(strip_front_matter(text))
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def script_share(text: str, lang: str) -> float:
    """Share of the letters in the page's prose that are in the script of `lang`."""
    script = _SCRIPTS[lang]
    letters = [c for c in prose(text) if c.isalpha()]
    if not letters:
        return 0.0
    hits = sum(1 for c in letters if unicodedata.name(c, "").startswith(script))
    return hits / len(letters)


# --------------------------------------------------------------------------- internal links

LINK_RE = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
ID_RE = re.compile(r"\{[^}\n]*#(?P<attr>[A-Za-z0-9_-]+)[^}\n]*\}|\bid=\"(?P<html>[^\"]+)\"")


def anchors_of(text: str) -> set[str]:
    """Every id a page defines explicitly: heading anchors, attribute lists, html ids."""
    body = strip_fences(strip_front_matter(text))
    return {m.group("attr") or m.group("html") for m in ID_RE.finditer(body)}


@functools.lru_cache(maxsize=1024)
def _anchors_of_file(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    return frozenset(anchors_of(path.read_text(encoding="utf-8")))


def anchors_in(path: Path) -> frozenset[str]:
    """anchors_of() a page file, read once per version of it: every page links to a few others, and
    a whole-site check would otherwise parse each linked page once per link."""
    stat = path.stat()
    return _anchors_of_file(path, stat.st_mtime_ns, stat.st_size)


def link_problems(lang: str, page: str, docs: Path = DOCS) -> list[str]:
    """Messages for links of one page to a page, file or anchor of the site that does not exist."""
    source = page_path(lang, page, docs)
    text = source.read_text(encoding="utf-8")
    problems = []
    for m in LINK_RE.finditer(strip_fences(strip_front_matter(text))):
        target = m.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ... (see `dev.py check-links`)
            continue
        path_part, _, anchor = target.partition("#")
        if path_part:
            resolved = (source.parent / path_part).resolve()
            in_lang = resolved.is_file()
            try:  # a language-neutral asset is linked as if it sat in the language folder
                rel_to_lang = resolved.relative_to((docs / lang).resolve())
                in_shared = (docs / rel_to_lang).is_file() and rel_to_lang.parts[0] == SHARED_ASSETS
            except ValueError:
                in_shared = False
            if not (in_lang or in_shared):
                problems.append(
                    f"docs/{lang}/{page}: links to '{target}', but there is no such file "
                    f"(looked for {rel(resolved)}). Fix the path; pages link to each other by their "
                    "path relative to the linking page, the same in every language."
                )
                continue
            target_file = resolved
        else:
            target_file = source
        if anchor and target_file.suffix == ".md" and anchor not in anchors_in(target_file):
            problems.append(
                f"docs/{lang}/{page}: links to '{target}', but {rel(target_file)} has no heading or "
                f"element with the anchor '#{anchor}'. Fix the link, or give the heading an explicit "
                f"anchor `{{ #{anchor} }}` (in every language)."
            )
    return problems


# --------------------------------------------------------------------------- code annotations

ANNOTATION_RE = re.compile(r"#\s*\((\d+)\)!")
OPEN_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")


def included_text(inc: Include, snippets: Path = SNIPPETS) -> str:
    """The text an include puts on the page: the whole file, or one section of it."""
    text = include_source(inc.file, snippets).read_text(encoding="utf-8")
    if inc.section is None:
        return text
    start, end = f"[start:{inc.section}]", f"[end:{inc.section}]"
    return text.split(start, 1)[1].split(end, 1)[0] if start in text and end in text else ""


ADMONITION_TITLE_RE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s+"(?P<title>.*)"\s*$')


def title_problems(page: Path) -> list[str]:
    """An admonition or details title is not a string literal: pymdownx shows `\\"` as a backslash
    and a quote. Quotes inside the title need no escaping (the title runs to the last quote)."""
    text = page.read_text(encoding="utf-8")
    offset = len(text.splitlines()) - len(strip_front_matter(text).splitlines())
    return [
        f"{rel(page)}:{number + offset}: the title of this admonition contains \\\" and the reader would see "
        f"the backslash. Write plain quotes inside the title: ??? question \"Why `x[\"a\"]`?\""
        for number, line in enumerate(strip_front_matter(text).splitlines(), start=1)
        if (m := ADMONITION_TITLE_RE.match(line)) and '\\"' in m.group("title")
    ]


def annotation_problems(page: Path, snippets: Path = SNIPPETS) -> list[str]:
    """Each code block whose code has `# (n)!` markers must be followed by a numbered list with
    as many items, at the block's indentation (Material code annotations), in every language."""
    lines = strip_front_matter(page.read_text(encoding="utf-8")).splitlines()
    problems, i = [], 0
    while i < len(lines):
        m = OPEN_FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, start = m.group("indent"), m.group("fence"), i
        i += 1
        body = []
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i])
            i += 1
        i += 1  # closing fence
        code = "\n".join(body)
        for inc in includes(code):
            if include_source(inc.file, snippets).is_file():
                code += "\n" + included_text(inc, snippets)
        markers = {int(n) for n in ANNOTATION_RE.findall(code)}
        if not markers:
            continue
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        items = 0
        item_re = re.compile(rf"^{re.escape(indent)}(\d+)\.\s")
        while j < len(lines):
            line = lines[j]
            if item_re.match(line):
                items += 1
            elif line.strip() and not line.startswith(indent + " ") and not line.startswith(indent + "\t"):
                break
            elif OPEN_FENCE_RE.match(line) and len(OPEN_FENCE_RE.match(line).group("indent")) <= len(indent):
                break
            j += 1
        if items != max(markers):
            problems.append(
                f"{rel(page)}:{start + 1}: the code block has annotation markers (1)…({max(markers)}) but "
                f"{items} numbered list items follow it. Put exactly one item per marker right after "
                "the block, at the block's indentation, in every language."
            )
    return problems


# --------------------------------------------------------------------------- self-check quizzes

CHAPTER_SECTIONS = ("compare", "django", "performance")  # every page in these folders is a chapter
CHECK_ANCHOR = "check-yourself"
QUIZ_OPEN, QUIZ_CLOSE = "<quiz>", "</quiz>"
QUIZ_OPTION_RE = re.compile(r"^[-*] \[(?P<mark>[ xX])\] (?P<text>.+)$")
MIN_OPTIONS, MAX_OPTIONS = 3, 4  # the right answer and 2-3 wrong ones that a reader could believe
QUIZ_FORMAT = "see contributing/pages-and-translations.md, \"Self-check quizzes\""


def chapter_pages(lang: str = DEFAULT_LANGUAGE, docs: Path = DOCS) -> list[str]:
    return [page for page in pages(lang, docs) if page.split("/", 1)[0] in CHAPTER_SECTIONS]


@dataclass(frozen=True)
class Quiz:
    line: int  # of `<quiz>`, in the file (front matter counted)
    question: str
    options: tuple[tuple[bool, str], ...]  # (is it correct, text), in page order
    explanation: str
    in_check_section: bool

    @property
    def correct(self) -> tuple[int, ...]:
        return tuple(i for i, (right, _) in enumerate(self.options) if right)


def _check_section_lines(lines: list[str]) -> tuple[int, int] | None:
    """0-based [start, end) line range of the `{ #check-yourself }` section, fences ignored."""
    start, fence = None, None
    for i, line in enumerate(lines):
        m = OPEN_FENCE_RE.match(line)
        if m and (fence is None or line.strip().startswith(fence)):
            fence = None if fence else m.group("fence")
            continue
        if fence:
            continue
        h = HEADING_RE.match(line)
        if h and start is None and (a := ANCHOR_RE.search(h.group("title"))) and a.group("id") == CHECK_ANCHOR:
            start = i
        elif h and start is not None and len(h.group("hashes")) <= 2:
            return start, i
    return (start, len(lines)) if start is not None else None


def quizzes(text: str) -> tuple[list[Quiz], list[str]]:
    """The `<quiz>` blocks of a page and the problems of their syntax (as `line: message`)."""
    lines = text.splitlines()
    section = _check_section_lines(lines)
    found, problems, i = [], [], 0
    while i < len(lines):
        if lines[i].strip() != QUIZ_OPEN:
            i += 1
            continue
        start = i
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() in (QUIZ_CLOSE, QUIZ_OPEN)), None)
        if end is None or lines[end].strip() != QUIZ_CLOSE:
            problems.append(f"{start + 1}: `<quiz>` is not closed; end the question with a line `</quiz>`.")
            i = start + 1
            continue
        body = [line.strip() for line in lines[start + 1:end]]
        first = next((k for k, line in enumerate(body) if QUIZ_OPTION_RE.match(line)), len(body))
        last = first
        while last < len(body) and QUIZ_OPTION_RE.match(body[last]):
            last += 1
        options = tuple(
            ((m := QUIZ_OPTION_RE.match(line)).group("mark") != " ", m.group("text")) for line in body[first:last]
        )
        in_section = section is not None and section[0] < start < section[1]
        found.append(Quiz(start + 1, " ".join(x for x in body[:first] if x), options,
                          "\n".join(body[last:]).strip(), in_section))
        i = end + 1
    return found, problems


def quiz_problems(page: Path, lang: str | None = None, rel_page: str | None = None) -> list[str]:
    """Messages for one page's quizzes: syntax, options, explanation, and (for a chapter) that its
    "Check yourself" section is a quiz rather than the old `??? question` blocks."""
    text = page.read_text(encoding="utf-8")
    where = rel(page)
    found, problems = quizzes(text)
    problems = [f"{where}:{p}" for p in problems]
    is_chapter = rel_page is not None and rel_page.split("/", 1)[0] in CHAPTER_SECTIONS
    lines = text.splitlines()
    section = _check_section_lines(lines)
    if is_chapter:
        if section is None:
            problems.append(
                f"{where}: a chapter needs a `## … {{ #{CHECK_ANCHOR} }}` section with its self-check quiz; "
                f"add it at the end of the page ({QUIZ_FORMAT})."
            )
        else:
            old = [i + 1 for i in range(*section) if lines[i].lstrip().startswith("??? question")]
            for number in old:
                problems.append(
                    f"{where}:{number}: a `??? question` block in \"Check yourself\"; turn it into a `<quiz>` "
                    f"block: the question, the options (`- [x]` the right one, `- [ ]` 2-3 wrong ones a reader "
                    f"could believe), then the old answer as the explanation ({QUIZ_FORMAT})."
                )
            if not any(q.in_check_section for q in found) and not old:
                problems.append(
                    f"{where}:{section[0] + 1}: \"Check yourself\" has no `<quiz>` block; every chapter ends with "
                    f"a self-check quiz ({QUIZ_FORMAT})."
                )
    for q in found:
        at = f"{where}:{q.line}"
        if not q.question:
            problems.append(f"{at}: the quiz has no question; write it on the line after `<quiz>`.")
        if not MIN_OPTIONS <= len(q.options) <= MAX_OPTIONS:
            problems.append(
                f"{at}: the quiz has {len(q.options)} option(s); give {MIN_OPTIONS}-{MAX_OPTIONS}: one `- [x]` "
                "right answer and 2-3 `- [ ]` wrong ones, one per line, right after the question."
            )
        if not q.correct:
            problems.append(f"{at}: no option is marked right; mark the right answer `- [x]`.")
        if not q.explanation:
            problems.append(
                f"{at}: the quiz has no explanation; after the options, leave a blank line and explain the "
                "answer (the reader sees it after answering)."
            )
    return problems


def quiz_consistency_problems(rel_page: str, docs: Path = DOCS) -> list[str]:
    """Messages where a translation's quizzes differ from the English page's in number, number of
    options or which options are right (the reader of any language must get the same quiz)."""
    english_path = page_path(DEFAULT_LANGUAGE, rel_page, docs)
    english, _ = quizzes(english_path.read_text(encoding="utf-8"))
    problems = []
    for lang in TRANSLATIONS:
        path = page_path(lang, rel_page, docs)
        if not path.is_file():
            continue  # reported by missing_translations
        here, _ = quizzes(path.read_text(encoding="utf-8"))
        if len(here) != len(english):
            problems.append(
                f"{rel(path)}: has {len(here)} quiz question(s), {rel(english_path)} has {len(english)}. "
                "Translate every English question, in the same order, and no others."
            )
            continue
        for n, (en_q, q) in enumerate(zip(english, here), start=1):
            if len(q.options) != len(en_q.options) or q.correct != en_q.correct:
                problems.append(
                    f"{rel(path)}:{q.line}: question {n} has {len(q.options)} options, right: "
                    f"{[i + 1 for i in q.correct]}; {rel(english_path)}:{en_q.line} has {len(en_q.options)}, right: "
                    f"{[i + 1 for i in en_q.correct]}. Keep the options in the English order, translated, "
                    "with the same one(s) marked `- [x]`."
                )
    return problems


# --------------------------------------------------------------------------- every check of a source


def page_problems(lang: str, page: str, docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[str]:
    """What the build checks in one page's source: its includes, links, quizzes, annotations, title."""
    source = page_path(lang, page, docs)
    return (include_problems(source, None, snippets) + link_problems(lang, page, docs)
            + quiz_problems(source, lang, page) + annotation_problems(source, snippets) + title_problems(source))


def site_problems(docs: Path = DOCS) -> list[str]:
    """What no single page shows: pages missing in a language, quizzes that differ between them."""
    problems = missing_translations(docs)
    for page in pages(DEFAULT_LANGUAGE, docs):
        problems += quiz_consistency_problems(page, docs)
    return problems


def source_problems(docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[str]:
    """Every problem the build reports from the sources alone, for all pages of all languages:
    a build can state them all before it renders a page (guide_tools/website/mkdocs_hooks.py, on_pre_build)."""
    problems = site_problems(docs)
    for lang in LANGUAGES:
        if (docs / lang).is_dir():
            for page in pages(lang, docs):
                problems += page_problems(lang, page, docs, snippets)
    return problems
