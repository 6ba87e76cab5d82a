"""The corpus as patches (guide_tools/exercises/patches.py, contributing/exercises.md "Exercises"): a patch
gives back the files it was made from byte for byte, the real corpus is stored as the patches the
authors' command writes, and a patch that no longer fits the reference is refused by name."""

from __future__ import annotations

import io
import random
import re
import shutil
from pathlib import Path

import pytest

from guide_tools.exercises import patches, runner

from .test_runner import FROZEN, HTML_404, WRONG, new_root, one, routing_corpus, run

# Lines a file may hold, the awkward ones included: no newline at the end, a CRLF, a form feed and
# U+2028 (str.splitlines would split at both), a line that looks like a patch's own syntax, a blank.
LINES = ["def f():\n", "    return 1\n", "\n", "x = 'ü'\r\n", "a\x0cb\n", "s = '\u2028'\n", "--- a/app.py\n",
         "+++ b/app.py\n", "@@ -1 +1 @@\n", "\\ No newline at end of file\n", "    pass\n", "# é\n"]


def random_text(rng: random.Random) -> str:
    text = "".join(rng.choice(LINES) for _ in range(rng.randrange(0, 40)))
    return text[:-1] if text and rng.random() < 0.3 else text  # often no newline at the end


def edited(rng: random.Random, text: str) -> str:
    lines = patches.lines_of(text)
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(0, len(lines) + 1)
        what = rng.random()
        if what < 0.4 and at < len(lines):
            del lines[at]
        elif what < 0.8:
            lines.insert(at, rng.choice(LINES))
        elif at < len(lines):
            lines[at] = lines[at].rstrip("\n")  # the newline dropped: the last line, or two lines joined
    return "".join(lines)


def test_a_patch_gives_back_every_file_byte_for_byte():
    """Property, over 600 seeded random pairs (reference, edited) and new files: apply(diff(a, b))
    is b, every time, and a file the edit left as it was is not in the patch."""
    rng = random.Random(45)
    for _ in range(600):
        reference = {f"f{i}.py": random_text(rng) for i in range(rng.randrange(1, 4))}
        changed = {name: edited(rng, text) for name, text in reference.items() if rng.random() < 0.7}
        if rng.random() < 0.3:
            changed["templates/new.txt"] = random_text(rng) or "x"
        text = patches.diff(reference, changed)
        expected = {name: t for name, t in changed.items() if reference.get(name) != t}
        assert patches.apply(reference, text, "p.patch") == expected, (reference, changed, text)


def test_every_patch_of_the_corpus_is_as_the_command_writes_it():
    """Each wrong/ and right/ patch of the real tree applies to its reference, and is exactly the
    diff `--save-wrong` would write for what it gives (no hand-edited hunk, no stale context)."""
    count = 0
    for e in runner.load_all():
        for which in (runner.WRONG, runner.RIGHT):
            for slug in e.patch_slugs(which):
                files = e.variant(slug, which)
                assert patches.diff(e.reference_texts(), files) == e.patch_file(slug, which).read_text(encoding="utf-8"), \
                    f"{runner.shown(e.patch_file(slug, which))}: rewrite it with `{e.command()} --edit-{which} {slug}` " \
                    f"then `--save-{which} {slug}`"
                count += 1
    assert count >= 400


def test_a_patch_that_no_longer_applies_is_named_with_what_to_do(tmp_path):
    """The reference solution changes under a wrong solution's patch: the data check, the build and
    --check-all's verdict name the patch, the file and line, what it expected, and the commands that redo it."""
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    solution = root / "compare" / "routing" / "flask" / "solution" / "app.py"
    solution.write_text(solution.read_text().replace('"Book not found"}, 404', '"No such book"}, 404'))
    exercise = one(root, "routing/flask")
    patch = f"{root.as_posix()}/compare/routing/flask/wrong/html_404.patch"
    said = (f"{patch}: `app.py`, line 22: the patch expects '        return {{\"detail\": \"Book not found\"}}, 404', "
            "the reference solution has '        return {\"detail\": \"No such book\"}, 404'. The reference solution "
            "(starter/ with solution/ over it) changed since this patch was written, or the patch was edited by hand: "
            "redo the mistake on the current reference with `python3 dev.py exercise routing/flask --edit-wrong html_404` "
            "(your copy becomes the reference; the old patch stays to read), then "
            "`python3 dev.py exercise routing/flask --save-wrong html_404`")
    assert said in runner.problems([exercise])
    with pytest.raises(patches.PatchError) as raised:
        runner.build(exercise, tmp_path / "built", "html_404")
    assert str(raised.value) == said
    (verdict,) = runner.verify_wrong(exercise)
    assert verdict.problem == said and not verdict.rejected


def test_a_hand_edited_patch_is_refused_by_line(tmp_path):
    root = routing_corpus(tmp_path, {"html_404": WRONG["html_404"]})
    path = root / "compare" / "routing" / "flask" / "wrong" / "html_404.patch"
    text = path.read_text()
    assert "\n \n" in text
    path.write_text(text.replace("\n \n", "\n\n", 1))  # an editor strips a blank context line's space
    problem = "\n".join(runner.problems([one(root, "routing/flask")]))
    assert re.search(rf"{re.escape(path.as_posix())}, line \d+: the hunk's header promises 6 old and 6 new lines, "
                     r"its body has 1 and 1\. The reference solution .* or the patch was edited by hand", problem), problem


def test_authors_make_a_wrong_solution_from_an_edited_copy(tmp_path):
    """--edit-wrong puts the reference in the copy; --save-wrong writes the patch, runs the checks
    and prints the entry with the checks that rejected it; --edit-wrong then gives the copy back."""
    root = new_root(tmp_path)
    shutil.copytree(FROZEN, root / "compare" / "routing", ignore=runner.IGNORED)
    work = tmp_path / "work"
    code, out = run(["routing/flask", "--edit-wrong", "html_404"], work, root)
    assert code == 0, out
    copy = work / "routing" / "flask" / "app.py"
    assert copy.read_text() == (FROZEN / "flask" / "solution" / "app.py").read_text()
    copy.write_text(HTML_404)
    code, out = run(["routing/flask", "--save-wrong", "html_404", "--why", "abort(404) answers HTML."], work, root)
    assert code == 0, out
    patch = root / "compare" / "routing" / "flask" / "wrong" / "html_404.patch"
    assert patch.read_text().count("\n") < 20  # the change, not the file
    assert '\n[flask.wrong.html_404]\nkind = "fits-inputs | protection-off | partial | wrong-mechanism | weak-tests"\n' \
           'why = "abort(404) answers HTML."\nfails = ["unknown_book_is_json_404"]\n' in out
    copy.write_text("changed again")
    code, out = run(["routing/flask", "--edit-wrong", "html_404"], work, root)
    assert code == 0 and copy.read_text() == HTML_404, out


def test_saving_a_copy_the_checks_accept_says_so(tmp_path):
    root = new_root(tmp_path)
    shutil.copytree(FROZEN, root / "compare" / "routing", ignore=runner.IGNORED)
    work = tmp_path / "work"
    run(["routing/flask", "--edit-wrong", "comment"], work, root)
    copy = work / "routing" / "flask" / "app.py"
    copy.write_text(copy.read_text() + "# a comment\n")
    code, out = run(["routing/flask", "--save-wrong", "comment"], work, root)
    assert code == 1 and "The checks accept it: as they are, they do not reject this mistake." in out, out
