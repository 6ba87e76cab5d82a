"""`python3 dev.py mutate`: does changing a line a page shows fail a test? (contributing/tests.md, "Mutation testing")

    python -m guide_tools.devtools.mutate docs/en/compare/routing.md   every Python line that page shows
    python -m guide_tools.devtools.mutate snippets/compare/routing/flask_app.py   the shown lines of a file
    python -m guide_tools.devtools.mutate --changed                    shown lines changed against main
    python -m guide_tools.devtools.mutate --sample 30 --seed 20261126  shown lines at random, per section
    python -m guide_tools.devtools.mutate --one FILE:OPERATOR:N        one mutant: apply it, run its tests
    python -m guide_tools.devtools.mutate docs/en/compare/routing.md --per-line 0 --limit 25 --counts c.json
                                                                       the whole-guide pass, one page (the monthly workflow)
    python -m guide_tools.devtools.mutate --tally DIR                  its table: every page's counts, per section

The mutation operators, the mutant's application and the test run come from cosmic-ray (it edits
the file on disk, so a test that starts a server in a subprocess or loads a settings module whole
sees the mutant). What is ours is what this guide knows: which lines a page shows (the `--8<--`
includes of docs/en/, through guide_tools/website/content.py), which test module belongs to a
snippet (tests/<section>/test_<topic>.py), the page sentence a line serves, and the report.

Mutants run on copies of the repository (one per worker), never on the working tree. Results go
to .cache/mutate/<run>.sqlite (cosmic-ray's work database): the same command again resumes.
Reviewed equivalent mutants (tests/mutation_equivalents.toml) are reported apart.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cosmic_ray import plugins
from cosmic_ray.ast import ast_nodes, get_ast_from_path
from cosmic_ray.mutating import mutate_and_test
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import MutationSpec, TestOutcome, WorkerOutcome, WorkItem, WorkResult

from guide_tools.website import content

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENTS = "tests/mutation_equivalents.toml"
RUNS = ".cache/mutate"
COMMAND = "python3 dev.py mutate"
HOME_SECTION = "overview"  # pages at the top of docs/en/ (index.md) count with the overview


# --------------------------------------------------------------------------- what the pages show


@dataclass(frozen=True)
class Shown:
    """One page's include of a line: the page (docs/en/...) and the prose just before the include."""

    page: str
    sentence: str


def page_section(page: str) -> str:
    parts = Path(page).parts
    return parts[0] if len(parts) > 1 else HOME_SECTION


_ANNOTATION = re.compile(r"^\d+\.\s")  # Material's code annotations: `1.  ...` under the block
_NOT_PROSE = re.compile(r"^\s*(?:$|`{3,}|~{3,}|===|!!!|\?\?\?|-{1,}8<-{1,}|<|\|)")


def sentence_before(text: str, line: int, limit: int = 320) -> str:
    """The prose paragraph just before line `line` (1-based) of `text`: what the included code serves.
    Blank lines, fences, tabs, admonition markers and other includes in between are passed over."""
    lines = text.splitlines()
    index = line - 2
    paragraph: list[str] = []
    while index >= 0 and (not paragraph or _ANNOTATION.match(paragraph[0])):
        paragraph = []  # a numbered list right after a block annotates that block: look further up
        while index >= 0 and _NOT_PROSE.match(lines[index]):
            index -= 1
        while index >= 0 and not _NOT_PROSE.match(lines[index]):
            paragraph.insert(0, lines[index].strip())
            if lines[index].lstrip().startswith("#"):
                break  # a heading ends the paragraph (and stands in for one if there is none)
            index -= 1
    prose = " ".join(paragraph).lstrip("#").strip()
    return prose if len(prose) <= limit else "…" + prose[-limit:].split(" ", 1)[-1]


def _span(text: str, section: str | None) -> range:
    """The 1-based line numbers an include shows: the whole file, or the lines between its markers."""
    lines = text.splitlines()
    if section is None:
        return range(1, len(lines) + 1)
    start = next((n for n, s in enumerate(lines, 1) if f"[start:{section}]" in s), None)
    end = next((n for n, s in enumerate(lines, 1) if f"[end:{section}]" in s), None)
    return range(start + 1, end) if start and end else range(0)


def shown_lines(root: Path = ROOT) -> dict[tuple[str, int], list[Shown]]:
    """(snippet file from the root, line) -> the English pages that show it, in page order.
    Python files only (the operators are Python's); exercises' files are left out."""
    docs, snippets = root / "docs", root / "snippets"
    found: dict[tuple[str, int], list[Shown]] = {}
    for page in content.pages(content.DEFAULT_LANGUAGE, docs):
        text = content.strip_front_matter(content.page_path(content.DEFAULT_LANGUAGE, page, docs).read_text(encoding="utf-8"))
        for inc in content.includes(text):
            path = content.include_source(inc.file, snippets)
            if inc.file.startswith(content.EXERCISES_PREFIX) or path.suffix != ".py" or not path.is_file():
                continue
            shown = Shown(page, sentence_before(text, inc.line))
            file = path.relative_to(root).as_posix()
            for number in _span(path.read_text(encoding="utf-8"), inc.section):
                entries = found.setdefault((file, number), [])
                if all(entry.page != page for entry in entries):
                    entries.append(shown)
    return found


MUTATION_SCOPE = re.compile(r'^MUTATION_SCOPE = r"(.+)"$', re.MULTILINE)


def rule_modules(file: str, root: Path = ROOT) -> tuple[str, ...]:
    """The tests/site/ modules that check a rule over many snippets and name them with a
    module-level `MUTATION_SCOPE = r"<regex>"`, searched in the snippet's text (multiline)."""
    path = root / file
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = []
    for path in sorted((root / "tests" / "site").glob("test_*.py")):
        scope = MUTATION_SCOPE.search(path.read_text(encoding="utf-8"))
        if scope and re.search(scope.group(1), text, re.MULTILINE):
            found.append(path.relative_to(root).as_posix())
    return tuple(found)


def test_modules(file: str, root: Path = ROOT) -> tuple[str, ...]:
    """The test modules of a snippet: the mirrored tests/<section>/test_<topic>.py and those of
    tests/<section>/ that name the topic (`<section>.<topic>` or `<section>/<topic>/`: a chapter's
    listings may be tested in another chapter's module); then the rule modules whose
    MUTATION_SCOPE matches it."""
    parts = Path(file).parts[1:]  # under snippets/
    if len(parts) < 2:
        return ()
    section, topic = parts[0], Path(parts[1]).stem
    names = dict.fromkeys((f"test_{topic}.py", f"test_{topic.replace('-', '_')}.py"))
    mirrored = tuple(f"tests/{section}/{name}" for name in names if (root / "tests" / section / name).is_file())
    mentions = (f"{section}.{topic}", f"{section}/{topic}/")
    naming = tuple(path.relative_to(root).as_posix() for path in sorted((root / "tests" / section).glob("test_*.py"))
                   if path.relative_to(root).as_posix() not in mirrored
                   and any(name in path.read_text(encoding="utf-8") for name in mentions))
    chapter = mirrored + naming
    return chapter + rule_modules(file, root) if chapter else ()


# --------------------------------------------------------------------------- mutants


@dataclass(frozen=True)
class Mutant:
    file: str
    line: int
    operator: str
    occurrence: int
    start: tuple[int, int]
    end: tuple[int, int]
    page: str = ""
    sentence: str = ""
    tests: tuple[str, ...] = ()
    equivalent: str = ""  # the reviewed reason, if it is listed as equivalent

    @property
    def job_id(self) -> str:
        return hashlib.sha1(f"{self.file}:{self.operator}:{self.occurrence}:{self.start}".encode()).hexdigest()[:16]

    @property
    def name(self) -> str:
        return f"{self.file}:{self.operator}:{self.occurrence}"

    def spec(self) -> MutationSpec:
        return MutationSpec(module_path=Path(self.file), operator_name=self.operator, occurrence=self.occurrence,
                            start_pos=self.start, end_pos=self.end, operator_args={})


def sites(file: str, root: Path = ROOT) -> dict[int, list[Mutant]]:
    """Every mutant cosmic-ray's core operators make in one file, by line (as `cosmic-ray init` counts
    occurrences: per operator, in the order of the syntax tree)."""
    module = get_ast_from_path(root / file)
    nodes = list(ast_nodes(module))
    found: dict[int, list[Mutant]] = {}
    for name in sorted(plugins.operator_names()):
        operator = plugins.get_operator(name)
        if operator.arguments():
            continue  # operators that need arguments are configured per project; none here
        positions = (pos for node in nodes for pos in operator().mutation_positions(node))
        for occurrence, (start, end) in enumerate(positions):
            found.setdefault(start[0], []).append(Mutant(file, start[0], name, occurrence, tuple(start), tuple(end)))
    return found


def load_equivalents(root: Path = ROOT) -> list[dict[str, str]]:
    path = root / EQUIVALENTS
    if not path.is_file():
        return []
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    except tomllib.TOMLDecodeError as error:
        raise SystemExit(f"{EQUIVALENTS}: {error}; each entry is [[equivalent]] with file, code, operator and reason")
    for n, entry in enumerate(entries, 1):
        missing = {"file", "code", "operator", "reason"} - entry.keys()
        if missing:
            raise SystemExit(f"{EQUIVALENTS}: entry {n} lacks {', '.join(sorted(missing))} (file, code: the line as written, operator, reason)")
    return entries


def _dress(mutant: Mutant, shown: list[Shown], root: Path, equivalents: list[dict[str, str]], page: str | None) -> Mutant:
    chosen = next((s for s in shown if s.page == page), shown[0])
    code = (root / mutant.file).read_text(encoding="utf-8").splitlines()[mutant.line - 1].strip()
    reason = next((e["reason"] for e in equivalents if e["file"] == mutant.file and e["operator"] == mutant.operator
                   and e["code"].strip() == code), "")
    return Mutant(mutant.file, mutant.line, mutant.operator, mutant.occurrence, mutant.start, mutant.end,
                  chosen.page, chosen.sentence, test_modules(mutant.file, root), reason)


def select(lines: list[tuple[str, int]], shown: dict[tuple[str, int], list[Shown]], root: Path, rng: random.Random,
           per_line: int, page: str | None = None) -> list[Mutant]:
    """Up to `per_line` mutants (0: all) of each line, chosen at random by `rng`."""
    equivalents = load_equivalents(root)
    cache: dict[str, dict[int, list[Mutant]]] = {}
    chosen = []
    for file, line in lines:
        if file not in cache:
            cache[file] = sites(file, root)
        candidates = cache[file].get(line, [])
        picked = candidates if per_line == 0 or len(candidates) <= per_line else rng.sample(candidates, per_line)
        chosen += [_dress(m, shown[(file, line)], root, equivalents, page) for m in picked]
    return chosen


def limited(mutants: list[Mutant], limit: int, rng: random.Random) -> list[Mutant]:
    """At most `limit` of the mutants, spread over their lines: one of each line (lines in random
    order) before a second of any, and so on. 0: all of them."""
    if not limit or len(mutants) <= limit:
        return mutants
    by_line: dict[tuple[str, int], list[Mutant]] = {}
    for mutant in mutants:
        by_line.setdefault((mutant.file, mutant.line), []).append(mutant)
    queues = [rng.sample(found, len(found)) for found in by_line.values()]
    rng.shuffle(queues)
    chosen: list[Mutant] = []
    while len(chosen) < limit:
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop())
    order = {id(m): n for n, m in enumerate(mutants)}
    return sorted(chosen, key=lambda m: order[id(m)])


def _is_code(root: Path, file: str, line: int) -> bool:
    text = (root / file).read_text(encoding="utf-8").splitlines()
    return line <= len(text) and bool(text[line - 1].split("#", 1)[0].strip())


def sample(shown: dict[tuple[str, int], list[Shown]], count: int, seed: int, root: Path = ROOT) -> list[Mutant]:
    """`count` shown lines at random, stratified by the section of the page that shows them (an even
    share each, the remainder to sections drawn at random), one mutant of each. Same seed, same tree:
    same mutants."""
    rng = random.Random(seed)
    by_section: dict[str, list[tuple[str, int]]] = {}
    for key in sorted(shown):
        by_section.setdefault(page_section(shown[key][0].page), []).append(key)
    sections = sorted(by_section)
    quota = dict.fromkeys(sections, count // len(sections)) if sections else {}
    for section in rng.sample(sections, count % len(sections)) if sections else []:
        quota[section] += 1
    equivalents = load_equivalents(root)
    cache: dict[str, dict[int, list[Mutant]]] = {}
    chosen = []
    for section in sections:
        candidates = by_section[section][:]
        rng.shuffle(candidates)
        taken = 0
        for file, line in candidates:
            if taken == quota[section]:
                break
            if not _is_code(root, file, line):
                continue
            if file not in cache:
                cache[file] = sites(file, root)
            if cache[file].get(line):
                chosen.append(_dress(rng.choice(cache[file][line]), shown[(file, line)], root, equivalents, None))
                taken += 1
    return chosen


_HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def changed_lines(root: Path = ROOT, base: str = "main") -> set[tuple[str, int]]:
    """Lines of snippets/*.py that differ from where this branch left `base`: commits and work tree."""
    git = ["git", "-C", str(root)]
    try:
        fork = subprocess.run([*git, "merge-base", base, "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"dev.py mutate --changed: git cannot find where this branch left {base!r} ({error.stderr.strip()}); "
                         f"pass --base with a branch that exists")
    diff = subprocess.run([*git, "diff", "--unified=0", "--no-color", "--no-ext-diff", fork, "--", "snippets/"],
                          capture_output=True, text=True, check=True).stdout
    found: set[tuple[str, int]] = set()
    for chunk in diff.split("\ndiff --git ")[0:]:
        target = re.search(r"^\+\+\+ b/(\S+)", chunk, re.MULTILINE)
        if not target or not target.group(1).endswith(".py"):
            continue
        for hunk in _HUNK.finditer(chunk):
            start, length = int(hunk.group(1)), int(hunk.group(2) or 1)
            found |= {(target.group(1), n) for n in range(start, start + length)}
    untracked = subprocess.run([*git, "ls-files", "--others", "--exclude-standard", "--", "snippets/"],
                               capture_output=True, text=True, check=True).stdout.split()
    for file in untracked:
        if file.endswith(".py"):
            found |= {(file, n) for n in range(1, len((root / file).read_text(encoding="utf-8").splitlines()) + 1)}
    return found


# --------------------------------------------------------------------------- running


def copy_tree(root: Path, into: Path) -> Path:
    """The repository's files as the work tree has them (tracked and new, not ignored), into `into`."""
    into.mkdir(parents=True)
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = root / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    for env in (".venv", ".venv-latest"):
        if (root / env).exists():
            (into / env).symlink_to(root / env)
    return into


def stack_of(file: str) -> str:
    """The stack a snippet's tests run on: `latest` for the snippets the LTS series cannot run
    (stacks.LATEST_ONLY, skipped there), else `lts`."""
    from guide_tools.devtools.stacks import LATEST_ONLY

    return "latest" if file.removeprefix("snippets/") in LATEST_ONLY else "lts"


def python_of(stack: str) -> str:
    """This interpreter for lts (`dev.py mutate` runs in it); the latest stack's own for latest,
    which `dev.py mutate` creates first."""
    return sys.executable if stack == "lts" else str(ROOT / ".venv-latest" / "bin" / "python")


def test_command(tests: tuple[str, ...], fast: bool, stack: str = "lts") -> str:
    options = ["-x", "-q", "--no-cov", "-p", "no:cacheprovider", "-p", "no:randomly", "-n", "0", *(["-m", "not slow"] if fast else [])]
    return shlex.join([python_of(stack), "-m", "pytest", *options, *tests])


def suite(mutant: "Mutant") -> tuple[str, tuple[str, ...]]:
    """What a mutant's tests are run as: its stack and its test modules."""
    return stack_of(mutant.file), mutant.tests


_copies: "multiprocessing.Queue[str]"


def _enter_copy(copies) -> None:
    os.chdir(copies.get())


def _run_one(spec: MutationSpec | None, command: str, timeout: float) -> tuple[WorkResult, float]:
    started = time.monotonic()
    if spec is None:  # the baseline: the tests with no mutant (with stderr, which says why they fail)
        done = subprocess.run(shlex.split(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
        outcome = TestOutcome.SURVIVED if done.returncode == 0 else TestOutcome.KILLED
        result = WorkResult(output=done.stdout, test_outcome=outcome, worker_outcome=WorkerOutcome.NORMAL)
    else:
        result = mutate_and_test([spec], command, timeout)
    return result, time.monotonic() - started


NO_TEST_RAN = re.compile(r"^(no tests ran|\d+ deselected) in [\d.]+s", re.MULTILINE)


def outcome_of(result: WorkResult) -> str:
    if result.worker_outcome == WorkerOutcome.NO_TEST:
        return "no mutation"
    if result.worker_outcome != WorkerOutcome.NORMAL:
        return "error"
    if result.test_outcome == TestOutcome.KILLED:
        if NO_TEST_RAN.search(result.output or ""):
            return "error"  # pytest's exit 5: every test deselected (--fast on a module of slow tests)
        return "timeout" if result.output == "timeout" else "killed"
    return "survived" if result.test_outcome == TestOutcome.SURVIVED else "error"


@dataclass
class Run:
    mutants: list[Mutant]
    results: dict[str, WorkResult] = field(default_factory=dict)
    broken: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)  # suites that fail without a mutant


def execute(root: Path, mutants: list[Mutant], db_path: Path, workers: int, timeout: float | None, fast: bool,
            fresh: bool = False, out=sys.stdout) -> Run:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if fresh and db_path.exists():
        db_path.unlink()
    run = Run(mutants)
    with use_db(str(db_path), WorkDB.Mode.create) as db:
        known = {item.job_id for item in db.work_items}
        db.add_work_items(WorkItem.single(m.job_id, m.spec()) for m in mutants if m.job_id not in known)
        done = {job_id: result for job_id, result in db.results}
        todo = [m for m in mutants if m.job_id not in done and not m.equivalent and m.tests]
        run.results = {m.job_id: done[m.job_id] for m in mutants if m.job_id in done}
        print(f"dev.py mutate: {len(mutants)} mutants, {len(run.results)} already done ({db_path.relative_to(root) if db_path.is_relative_to(root) else db_path}), "
              f"{len(todo)} to run on {workers} worker(s)", file=out, flush=True)
        if not todo:
            return run
        with tempfile.TemporaryDirectory(prefix="sbs-mutate-") as tmp:
            copies = multiprocessing.get_context("fork").Queue()
            for n in range(workers):
                copies.put(str(copy_tree(root, Path(tmp) / f"copy-{n}")))
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                        initializer=_enter_copy, initargs=(copies,)) as pool:
                suites = sorted({suite(m) for m in todo})
                baselines = {key: pool.submit(_run_one, None, test_command(key[1], fast, key[0]), 3600) for key in suites}
                limits = {}
                print(f"dev.py mutate: first the {len(suites)} test module(s) without a mutant", file=out, flush=True)
                for (stack, tests), future in baselines.items():
                    result, seconds = future.result()
                    on = "" if stack == "lts" else f" (on {stack})"
                    print(f"[baseline] {'passes' if result.test_outcome == TestOutcome.SURVIVED else 'FAILS':<8} "
                          f"{seconds:5.0f}s  {' '.join(tests)}{on}", file=out, flush=True)
                    if result.test_outcome != TestOutcome.SURVIVED:
                        run.broken[stack, tests] = result.output[-2000:]
                        tail = "\n".join(f"    {line}" for line in result.output.strip().splitlines()[-15:])
                        print(f"dev.py mutate: {' '.join(tests)} fails with no mutant{on}: its mutants are not run. "
                              f"Run `python3 dev.py test --stack {stack} {' '.join(tests)}` and fix it first. Its output ends:\n{tail}",
                              file=out, flush=True)
                    limits[stack, tests] = timeout or max(60.0, 3 * seconds)
                todo = [m for m in todo if suite(m) not in run.broken]
                futures = {pool.submit(_run_one, m.spec(), test_command(m.tests, fast, stack_of(m.file)), limits[suite(m)]): m
                           for m in todo}
                started = time.monotonic()
                for n, future in enumerate(concurrent.futures.as_completed(futures), 1):
                    mutant = futures[future]
                    result, seconds = future.result()
                    db.set_result(mutant.job_id, result)
                    run.results[mutant.job_id] = result
                    rate = n / max(time.monotonic() - started, 1e-9) * 60
                    print(f"[{n}/{len(todo)}] {outcome_of(result):<8} {seconds:5.0f}s  {mutant.file}:{mutant.line} "
                          f"{mutant.operator}  ({rate:.1f} mutants/min)", file=out, flush=True)
    return run


# --------------------------------------------------------------------------- report


def reproduce(mutant: Mutant) -> str:
    return f"{COMMAND} --one {mutant.name}"


def _diff_lines(result: WorkResult) -> list[str]:
    return [line for line in (result.diff or "").splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def state_of(run: Run, mutant: Mutant) -> str:
    """killed, survived, equivalent, no test, error (its tests fail without a mutant), not run, or
    another outcome of the run (timeout)."""
    if mutant.equivalent:
        return "equivalent"
    if not mutant.tests:
        return "no test"
    if suite(mutant) in run.broken:
        return "error"
    if mutant.job_id in run.results:
        return outcome_of(run.results[mutant.job_id])
    return "not run"


def counts_of(run: Run) -> dict[str, dict[str, int]]:
    """Per page (docs/en/...): how many mutants ended in each state."""
    out: dict[str, dict[str, int]] = {}
    for mutant in run.mutants:
        state = state_of(run, mutant)
        page = out.setdefault(mutant.page, {})
        page[state] = page.get(state, 0) + 1
    return out


def score_lines(rows: dict[tuple[str, str], dict[str, int]]) -> list[str]:
    """The score table: a line per section and, indented, per page."""
    lines = []
    for (section, page), counts in sorted(rows.items()):
        decided = counts.get("killed", 0) + counts.get("survived", 0)
        score = f"{100 * counts.get('killed', 0) / decided:.0f} %" if decided else "-"
        rest = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()) if k not in ("killed", "survived"))
        label = f"  {page}" if page else section
        lines.append(f"{label:<48} {counts.get('killed', 0):>3}/{decided:<3} killed {score:>6}{'  (' + rest + ')' if rest else ''}")
    return lines


def report(run: Run, out=sys.stdout) -> int:
    """Survivors (with the page sentence and the command), equivalents apart, scores per page and
    per section. 1 if a mutant survived, else 0."""
    rows: dict[tuple[str, str], dict[str, int]] = {}
    survivors, equivalents, untested = [], [], []
    for mutant in run.mutants:
        state = state_of(run, mutant)
        if state == "equivalent":
            equivalents.append(mutant)
        elif state == "no test":
            untested.append(mutant)
        if state == "survived":
            survivors.append(mutant)
        for key in ((page_section(mutant.page), ""), (page_section(mutant.page), mutant.page)):
            counts = rows.setdefault(key, {})
            counts[state] = counts.get(state, 0) + 1
    for mutant in survivors:
        print(f"\nSURVIVED {mutant.file}:{mutant.line}  {mutant.operator}", file=out)
        for line in _diff_lines(run.results[mutant.job_id]):
            print(f"    {line}", file=out)
        print(f"  page:      docs/en/{mutant.page}: \"{mutant.sentence}\"", file=out)
        print(f"  tests:     {' '.join(mutant.tests)} pass with it", file=out)
        print(f"  reproduce: {reproduce(mutant)}", file=out)
    for mutant in untested:
        print(f"\nNO TEST   {mutant.file}:{mutant.line}: no tests/<section>/test_<topic>.py mirrors it "
              f"(docs/en/{mutant.page}); add that module", file=out)
    if equivalents:
        print(f"\nEquivalent (reviewed, {EQUIVALENTS}):", file=out)
        for mutant in equivalents:
            print(f"  {mutant.file}:{mutant.line} {mutant.operator}: {mutant.equivalent}", file=out)
    print("\nScore (killed of killed + survived; equivalents, timeouts and errors apart):", file=out)
    print("\n".join(score_lines(rows)), file=out)
    return 1 if survivors or untested or run.broken else 0


def summary_markdown(run: Run) -> str:
    """The survivors as a GitHub job summary."""
    lines = ["## Mutation sample", ""]
    for mutant in run.mutants:
        result = run.results.get(mutant.job_id)
        if result is not None and not mutant.equivalent and outcome_of(result) == "survived":
            lines += [f"- **{mutant.file}:{mutant.line}** `{mutant.operator}` on docs/en/{mutant.page}",
                      f"  > {mutant.sentence}", "", "  ```diff", *(f"  {d}" for d in _diff_lines(result)), "  ```",
                      f"  Reproduce: `{reproduce(mutant)}`", ""]
    return "\n".join(lines if len(lines) > 2 else [*lines, "No mutant survived."]) + "\n"


GOAL = 95  # per cent of the non-equivalent mutants killed, in every section (issue 44)


def tally(folder: Path, out=sys.stdout) -> int:
    """The whole-guide pass's table from every page's counts (--counts files under `folder`, any
    depth): per section and per page, killed of killed + survived. 1 if a section is under GOAL, or
    a mutant survived, had no test or could not run."""
    rows: dict[tuple[str, str], dict[str, int]] = {}
    files = sorted(folder.rglob("*.json"))
    for path in files:
        try:
            pages = json.loads(path.read_text(encoding="utf-8"))
            if not (isinstance(pages, dict) and all(isinstance(c, dict) and all(isinstance(n, int) for n in c.values())
                                                    for c in pages.values())):
                raise ValueError("not {page: {state: count}}")
        except (OSError, ValueError) as error:
            raise SystemExit(f"dev.py mutate --tally: {path} is not a counts file ({error}); "
                             f"it is written by `{COMMAND} <page> --counts FILE`")
        for page, counts in pages.items():
            for key in ((page_section(page), ""), (page_section(page), page)):
                row = rows.setdefault(key, {})
                for state, n in counts.items():
                    row[state] = row.get(state, 0) + n
    if not rows:
        raise SystemExit(f"dev.py mutate --tally: no counts file (*.json) under {folder}")
    print(f"The whole-guide pass: {len(files)} counts file(s), {sum(1 for _, page in rows if page)} page(s)", file=out)
    print("\n".join(score_lines(rows)), file=out)
    short = []
    for (section, page), counts in sorted(rows.items()):
        decided = counts.get("killed", 0) + counts.get("survived", 0)
        if not page and decided and 100 * counts.get("killed", 0) < GOAL * decided:
            short.append(f"{section} ({counts.get('killed', 0)}/{decided})")
    if short:
        print(f"Under {GOAL} % killed: {', '.join(short)}", file=out)
    bad = any(counts.get(state) for (_, page), counts in rows.items() if not page
              for state in ("survived", "no test", "error", "not run"))
    return 1 if short or bad else 0


def pages_showing_python(root: Path = ROOT) -> list[str]:
    """Every page (docs/en/...) that shows a Python line a mutant can change: the pass's matrix."""
    shown = shown_lines(root)
    return sorted({f"docs/{content.DEFAULT_LANGUAGE}/{s.page}" for key, found in shown.items() for s in found})


# --------------------------------------------------------------------------- the command


def _target_lines(target: str, shown: dict[tuple[str, int], list[Shown]], root: Path) -> tuple[list[tuple[str, int]], str | None]:
    path = (root / target if (root / target).exists() else Path(target)).resolve()
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else target
    if rel.startswith("docs/"):
        page = Path(rel).relative_to("docs").as_posix().split("/", 1)[-1]  # the same page in English
        if not (root / "docs" / content.DEFAULT_LANGUAGE / page).is_file():
            raise SystemExit(f"dev.py mutate: {target} is not a page (no docs/en/{page})")
        return sorted(key for key, pages in shown.items() if any(s.page == page for s in pages)), page
    if rel.startswith("snippets/"):
        return sorted(key for key in shown if key[0] == rel or key[0].startswith(rel.rstrip("/") + "/")), None
    raise SystemExit(f"dev.py mutate: {target} is neither a page under docs/ nor a file under snippets/ "
                     f"(for example: {COMMAND} docs/en/compare/routing.md)")


def one(root: Path, name: str, fast: bool) -> int:
    """Apply one mutant (FILE:OPERATOR:OCCURRENCE) to a copy of the repository and run its tests there."""
    try:
        file, operator, occurrence = name.rsplit(":", 2)
        mutant = next(m for ms in sites(file, root).values() for m in ms if m.operator == operator and m.occurrence == int(occurrence))
    except (ValueError, StopIteration, FileNotFoundError):
        raise SystemExit(f"dev.py mutate --one: no mutant {name} (FILE:OPERATOR:OCCURRENCE, as a report prints it)")
    tests = test_modules(file, root)
    with tempfile.TemporaryDirectory(prefix="sbs-mutate-") as tmp:
        here = os.getcwd()
        os.chdir(copy_tree(root, Path(tmp) / "copy"))
        try:
            result = mutate_and_test([mutant.spec()], test_command(tests, fast, stack_of(file)), 3600)
        finally:
            os.chdir(here)
    print("\n".join(_diff_lines(result)))
    print(result.output)
    print(f"{outcome_of(result)}: {' '.join(tests)} with {file}:{mutant.line} {operator}")
    return 0 if outcome_of(result) == "survived" else 1


def run_name(args: argparse.Namespace) -> str:
    if args.changed:
        return "changed"
    if args.sample:
        return f"sample-{args.sample}-seed-{args.seed}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", args.target).strip("-")


def main(argv: list[str], root: Path = ROOT, out=sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", help="a page (docs/en/compare/routing.md) or a snippet file or folder")
    parser.add_argument("--changed", action="store_true", help="shown lines changed against --base (commits and work tree)")
    parser.add_argument("--base", default="main", help="the branch --changed compares with (default: main)")
    parser.add_argument("--sample", type=int, metavar="N", help="N shown lines at random over the guide, stratified by section")
    parser.add_argument("--seed", type=int, default=0, help="the random seed of --sample and of --per-line's choice")
    parser.add_argument("--per-line", type=int, default=2, metavar="K", help="mutants per line for a page or --changed (0: all; default 2)")
    parser.add_argument("--one", metavar="FILE:OPERATOR:N", help="apply one mutant to a copy and run its tests (a report's reproduce command)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="mutants at once (default: the cores)")
    parser.add_argument("--timeout", type=float, help="seconds per mutant (default: 3 x the tests' own time, at least 60)")
    parser.add_argument("--fast", action="store_true", help='only the fast tests (-m "not slow"): quicker, kills fewer')
    parser.add_argument("--fresh", action="store_true", help="start the run again instead of resuming it")
    parser.add_argument("--list", action="store_true", help="print the chosen mutants and stop")
    parser.add_argument("--limit", type=int, default=0, metavar="N",
                        help="for a page, a snippet or --changed: at most N mutants, spread over the lines (0: no limit)")
    parser.add_argument("--counts", metavar="FILE", help="also write the counts per page as JSON (for --tally)")
    parser.add_argument("--tally", metavar="DIR", help="the whole-guide pass's table from the --counts files under DIR")
    parser.add_argument("--pages", action="store_true", help="print the pages that show Python lines, as a JSON list")
    args = parser.parse_args(argv)
    if args.one:
        return one(root, args.one, args.fast)
    if args.tally:
        return tally(Path(args.tally), out)
    if args.pages:
        print(json.dumps(pages_showing_python(root)), file=out)
        return 0
    if sum(map(bool, (args.target, args.changed, args.sample))) != 1:
        parser.error("give one of: a page or snippet path, --changed, --sample N")
    shown = shown_lines(root)
    rng = random.Random(args.seed)
    if args.sample:
        mutants = sample(shown, args.sample, args.seed, root)
    elif args.changed:
        lines = sorted(changed_lines(root, args.base) & shown.keys())
        if not lines:
            print(f"dev.py mutate --changed: no line a page shows changed against {args.base}", file=out)
            return 0
        mutants = select(lines, shown, root, rng, args.per_line)
    else:
        lines, page = _target_lines(args.target, shown, root)
        if not lines:
            raise SystemExit(f"dev.py mutate: {args.target} shows no Python line (only .py includes are mutated)")
        mutants = select(lines, shown, root, rng, args.per_line, page)
    if not args.sample:
        mutants = limited(mutants, args.limit, rng)
    if args.list:
        for mutant in mutants:
            print(f"{mutant.name}  line {mutant.line}  docs/en/{mutant.page}{'  (equivalent)' if mutant.equivalent else ''}", file=out)
        return 0
    run = execute(root, mutants, root / RUNS / f"{run_name(args)}.sqlite", max(1, args.workers), args.timeout, args.fast, args.fresh, out)
    code = report(run, out)
    if args.counts:
        Path(args.counts).parent.mkdir(parents=True, exist_ok=True)
        Path(args.counts).write_text(json.dumps(counts_of(run), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(summary_markdown(run))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
