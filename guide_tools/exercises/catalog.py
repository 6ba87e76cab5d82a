"""The exercises as data: where they live, what an exercise is (its folder, its files, its
exercise.toml), building a copy of one, finding one by name, and the `<!-- exercise: ... -->`
directive a chapter's page expands (contributing/exercises.md, "Exercises")."""
from __future__ import annotations

import ast
import difflib
import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.exercises import messages as said
from guide_tools.exercises import patches
from guide_tools.exercises.texts import MESSAGES, PATCH_STALE

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
BATTERIES = EXERCISES / "batteries"
WORK = Path(os.environ.get("EXERCISES_WORK_DIR") or ROOT / "my-exercises")  # git-ignored; tests use a temp dir
PYTEST_CONFIG = EXERCISES / "pytest.ini"
FRAMEWORKS = ("flask", "fastapi", "django")
LANGUAGES = ("en", "ko", "ru")
DATA_FILE, CHECKS_FILE, STARTER, SOLUTION, WRONG = "exercise.toml", "checks.py", "starter", "solution", "wrong"
RIGHT = "right"  # other correct solutions: the checks must accept each (contributing/exercises.md, "Exercises")
RIGHT_KEYS = {"why"}
PATCH = ".patch"  # wrong/<slug>.patch, right/<slug>.patch: a unified diff against the reference solution
WRONG_KINDS = ("fits-inputs", "protection-off", "partial", "wrong-mechanism", "weak-tests")  # contributing/exercises.md
WRONG_KEYS = {"kind", "why", "fails", "told"}
WRONG_MINIMUM = 3  # wrong solutions each exercise must have, at least (contributing/exercises.md, "Exercises")
CAUSE_RE = re.compile(r"^\[([a-z][a-z0-9_]*)\] ")  # `[not_json] GET /books/99 answered text/html, expected JSON`
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
IGNORED = shutil.ignore_patterns("__pycache__")
DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")  # what running an app leaves in a copy: not a change
CHECK_TIMEOUT = 30  # seconds one check may take (its fixtures too: a test database) before pytest-timeout stops it
RUN_TIMEOUT = 180  # seconds the whole run may take (a hang pytest-timeout cannot interrupt)
CI_LIMITS = {"check_timeout": 120, "run_timeout": 600}  # --check-all and CI: honest, not fast, on a busy machine
STATE_FILE = ".state.json"  # in WORK: the last result of each exercise, for the list
BACKUPS = ".backup"  # in WORK: what --reset moved away
def language(option: str | None = None, env: dict[str, str] | None = None) -> str:
    """The reader's language: the option, else $LANG (`ko_KR.UTF-8` -> ko), else English."""
    env = os.environ if env is None else env
    for candidate in (option, env.get("LANG", "")):
        code = (candidate or "").split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


# --------------------------------------------------------------------------- the exercises



def batteries_imported(paths: list[Path], batteries: Path | None = None) -> list[Path]:
    """The modules of exercises/batteries/ that these check files import (`from exercises.batteries
    import csrf`, `from exercises.batteries.csrf import ...`), and those the batteries import in
    turn, after the package's __init__.py; [] when none. Only what is imported: a battery's causes
    then need hints only in the exercises that use it. A missing module stops with its name."""
    batteries = batteries or BATTERIES
    package = "exercises.batteries"
    wanted: set[str] = set()
    todo = list(paths)
    while todo:
        path = todo.pop()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == package:
                found = {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith(package + "."):
                found = {node.module.split(".")[2]}
            elif isinstance(node, ast.Import):
                found = {alias.name.split(".")[2] for alias in node.names if alias.name.startswith(package + ".")}
            else:
                continue
            for name in sorted(found - wanted):
                module = batteries / f"{name}.py"
                if not module.is_file():
                    raise FileNotFoundError(f"{shown(path)} imports {package}.{name}, but {shown(module)} does not exist: "
                                            f"write it, or import an existing battery ({', '.join(sorted(p.stem for p in batteries.glob('*.py') if p.stem != '__init__')) or 'none yet'})")
                wanted.add(name)
                todo.append(module)
    return [batteries / "__init__.py", *(batteries / f"{name}.py" for name in sorted(wanted))] if wanted else []


def battery_messages(path: Path) -> list[dict[str, str]]:
    """A battery's messages (exercises/batteries/<name>.py, its MESSAGES: en template -> ko and ru) as
    [[messages]] entries, read from the source without importing the battery (the top-level
    `MESSAGES = {...}` through ast.literal_eval): the runner needs none of the packages the battery
    imports, and reads them the same in the browser. [] for a battery without MESSAGES; ValueError,
    naming the file, for a MESSAGES that is not a literal dict of templates."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "MESSAGES" for t in targets) and node.value is not None:
            try:
                value = ast.literal_eval(node.value)
            except ValueError as error:
                raise ValueError(f"{shown(path)}:{node.lineno}: MESSAGES must be a literal dict (only strings), "
                                 f"which the runner reads without importing the battery ({error})") from None
            if not isinstance(value, dict) or not all(isinstance(en, str) for en in value):
                raise ValueError(f"{shown(path)}:{node.lineno}: MESSAGES must be a dict: en template -> {{\"ko\": ..., \"ru\": ...}}")
            return [{"en": en, **(texts if isinstance(texts, dict) else {})} for en, texts in value.items()]
    return []

@dataclass(frozen=True)
class Exercise:
    """One exercise in one framework: `routing/flask`."""

    section: str  # compare
    topic: str  # routing
    framework: str  # flask
    titles: dict[str, str] = field(hash=False, compare=False)
    hints: dict[str, dict[str, str]] = field(hash=False, compare=False)  # check -> language -> hint
    starter_fails: tuple[str, ...] = ()
    settings: str = "settings"  # Django: the settings module in the reader's folder
    wrong: dict[str, dict] = field(default_factory=dict, hash=False, compare=False)  # slug -> kind, why, fails
    causes: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)  # cause -> language -> hint
    right: dict[str, dict] = field(default_factory=dict, hash=False, compare=False)  # slug -> why
    root: Path = field(default=EXERCISES, hash=False, compare=False)  # exercises/ (tests use a copy)
    messages: list = field(default_factory=list, hash=False, compare=False)  # [[messages]]: en, ko, ru (messages.py)

    @property
    def name(self) -> str:
        return f"{self.topic}/{self.framework}"

    @property
    def page(self) -> str:
        return f"{self.section}/{self.topic}.md"

    @property
    def data_file(self) -> Path:
        return self.root / self.section / self.topic / DATA_FILE

    @property
    def folder(self) -> Path:
        return self.root / self.section / self.topic / self.framework

    @property
    def starter(self) -> Path:
        return self.folder / STARTER

    @property
    def solution(self) -> Path:
        return self.folder / SOLUTION

    @property
    def checks_file(self) -> Path:
        return self.folder / CHECKS_FILE

    def work(self, work_root: Path = WORK) -> Path:
        return work_root / self.topic / self.framework

    def checks(self) -> list[str]:
        """The check names (test functions without `test_`), in the order of checks.py."""
        tree = ast.parse(self.checks_file.read_text(encoding="utf-8"))
        return [n.name.removeprefix("test_") for n in tree.body
                if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]

    def reference(self, name: str) -> Path:
        """A file of the reference solution: solution/ holds only what differs from the starter."""
        changed = self.solution / name
        return changed if changed.is_file() else self.starter / name

    def reference_files(self) -> list[str]:
        return sorted(set(self.files(STARTER)) | set(self.files(SOLUTION)))

    def patch_slugs(self, which: str = WRONG) -> list[str]:
        """The slugs of the patches under wrong/ (each a wrong solution), or under right/."""
        base = self.folder / which
        return sorted(p.stem for p in base.glob(f"*{PATCH}") if p.is_file()) if base.is_dir() else []

    def patch_file(self, slug: str, which: str = WRONG) -> Path:
        return self.folder / which / f"{slug}{PATCH}"

    def reference_texts(self, names: list[str] | None = None) -> dict[str, str]:
        """The reference solution's text files (or those of `names` it has), as on disk (bytes decoded
        from UTF-8): what a patch is written against."""
        out = {}
        for name in self.reference_files() if names is None else names:
            path = self.reference(name)
            if path.is_file() and not is_binary(path):
                out[name] = path.read_bytes().decode("utf-8")
        return out

    def variant(self, slug: str, which: str = WRONG) -> dict[str, str]:
        """The files of a wrong (or right) solution that differ from the reference solution: its patch
        applied, in memory. patches.PatchError, naming the patch and what to do, if it does not apply."""
        path = self.patch_file(slug, which)
        try:
            text = path.read_bytes().decode("utf-8")
            return patches.apply(lambda name: self.reference_texts([name]).get(name), text, shown(path))
        except UnicodeDecodeError as error:
            problem = f"{shown(path)}: not UTF-8 text ({error})"
        except patches.PatchError as error:
            problem = str(error)
        raise patches.PatchError(PATCH_STALE.format(problem=problem, name=self.name, slug=slug))

    def shared_checks(self) -> list[Path]:
        """The topic's checks shared by its frameworks (exercises/<section>/<topic>/*.py, imported by
        each checks.py as `exercises.<section>.<topic>.<module>`), then the batteries they import
        (exercises/batteries/: one rule checked alike across topics): read with checks.py, and sent
        with it to the page's Check."""
        topic = sorted(self.folder.parent.glob("*.py"))
        return [*topic, *self.batteries(topic)]

    def batteries(self, topic: list[Path] | None = None) -> list[Path]:
        """The batteries the checks.py and the topic's shared checks import (batteries_imported)."""
        topic = sorted(self.folder.parent.glob("*.py")) if topic is None else topic
        return batteries_imported([p for p in [self.checks_file, *topic] if p.is_file()], self.root / "batteries")

    def _check_trees(self) -> list[ast.Module]:
        return [ast.parse(path.read_text(encoding="utf-8")) for path in [self.checks_file, *self.shared_checks()]]

    def string_constants(self) -> set[str]:
        """Every plain string literal of checks.py (and the shared checks): a cause id handed to a
        helper that writes the tag (`rejected(response, body, "quantity_default")`) counts as used."""
        return {n.value for tree in self._check_trees() for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    def cause_tags(self) -> dict[str, str]:
        """The cause tags checks.py (and the shared checks) use, each with the check (or `module`, or
        the shared function) where it first appears: string literals and f-strings that start with `[cause_id] `."""
        found: dict[str, str] = {}
        for top in (top for tree in self._check_trees() for top in tree.body):
            where = top.name.removeprefix("test_") if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)) else "module"
            for node in ast.walk(top):
                if isinstance(node, ast.JoinedStr):
                    node = node.values[0] if node.values else None
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and (m := CAUSE_RE.match(node.value)):
                    found.setdefault(m.group(1), where)
        return found

    def message_sites(self) -> list[said.Site]:
        """Where checks.py and the shared checks compose a message (guide_tools/exercises/messages.py)."""
        return [site for path in [self.checks_file, *self.shared_checks()] if path.is_file() for site in said.sites(path)]

    def files(self, which: str) -> list[str]:
        """The files of the starter or the solution, relative to it."""
        base = self.folder / which
        return sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts)

    def command(self) -> str:
        return f"python3 dev.py exercise {self.name}"


def nav_order() -> list[str]:
    """The pages of the site's navigation, in order (`compare/routing.md`), from mkdocs.yml."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:\n")[2]
    return re.findall(r"^\s+- [^:]+: (\S+\.md)$", nav, re.MULTILINE)


def build(exercise: Exercise, into: Path, wrong: str | None = None, which: str = WRONG) -> Path:
    """The folder a reader would have: the starter, solution/'s files over it, and (for a wrong
    solution) the files wrong/<slug>.patch changes, patched (`which=RIGHT`: right/<slug>.patch's).
    `into` must not exist yet; the exercise's own folders are only read."""
    files = exercise.variant(wrong, which) if wrong is not None else {}
    shutil.copytree(exercise.starter, into, ignore=IGNORED)
    shutil.copytree(exercise.solution, into, ignore=IGNORED, dirs_exist_ok=True)
    for name, text in files.items():
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        (into / name).write_bytes(text.encode("utf-8"))
    return into


def load_all(root: Path = EXERCISES) -> list[Exercise]:
    """Every exercise, in the order of the chapters in the site's navigation."""
    found = []
    order = {page: i for i, page in enumerate(nav_order())}
    for data in sorted(root.glob(f"*/*/{DATA_FILE}"),
                       key=lambda d: order.get(f"{d.parent.parent.name}/{d.parent.name}.md", len(order))):
        section, topic = data.parent.parent.name, data.parent.name
        spec = tomllib.loads(data.read_text(encoding="utf-8"))
        found += [from_spec(section, topic, framework, spec, root) for framework in FRAMEWORKS if framework in spec]
    return found


def from_spec(section: str, topic: str, framework: str, spec: dict, root: Path = EXERCISES) -> Exercise:
    """One framework's exercise from its exercise.toml, read (the page's Check builds it this way too)."""
    fw = spec[framework]
    return Exercise(section, topic, framework, spec.get("title", {}), fw.get("hints", {}),
                    tuple(fw.get("starter_fails", ())), fw.get("settings", "settings"),
                    fw.get("wrong", {}), fw.get("causes", {}), fw.get("right", {}), root, spec.get("messages", []))


def topics(exercises: list[Exercise]) -> list[str]:
    return list(dict.fromkeys(e.topic for e in exercises))


def normalize(name: str, exercises: list[Exercise]) -> str:
    """What the reader typed, as `topic[/framework]`: any case, and the page's path accepted
    (`compare/routing`, `compare/routing.md`, `Compare/Routing/Flask`)."""
    parts = [p for p in name.strip().lower().removesuffix(".md").split("/") if p]
    if len(parts) >= 2 and parts[0] in {e.section for e in exercises} and parts[1] in topics(exercises):
        parts = parts[1:]
    return "/".join(parts)


def select(name: str, exercises: list[Exercise]) -> list[Exercise]:
    """`routing` -> every framework's version; `routing/flask` -> that one. Empty if unknown."""
    topic, _, framework = normalize(name, exercises).partition("/")
    return [e for e in exercises if e.topic == topic and (not framework or e.framework == framework)]


def nearest(name: str, choices: list[str]) -> str | None:
    """The closest of `choices` to a mistyped name (`routng` -> `routing`), if one is close."""
    found = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def shown(path: Path) -> str:
    """A path as the messages show it: from the project's root when it is inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()

# --------------------------------------------------------------------------- on the pages

# In a chapter's "Exercises" section, inside each framework's tab: the command and the hints.
DIRECTIVE_RE = re.compile(r"^(?P<indent>[ \t]*)<!-- exercise: (?P<name>[\w/.-]+) -->[ \t]*$", re.MULTILINE)

def is_binary(path: Path) -> bool:
    """Not UTF-8 text (an SQLite database the app made, an image): no line diff for it."""
    data = path.read_bytes()
    if b"\0" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def directives(markdown: str) -> list[str]:
    return [m.group("name") for m in DIRECTIVE_RE.finditer(markdown)]


def render(markdown: str, lang: str, exercises: list[Exercise] | None = None) -> str:
    """Expand each `<!-- exercise: routing/flask -->` line (the MkDocs hook calls this) into the
    command that checks the reader's copy and the hints, collapsed, from exercise.toml."""
    exercises = load_all() if exercises is None else exercises

    def block(m: re.Match) -> str:
        found = [e for e in select(m.group("name"), exercises) if e.name == m.group("name")]
        if not found:
            raise ValueError(f"`<!-- exercise: {m.group('name')} -->` names no exercise; "
                             f"the exercises are: {', '.join(e.name for e in exercises)}.")
        e, pad = found[0], m.group("indent")
        hints = [f"- `{check}`: {e.hints[check][lang]}" for check in e.checks()]
        lines = ["```bash", e.command(), "```", "", f'??? tip "{MESSAGES[lang]["hints_title"]}"', "",
                 *(f"    {line}" for line in hints)]
        return "\n".join(pad + line if line else "" for line in lines)

    return DIRECTIVE_RE.sub(block, markdown)


# --------------------------------------------------------------------------- running the checks
