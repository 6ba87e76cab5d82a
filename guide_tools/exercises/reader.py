"""The reader's command: their working copies under my-exercises/ (copy, reset with a backup, watch),
the list of exercises with their last results, and the messages in their language."""
from __future__ import annotations

import difflib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from guide_tools.exercises import patches
from guide_tools.exercises.catalog import BACKUPS, CI_LIMITS, DATABASE_SUFFIXES, Exercise, IGNORED, SLUG_RE, STARTER, STATE_FILE, WORK, WRONG, WRONG_KINDS, build, is_binary, nearest, normalize, select, shown, topics
from guide_tools.exercises.checking import Result, run_checks
from guide_tools.exercises.corpus import judge_right, judge_wrong
from guide_tools.exercises.reporting import YES, report
from guide_tools.exercises.texts import MESSAGES

class Reader:
    """The reader's side: their working copies, the messages in their language."""

    def __init__(self, lang: str, work_root: Path = WORK, out=None, ask: Callable[[str], str] | None = None):
        """`ask` puts a yes/no question to the reader (input() on a terminal); None: nobody to ask."""
        self.lang, self.work_root = lang, work_root
        self.out = out or sys.stdout
        self.ask = ask

    def say(self, key: str, **values) -> None:
        print(MESSAGES[self.lang][key].format(**values), file=self.out, flush=True)

    def shown(self, path: Path) -> str:
        return shown(path)

    # ---- state

    def _state_path(self) -> Path:
        return self.work_root / STATE_FILE

    def _state(self) -> dict:
        try:
            return json.loads(self._state_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _fingerprint(self, folder: Path) -> float:
        return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)

    def _remember(self, exercise: Exercise, result: Result) -> None:
        state = self._state()
        state[exercise.name] = {"passed": result.passed, "total": len(exercise.checks()),
                                "mtime": self._fingerprint(exercise.work(self.work_root))}
        self.work_root.mkdir(parents=True, exist_ok=True)
        self._state_path().write_text(json.dumps(state, indent=1), encoding="utf-8")

    def status(self, exercise: Exercise) -> str:
        folder = exercise.work(self.work_root)
        if not folder.is_dir():
            return MESSAGES[self.lang]["not_started"]
        last = self._state().get(exercise.name)
        if last is None or self._fingerprint(folder) > last["mtime"]:
            return MESSAGES[self.lang]["changed"]
        if last["passed"] == last["total"]:
            return MESSAGES[self.lang]["solved"]
        return MESSAGES[self.lang]["last_run"].format(**last)

    # ---- commands

    def list(self, exercises: list[Exercise]) -> int:
        self.say("list_header", example=exercises[0].command() if exercises else "")
        columns = max((len(e.name) for e in exercises), default=0)
        for e in exercises:
            print(f"  {e.name:<{columns}}  {e.titles[self.lang]}  [{self.status(e)}]", file=self.out)
        return 0

    def unknown(self, name: str, exercises: list[Exercise]) -> int:
        """One line for a name that is no exercise, with the nearest name when there is one."""
        typed = normalize(name, exercises)
        topic, _, framework = typed.partition("/")
        same_topic = select(topic, exercises) if topic else []
        if same_topic and framework:
            names = ", ".join(e.name for e in same_topic)
            guess = nearest(framework, [e.framework for e in same_topic])
            if guess:
                self.say("unknown_framework_suggest", name=topic, framework=framework, suggestion=f"{topic}/{guess}", names=names)
            else:
                self.say("unknown_framework", name=topic, framework=framework, names=names)
            return 2
        guess = nearest(topic, topics(exercises))
        if guess:
            suggestion = f"{guess}/{framework}" if framework and select(f"{guess}/{framework}", exercises) else guess
            self.say("unknown_suggest", name=name, suggestion=suggestion, names=", ".join(topics(exercises)))
        else:
            self.say("unknown", name=name, names=", ".join(topics(exercises)))
        return 2

    def ensure_copy(self, exercise: Exercise) -> bool:
        """Copy the starter to the reader's folder unless it is there. True if it was copied."""
        folder = exercise.work(self.work_root)
        if folder.exists():
            return False  # never overwrite the reader's work (only --reset does, keeping a backup)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(exercise.starter, folder, ignore=IGNORED)
        self.say("copied", path=self.shown(folder))
        return True

    def changed(self, exercise: Exercise) -> bool:
        """The reader's copy differs from the starter (what running the app leaves is no change)."""
        folder = exercise.work(self.work_root)
        if not folder.is_dir():
            return False
        mine = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix not in DATABASE_SUFFIXES}
        starter = set(exercise.files(STARTER))
        return mine != starter or any((folder / n).read_bytes() != (exercise.starter / n).read_bytes() for n in starter)

    def missing(self, exercise: Exercise) -> list[str]:
        """The starter's files the reader's copy no longer has."""
        folder = exercise.work(self.work_root)
        return [name for name in exercise.files(STARTER) if not (folder / name).is_file()]

    def reset(self, exercise: Exercise) -> None:
        folder = exercise.work(self.work_root)
        if folder.exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
            backup = self.work_root / BACKUPS / f"{exercise.topic}-{exercise.framework}-{stamp}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, backup)
            shutil.copytree(exercise.starter, folder, ignore=IGNORED)
            self.say("reset", path=self.shown(folder), backup=self.shown(backup))
        else:
            self.ensure_copy(exercise)

    def reset_all(self, chosen: list[Exercise], name: str, yes: bool) -> bool:
        """--reset: a copy the reader changed is reset only if they say so (or gave --yes); with
        nobody to ask, nothing is reset and one line says how. False if refused."""
        changed = [e for e in chosen if self.changed(e)]
        if changed and not yes and self.ask is None:
            target = changed[0].name if len(changed) == 1 else name
            self.say("reset_refused", names=", ".join(e.name for e in changed),
                     command=f"python3 dev.py exercise {target} --reset --yes")
            return False
        for exercise in chosen:
            if exercise in changed and not yes:
                try:
                    answer = self.ask(MESSAGES[self.lang]["reset_ask"].format(name=exercise.name))
                except EOFError:
                    answer = ""
                if answer.strip().lower() not in YES:
                    self.say("reset_kept", path=self.shown(exercise.work(self.work_root)))
                    continue
            self.reset(exercise)
        return True

    def solution(self, exercise: Exercise) -> int:
        folder = exercise.work(self.work_root)
        names = sorted(set(exercise.reference_files()) | {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                                                          if p.is_file() and "__pycache__" not in p.parts})
        diffs, binary = [], []  # gathered first: the header only when there is a difference to show
        for name in names:
            mine, ref = folder / name, exercise.reference(name)
            if any(p.is_file() and is_binary(p) for p in (mine, ref)):
                binary.append(f"{self.shown(folder)}/{name}")
                continue
            lines = [p.read_text(encoding="utf-8").splitlines(keepends=True) if p.is_file() else [] for p in (mine, ref)]
            diffs += difflib.unified_diff(*lines, fromfile=f"{self.shown(folder)}/{name}", tofile=self.shown(ref))
        if diffs:
            self.say("solution_header", path=self.shown(folder))
        for name in binary:
            self.say("binary_skipped", name=name)
        self.out.writelines(line if line.endswith("\n") else line + "\n" for line in diffs)
        if not diffs:
            self.say("solution_same")
        return 0

    # ---- authors: a wrong solution made by editing a copy (English, as CI's messages)

    def edit_wrong(self, exercise: Exercise, slug: str, which: str = WRONG) -> int:
        """--edit-wrong SLUG: the reader's copy becomes the reference solution with <which>/SLUG.patch
        applied (the reference alone for a new SLUG, or when the patch no longer applies), to edit;
        the previous copy goes to a backup, as with --reset."""
        folder, path = exercise.work(self.work_root), exercise.patch_file(slug, which)
        problem = ""
        try:
            files = exercise.variant(slug, which) if path.is_file() else {}
        except patches.PatchError as error:
            files, problem = {}, str(error)
        if folder.exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
            backup = self.work_root / BACKUPS / f"{exercise.topic}-{exercise.framework}-{stamp}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, backup)
            print(f"Your previous copy is in {self.shown(backup)}/.", file=self.out)
        folder.parent.mkdir(parents=True, exist_ok=True)
        build(exercise, folder)
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(text.encode("utf-8"))
        if problem:
            print(f"{problem}\n{self.shown(folder)}/ is the current reference solution: make the mistake again "
                  f"(the old patch, to read: {self.shown(path)}), then save it with `{exercise.command()} --save-{which} {slug}`.",
                  file=self.out)
            return 1
        what = f"{which}/{slug}" if files else "the reference solution"
        print(f"{self.shown(folder)}/ is {what}: edit it, then `{exercise.command()} --save-{which} {slug}`.", file=self.out)
        return 0

    def save_wrong(self, exercise: Exercise, slug: str, why: str | None, which: str = WRONG) -> int:
        """--save-wrong SLUG (--save-right): how the reader's copy differs from the reference solution,
        saved as <which>/SLUG.patch; the checks run on it, and its exercise.toml entry is printed with
        the checks that rejected it (`fails`) and the causes they gave (`told`)."""
        folder, path = exercise.work(self.work_root), exercise.patch_file(slug, which)
        if not SLUG_RE.match(slug):
            print(f"`{slug}`: name it in snake_case, after the mistake (`constant_for_id_99`).", file=self.out)
            return 2
        if not folder.is_dir():
            print(f"There is no copy to save: {self.shown(folder)}/. Start one with "
                  f"`{exercise.command()} --edit-{which} {slug}`.", file=self.out)
            return 2
        mine = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix not in DATABASE_SUFFIXES}
        gone = [name for name in exercise.reference_files() if name not in mine]
        binary = [name for name, p in mine.items() if is_binary(p)]
        if gone:
            print(f"Your copy lacks {', '.join(gone)}: a patch changes and adds files, it cannot delete one; "
                  "put it back.", file=self.out)
            return 2
        if binary:
            print(f"{', '.join(binary)}: a binary file; a patch holds text only: remove it from your copy.", file=self.out)
            return 2
        reference = exercise.reference_texts()
        changed = {name: p.read_bytes().decode("utf-8") for name, p in mine.items()}
        changed = {name: text for name, text in changed.items() if reference.get(name) != text}
        if not changed:
            print(f"{self.shown(folder)}/ is the reference solution: make the mistake in it first.", file=self.out)
            return 2
        text = patches.diff(reference, changed)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        assert exercise.variant(slug, which) == changed, f"{path}: the patch does not give the copy back"
        with tempfile.TemporaryDirectory(prefix="save-") as tmp:
            result = run_checks(exercise, build(exercise, Path(tmp) / "app", slug, which), **CI_LIMITS)
        print(f"Saved {self.shown(path)} ({len(text.splitlines())} lines: {', '.join(sorted(changed))}).", file=self.out)
        table = exercise.wrong if which == WRONG else exercise.right
        entry = {"why": why or table.get(slug, {}).get("why") or "what is wrong, and why a learner would write it"}
        if which == WRONG:
            verdict = judge_wrong(exercise, slug, result) if slug in exercise.wrong else ""
            causes = sorted({c["cause"] for c in result.checks if c.get("cause") and c["outcome"] == "failed"})
            entry = {"kind": table.get(slug, {}).get("kind", " | ".join(WRONG_KINDS)), **entry,
                     "fails": result.rejected_by, **({"told": causes} if causes else {})}
            if not result.rejected_by:
                print("The checks accept it" + (f" ({'; '.join(result.broken)})" if result.broken else "")
                      + ": as they are, they do not reject this mistake. Write the check that does, first.", file=self.out)
            elif verdict:
                print(f"Its entry in {self.shown(exercise.data_file)} does not hold any more: {verdict}.", file=self.out)
        else:
            verdict = judge_right(result)
            if verdict:
                print(f"The checks refuse it: {verdict}.", file=self.out)
        body = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in entry.items())
        print(f"Its entry in {self.shown(exercise.data_file)}:\n\n[{exercise.framework}.{which}.{slug}]\n{body}", file=self.out)
        return 0 if (result.rejected_by if which == WRONG else not verdict) else 1

    def check(self, exercise: Exercise, **limits) -> int:
        folder = exercise.work(self.work_root)
        self.say("working_in", name=exercise.name, path=self.shown(folder))
        result = run_checks(exercise, folder, **limits)
        self._remember(exercise, result)
        missing = self.missing(exercise)
        if missing and not result.ok:  # a deleted file: there is no line to fix
            self.say("missing_files", files=", ".join(missing), command=exercise.command())
            return 1
        lines, code = report(exercise, result, self.lang, **limits)
        print("\n".join(lines), file=self.out, flush=True)
        return code

    def watch(self, exercises: list[Exercise], **limits) -> int:
        folders = [e.work(self.work_root) for e in exercises]
        self.say("watching", path=", ".join(self.shown(f) for f in folders))
        seen = None
        try:
            while True:
                now = [self._fingerprint(f) for f in folders]
                if now != seen:
                    seen = now
                    for exercise in exercises:
                        self.check(exercise, **limits)
                time.sleep(0.5)
        except KeyboardInterrupt:  # Ctrl+C, the way to stop it (run_checks ended its subprocess)
            return 0
