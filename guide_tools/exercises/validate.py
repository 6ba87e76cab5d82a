"""The exercise data checked before anything runs: every file, hint, cause, message, wrong and right
solution an exercise needs (`problems`), each problem naming the file and what to add."""
from __future__ import annotations

import json
from pathlib import Path

from guide_tools.exercises import messages as said
from guide_tools.exercises import patches
from guide_tools.exercises.catalog import CHECKS_FILE, Exercise, FRAMEWORKS, LANGUAGES, PATCH, RIGHT, RIGHT_KEYS, SLUG_RE, SOLUTION, STARTER, WRONG, WRONG_KEYS, WRONG_KINDS, WRONG_MINIMUM, batteries_imported, battery_messages, shown
from guide_tools.exercises.reporting import SAID, SUPPORT_FILE, frame_of, support_messages
from guide_tools.exercises.texts import MESSAGES

def problems(exercises: list[Exercise]) -> list[str]:
    """Messages for incomplete exercise data, each naming the file and what to add."""
    out = []
    for e in exercises:
        data, folder = shown(e.data_file), shown(e.folder)
        for lang in LANGUAGES:
            if not e.titles.get(lang, "").strip():
                out.append(f"{data}: [title] has no `{lang}`; give the exercise a title in every language.")
        if not e.checks_file.is_file():
            out.append(f"{folder}/: no {CHECKS_FILE}; write the checks (contributing/exercises.md, \"Exercises\").")
            continue
        checks = e.checks()
        if not checks:
            out.append(f"{shown(e.checks_file)}: no `def test_...` check.")
        for check in checks:
            for lang in LANGUAGES:
                hint = e.hints.get(check, {}).get(lang, "")
                if not hint.strip() or "\n" in hint.strip():
                    out.append(f"{data}: [{e.framework}.hints.{check}] needs a one-line `{lang}` hint.")
        for extra in sorted(set(e.hints) - set(checks)):
            out.append(f"{data}: [{e.framework}.hints.{extra}] is the hint of no check in {shown(e.checks_file)}.")
        if not e.starter_fails or set(e.starter_fails) - set(checks):
            out.append(f"{data}: [{e.framework}] starter_fails must name the check(s) the starter fails, from: {', '.join(checks)}.")
        for which in (STARTER, SOLUTION):
            if not e.files(which):
                out.append(f"{folder}/{which}/ is empty or missing.")
        for name in e.files(SOLUTION):
            if (e.starter / name).is_file() and (e.starter / name).read_bytes() == (e.solution / name).read_bytes():
                out.append(f"{folder}/{SOLUTION}/{name} is the starter's file: solution/ holds "
                           "only the files that differ; remove it.")
        out += cause_problems(e, checks)
        out += wrong_problems(e, checks)
        out += right_problems(e)
    topics: dict[Path, list[Exercise]] = {}
    for e in exercises:
        topics.setdefault(e.data_file, []).append(e)
    batteries: dict[Path, None] = {}
    for group in topics.values():
        out += message_problems(group)
        batteries.update(dict.fromkeys(topic_batteries(group)))
    if exercises:
        out += support_problems()
    for battery in batteries:
        out += battery_problems(battery)
    return out


def placeholder_problem(text: str, count: int) -> str:
    """What is wrong with a ko or ru message's placeholders ("" if nothing): the values by number,
    {0} to {count-1}, each at least once, no other field, literal braces doubled."""
    import string

    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        return f"it does not read as a str.format template ({error}): double a literal brace, {{{{ or }}}}"
    numbers = set(range(count))
    for name, spec, conversion in fields:
        if not name.isdigit():
            return f"it has {{{name}}}: place the values by number, " + (
                f"{{0}} to {{{count - 1}}}" if count else "and this message has none (double a literal brace)")
        if spec or conversion:
            return f"{{{name}}} has a format of its own ({'!' + conversion if conversion else ''}{':' + spec if spec else ''}): write only {{{name}}}"
        if int(name) not in numbers:
            return f"it has {{{name}}}, but en has {count} value(s)" + (f": {{0}} to {{{count - 1}}}" if count else "")
    missing = sorted(numbers - {int(name) for name, _, _ in fields})
    if missing:
        return f"it does not place {', '.join(f'{{{n}}}' for n in missing)}: every value of en appears, {{0}} to {{{count - 1}}}"
    return ""


LANGUAGE_NAMES = {"ko": "Korean", "ru": "Russian"}


def topic_batteries(group: list[Exercise]) -> list[Path]:
    """The batteries that any framework's checks of the group's topic import (and its shared checks)."""
    topic = group[0].data_file.parent  # every framework of the topic, even when the command names one
    checks = [topic / fw / CHECKS_FILE for fw in FRAMEWORKS if (topic / fw / CHECKS_FILE).is_file()]
    return batteries_imported([*checks, *(p for p in sorted(topic.glob("*.py")))], group[0].root / "batteries")


def message_problems(group: list[Exercise]) -> list[str]:
    """The checks' own messages of one topic (its frameworks' checks.py and the shared checks) and
    the [[messages]] of its exercise.toml (guide_tools/exercises/messages.py): every message a check
    writes is read back either by the runner's frame (frame_of) or by an entry; every entry has en,
    ko and ru, places en's values by number, and is the message of some check. The batteries the
    topic imports carry their own messages (battery_problems validates them once): they count as
    covered, and an entry repeating one is refused."""
    topic = group[0].data_file.parent  # every framework of the topic, even when the command names one
    checks = [topic / fw / CHECKS_FILE for fw in FRAMEWORKS if (topic / fw / CHECKS_FILE).is_file()]
    batteries = topic_batteries(group)
    paths = dict.fromkeys(p for p in [*checks, *(q for e in group for q in e.shared_checks())] if p.is_file() and p not in batteries)
    carried: dict[str, Path] = {}
    for battery in batteries:
        try:
            carried.update(dict.fromkeys((entry["en"] for entry in battery_messages(battery)), battery))
        except ValueError:  # battery_problems names it
            continue
    data = shown(group[0].data_file)
    out = entry_problems(list(paths), group[0].messages, data, covered={*support_templates(), *carried})
    for entry in group[0].messages if isinstance(group[0].messages, list) else []:
        en = entry.get("en") if isinstance(entry, dict) else None
        if isinstance(en, str) and en in carried:
            out.append(f"{data}: the [[messages]] entry en = {json.dumps(en, ensure_ascii=False)} is a battery's message: "
                       f"remove it: {shown(carried[en])} carries it (its MESSAGES).")
    return out


def support_templates() -> list[str]:
    return [t for site in said.sites(SUPPORT_FILE) for t in site.templates or []]


def support_problems() -> list[str]:
    """The shared helpers' messages (support.py) against their MESSAGES, as a topic's against its [[messages]]."""
    return entry_problems([SUPPORT_FILE], support_messages(), f"{shown(SUPPORT_FILE)}, MESSAGES")


def battery_problems(battery: Path) -> list[str]:
    """A battery's messages against its own MESSAGES (battery_messages), as a topic's against its
    [[messages]]: once, whichever topics import it."""
    try:
        entries = battery_messages(battery)
    except ValueError as error:
        return [str(error)]
    return entry_problems([battery], entries, f"{shown(battery)}, MESSAGES")


def entry_problems(paths: list[Path], entries: object, data: str, covered: set[str] = frozenset()) -> list[str]:
    """message_problems for the messages written in `paths` and the entries of `data` (`covered`:
    templates translated elsewhere, the shared helpers')."""
    out: list[str] = []
    written: dict[str, said.Site] = {}
    for site in (site for path in paths for site in said.sites(path)):
        if site.templates is None:
            out.append(f"{shown(site.path)}:{site.line}: messages.py cannot read this message as a template "
                       f"(`{' '.join(site.source.split())[:80]}`): write it as one f-string in the assert (or AssertionError(...)).")
            continue
        for template in site.templates:
            if not said.passes_on(template):
                written.setdefault(template, site)
    listed: set[str] = set()
    if not isinstance(entries, list):
        return out + [f"{data}: `messages` must be an array of tables, [[messages]], each with en, ko and ru."]
    for number, entry in enumerate(entries, 1):
        en = entry.get("en") if isinstance(entry, dict) else None
        if not isinstance(en, str) or not en.strip():
            out.append(f"{data}: [[messages]] entry {number} has no `en`: copy the check's message as messages.py "
                       "derives it (`{}` for each value).")
            continue
        where = f"{data}: the [[messages]] entry en = {json.dumps(en, ensure_ascii=False)}"
        if en in listed:
            out.append(f"{where} is there twice: keep one.")
        listed.add(en)
        if en not in written and en not in covered:
            out.append(f"{where} is the message of no check" + (
                " (it is only a value: a message passed on is read by its own entry)" if said.passes_on(en) else "")
                + ": remove it, or write en as the check's message now reads.")
        count = said.parts(en).count(None)
        for lang, name in LANGUAGE_NAMES.items():
            text = entry.get(lang)
            if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
                out.append(f"{where} needs a one-line `{lang}`: the message in {name}, its values as {{0}}, {{1}}, ... "
                           "(contributing/exercises.md, \"Exercises\").")
            elif problem := placeholder_problem(text, count):
                out.append(f"{where}: `{lang}`: {problem}.")
    for template, site in written.items():
        if template not in listed and template not in covered and frame_of(template) is None \
                and template not in (MESSAGES["en"][k] for k in SAID):
            out.append(f"{shown(site.path)}:{site.line}: the message {json.dumps(template, ensure_ascii=False)} has no "
                       f"[[messages]] entry in {data}, and the runner's frame does not translate it: add the entry "
                       "with its ko and ru.")
    return out


def cause_problems(e: Exercise, checks: list[str]) -> list[str]:
    """Every cause tag checks.py uses has a one-line hint in every language; every hint has a tag."""
    out, data = [], shown(e.data_file)
    used = e.cause_tags()
    for cause, where in sorted(used.items()):
        for lang in LANGUAGES:
            hint = e.causes.get(cause, {}).get(lang, "")
            if not isinstance(hint, str) or not hint.strip() or "\n" in hint.strip():
                out.append(f"{data}: [{e.framework}.causes.{cause}] needs a one-line `{lang}` hint "
                           f"(the tag [{cause}] is used in {shown(e.checks_file)}, {where}).")
    for extra in sorted(set(e.causes) - set(used) - e.string_constants()):
        out.append(f"{data}: [{e.framework}.causes.{extra}] is the hint of no tag: no message in "
                   f"{shown(e.checks_file)} starts with \"[{extra}] \", and no string there is \"{extra}\".")
    clash = sorted(set(used) & set(checks))
    if clash:
        out.append(f"{shown(e.checks_file)}: the cause tag(s) {', '.join(clash)} have a check's name; name the mistake instead.")
    return out


def wrong_problems(e: Exercise, checks: list[str]) -> list[str]:
    """Each wrong/<slug>.patch has its [<fw>.wrong.<slug>] entry and the other way round, and
    each entry is complete: a known kind, a one-line why, checks that exist in `fails`."""
    out, data = [], shown(e.data_file)
    folders = e.patch_slugs()
    out += strays(e, WRONG)
    for slug in folders:
        if slug not in e.wrong:
            out.append(f"{shown(e.patch_file(slug))} has no entry [{e.framework}.wrong.{slug}] in {data}: "
                       f"add its kind, why and fails (contributing/exercises.md, \"Exercises\").")
    if len(e.wrong) < WRONG_MINIMUM:
        out.append(f"{data}: {e.name} has {len(e.wrong)} wrong solution(s); write at least {WRONG_MINIMUM}.")
    for slug, entry in sorted(e.wrong.items()):
        table = f"{data}: [{e.framework}.wrong.{slug}]"
        if not isinstance(entry, dict):
            out.append(f"{table} must be a table with kind, why and fails.")
            continue
        if not SLUG_RE.match(slug):
            out.append(f"{table}: name it in snake_case (the mistake: `constant_for_id_99`).")
        if slug not in folders:
            out.append(f"{table} has no patch {shown(e.patch_file(slug))} with the change it makes.")
        for key in sorted(set(entry) - WRONG_KEYS):
            out.append(f"{table} has an unknown key `{key}`; the keys are kind, why, fails, told.")
        if entry.get("kind") not in WRONG_KINDS:
            out.append(f"{table}: kind = {entry.get('kind')!r} is not one of {', '.join(WRONG_KINDS)}.")
        why = entry.get("why")
        if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
            out.append(f"{table}: `why` must be one English line: what is wrong and why a learner would write it.")
        fails = entry.get("fails")
        if not isinstance(fails, list) or not fails or not all(isinstance(c, str) for c in fails):
            out.append(f"{table}: `fails` must list the check(s) that reject it, from: {', '.join(checks)}.")
        else:
            for check in fails:
                if check not in checks:
                    out.append(f"{table}: fails names {check!r}, which is no check in {shown(e.checks_file)} "
                               f"(the checks: {', '.join(checks)}).")
        told = entry.get("told", [])
        if not isinstance(told, list) or not all(isinstance(c, str) for c in told):
            out.append(f"{table}: `told` must list the cause(s) whose hint the learner gets, from: {', '.join(sorted(e.causes)) or 'none'}.")
        else:
            for cause in told:
                if cause not in e.causes:
                    out.append(f"{table}: told names {cause!r}, which has no [{e.framework}.causes.{cause}] in {data}.")
        if slug in folders:
            out += patch_problems(e, slug, WRONG)
    return out


def strays(e: Exercise, which: str) -> list[str]:
    """What else is under wrong/ (or right/): a folder of whole files (the corpus before it was patches)
    or a file that is no patch."""
    base = e.folder / which
    if not base.is_dir():
        return []
    out = []
    for path in sorted(p for p in base.iterdir() if p.name != "__pycache__" and not (p.is_file() and p.suffix == PATCH)):
        kind = "a folder" if path.is_dir() else "not a patch"
        out.append(f"{shown(path)} is {kind}: {which}/ holds one <slug>{PATCH} per solution, a diff against the "
                   f"reference solution; make one from an edited copy with `python3 dev.py exercise {e.name} "
                   f"--save-{which} {path.stem}`.")
    return out


def patch_problems(e: Exercise, slug: str, which: str) -> list[str]:
    """A wrong/<slug>.patch (or right/'s) applies to the reference solution and changes something."""
    try:
        files = e.variant(slug, which)
    except patches.PatchError as error:
        return [str(error)]
    reference = e.reference_texts(list(files))
    if not files or all(reference.get(name) == text for name, text in files.items()):
        return [f"{shown(e.patch_file(slug, which))} changes nothing: write the change the solution makes."]
    return []


def right_problems(e: Exercise) -> list[str]:
    """Each right/<slug>.patch has its [<fw>.right.<slug>] entry (a one-line why) and the other
    way round, and applies to the reference solution, changing something."""
    out, data = [], shown(e.data_file)
    folders = e.patch_slugs(RIGHT)
    out += strays(e, RIGHT)
    for slug in folders:
        if slug not in e.right:
            out.append(f"{shown(e.patch_file(slug, RIGHT))} has no entry [{e.framework}.right.{slug}] in {data}: add its why.")
    for slug, entry in sorted(e.right.items()):
        table = f"{data}: [{e.framework}.right.{slug}]"
        if not isinstance(entry, dict):
            out.append(f"{table} must be a table with why.")
            continue
        if not SLUG_RE.match(slug):
            out.append(f"{table}: name it in snake_case (the technique: `send_file_as_attachment`).")
        for key in sorted(set(entry) - RIGHT_KEYS):
            out.append(f"{table} has an unknown key `{key}`; the only key is why.")
        why = entry.get("why")
        if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
            out.append(f"{table}: `why` must be one English line: how it differs from the reference and why it is right.")
        if slug not in folders:
            out.append(f"{table} has no patch {shown(e.patch_file(slug, RIGHT))} with the change it makes.")
            continue
        out += patch_problems(e, slug, RIGHT)
    return out

