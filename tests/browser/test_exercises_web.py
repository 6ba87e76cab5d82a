"""Check on the page (guide_tools/exercises/web.py, docs/assets/exercises/exercise.js), in Chromium,
network cut to loopback (tests/browser/browser.py reports any other request as a problem).

- The routing exercise in all three frameworks, through the page as a reader uses it: the starter
  fails Check with exactly the lines the local command prints, the reference solution typed into
  the editor passes, and a reload keeps it (and the solved mark).
- The corpus: every exercise the build marks as checkable on the page, per framework in one Pyodide
  (one worker, as one page would have): the starter fails exactly `starter_fails`, the reference solution passes,
  and every wrong solution is rejected as its entry declares (runner.judge_wrong, the same verdict
  as `python3 dev.py exercise --check-all`)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from guide_tools.exercises import runner, web
from guide_tools.website.content import DEFAULT_LANGUAGE

pytestmark = pytest.mark.slow

FIRST_CHECK_SECONDS = 240  # Python, the framework and pytest, cold, on a loaded CI machine
CHECK_SECONDS = 90
CORPUS_SECONDS = 3600  # the whole corpus, one run after another in one worker (measured: see the commit messages; contributing/exercises.md)
ROUTING = "compare/routing.md"
OVERVIEW = "overview/how_to_use.md"
TAB = {"flask": "Flask", "fastapi": "FastAPI", "django": "Django"}
ONLY = "SIDE_BY_SIDE_EXERCISES"  # the corpus of some exercises only: SIDE_BY_SIDE_EXERCISES=middleware,auth
# Every wrong solution in Pyodide (`python3 dev.py corpus-web`, and weekly in CI: .github/workflows/
# exercise-corpus.yml). Without it, each exercise's wrong solutions are cut to a cover of its checks
# (runner.covering_wrong): every check some wrong solution fails is seen failing in the browser, in about half
# the runs. In CPython, every commit runs every wrong solution of an exercise without a current corpus
# stamp, and the same cover for one with it (runner.corpus_plan, tests/exercises/test_exercises.py).
FULL = "SIDE_BY_SIDE_CORPUS"



def exercises() -> dict[str, runner.Exercise]:
    return {e.name: e for e in runner.load_all()}


def files_of(exercise: runner.Exercise, *layers: str) -> dict[str, str]:
    """The reader's files: the starter with the given layers over it: the solution's folder, then a
    wrong (or right) solution, `wrong/<slug>`, its patch applied as runner.build applies it."""
    files = {}
    for layer in ("starter", *layers):
        which, _, slug = layer.partition("/")
        if slug:
            files |= exercise.variant(slug, which)
            continue
        base = exercise.folder / layer
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[path.relative_to(base).as_posix()] = path.read_text(encoding="utf-8")
    return files


def local_lines(exercise: runner.Exercise, lang: str, *layers: str) -> list[str]:
    """What `python3 dev.py exercise <name>` prints about the starter, or the starter with `layers`
    over it (after its first line)."""
    return local_lines_of(exercise, files_of(exercise, *layers), lang)


def local_lines_of(exercise: runner.Exercise, files: dict[str, str], lang: str) -> list[str]:
    """What `python3 dev.py exercise <name>` prints about these files (after its first line)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "app"
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        lines, _ = runner.report(exercise, runner.run_checks(exercise, folder), lang)
    return lines


def holder(page, exercise: runner.Exercise):
    return page.locator(f'div.sbs-exercise[data-sbs-exercise="{exercise.section}/{exercise.topic}/{exercise.framework}"]')


def show_tab(page, framework: str) -> None:
    page.locator("#exercises ~ .tabbed-set .tabbed-labels label", has_text=TAB[framework]).first.click()


def open_editor(page, exercise: runner.Exercise):
    """As a reader would: show the exercise's framework tab, scroll to the exercise, and wait for its
    editor, which loads only when the exercise comes near the screen. Returns the exercise's holder."""
    show_tab(page, exercise.framework)
    box = holder(page, exercise)
    box.evaluate("box => box.parentElement.scrollIntoView({block: 'center'})")
    box.locator(".cm-content").wait_for(timeout=60_000)
    return box


def wait_for_check(page, box, seconds: float, check=None) -> str:
    (check or box.get_by_role("button", name="Check your solution in the browser")).wait_for()
    page.wait_for_function("check => check.getAttribute('aria-disabled') !== 'true'",  # busy: it keeps the focus
                           arg=box.locator('.sbs-exercise__controls button').first.element_handle(), timeout=seconds * 1000)
    return box.locator("[role=status]").text_content()


def replace_text(page, box, text: str) -> None:
    """As a reader would: select everything in the editor and type (insert) the new text."""
    box.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def editor_text(box) -> str:
    return box.locator(".cm-content").evaluate(
        "content => [...content.querySelectorAll('.cm-line')].map(line => line.textContent).join('\\n')")


def assert_solved_after_reload(page, found: dict[str, runner.Exercise]) -> None:
    """After a reload, routing's three editors hold the reference solution typed in, marked solved."""
    for framework in ("flask", "fastapi", "django"):
        exercise = found[f"routing/{framework}"]
        box = open_editor(page, exercise)
        main = min(exercise.files("solution"))
        if len(exercise.files("starter")) > 1:
            box.get_by_role("tab", name=main).click()
        assert editor_text(box) == files_of(exercise, "solution")[main], f"{exercise.name}: the edit did not survive a reload"
        assert box.locator(".sbs-exercise__solved").is_visible()


def test_routing_checks_on_the_page_as_locally(new_context, site):
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    found = exercises()
    # Saved as the reader types: an edit survives a reload with no Check in between (a Check's solved
    # mark also saves, so this comes first).
    flask = found["routing/flask"]
    box = open_editor(page, flask)
    replace_text(page, box, "# my edit\n" + files_of(flask)["app.py"])
    page.reload()
    open_editor(page, flask)
    assert editor_text(holder(page, flask)).startswith("# my edit\n"), "an edit was not saved as it was typed"
    replace_text(page, holder(page, flask), files_of(flask)["app.py"])
    first = True
    for framework in ("flask", "fastapi", "django"):
        exercise = found[f"routing/{framework}"]
        box = open_editor(page, exercise)
        box.get_by_role("button", name="Check your solution in the browser").click()
        status = wait_for_check(page, box, FIRST_CHECK_SECONDS if first else CHECK_SECONDS)
        first = False
        expected = local_lines(exercise, "en")
        assert box.locator("pre.sbs-exercise__results").text_content().split("\n") == expected, status
        main = min(exercise.files("solution"))
        box.get_by_role("tab", name=main).click() if len(exercise.files("starter")) > 1 else None
        replace_text(page, box, files_of(exercise, "solution")[main])
        box.get_by_role("button", name="Check your solution in the browser").click()
        status = wait_for_check(page, box, CHECK_SECONDS)
        assert status.startswith(f"All {len(exercise.checks())} checks pass"), status
        assert box.locator(".sbs-exercise__solved").is_visible()
        with page.expect_download() as download:
            box.get_by_role("button", name="Download your files as a zip archive").click()
        with zipfile.ZipFile(download.value.path()) as archive:
            got = {name: archive.read(name).decode() for name in archive.namelist()}
        assert got == files_of(exercise, "solution"), f"{exercise.name}: the download is not the reader's files"

    # Reset asks first (dismissed: nothing changes), then resets; Undo brings the edit back.
    exercise = found["routing/django"]
    box = holder(page, exercise)
    reset = box.get_by_role("button", name="Reset the files to the starter")
    page.once("dialog", lambda dialog: dialog.dismiss())
    reset.click()
    assert editor_text(box) == files_of(exercise, "solution")["views.py"]
    page.once("dialog", lambda dialog: dialog.accept())
    reset.click()
    assert editor_text(box) == files_of(exercise)["views.py"]
    box.get_by_role("button", name="Undo reset: bring back your files from before it").click()
    assert editor_text(box) == files_of(exercise, "solution")["views.py"]

    page.reload()
    assert_solved_after_reload(page, found)

    # The overview of exercises marks the three solved here, and nothing else.
    page.goto(site.url(DEFAULT_LANGUAGE, OVERVIEW) + "#all-exercises")
    cells = page.locator("[data-sbs-exercise-state]")
    states = dict(zip(cells.evaluate_all("cells => cells.map(c => c.dataset.sbsExerciseState)"), cells.all_inner_texts()))
    solved = {name for name, text in states.items() if text == "\u2713 Solved"}
    assert solved == {"compare/routing/flask", "compare/routing/fastapi", "compare/routing/django"}, states
    assert set(states.values()) - {"\u2713 Solved"} == {"on the page", "locally"}
    assert not watch.problems, watch.problems


@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_a_korean_and_a_russian_reader_solve_routing_on_the_page(new_context, site, lang):
    """In each framework, on the page in the reader's language: the starter fails Check with exactly
    the lines the local command prints in that language, the reference solution passes with them
    too, and a reload keeps the reader's files and the solved mark."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(lang, ROUTING))
    found = exercises()
    first = True
    for framework in ("flask", "fastapi", "django"):
        exercise = found[f"routing/{framework}"]
        box = open_editor(page, exercise)
        check = box.locator(".sbs-exercise__controls button").first
        wrong = (("solution", "wrong/status_200"),) if framework == "flask" else ()  # its detail: a translated frame
        for layers in ((), *wrong, ("solution",)):
            if layers:
                main = min(exercise.files("solution"))
                if len(exercise.files("starter")) > 1:
                    box.get_by_role("tab", name=main).click()
                replace_text(page, box, files_of(exercise, *layers)[main])
            check.click()
            wait_for_check(page, box, FIRST_CHECK_SECONDS if first else CHECK_SECONDS, check)
            first = False
            got = box.locator("pre.sbs-exercise__results").text_content().split("\n")
            assert got == local_lines(exercise, lang, *layers), f"{exercise.name} ({lang}, {layers or 'starter'})"
            if "wrong/status_200" in layers:
                said = runner.MESSAGES[lang]["answered_expected"].format(request="GET /books/99", got="200", expected="404")
                assert any(line.endswith(f": {said}") for line in got), got
        assert box.locator(".sbs-exercise__solved").is_visible()
    page.reload()
    assert_solved_after_reload(page, found)
    assert not watch.problems, watch.problems


def test_a_checks_own_message_reads_in_korean_on_the_page(new_context, site):
    """Not the runner's frame: the check's own sentence (request_handling/flask's starter accepts a
    quantity of 0, `POST /orders with {...} answered 201, expected 400`), in Korean by the exercise's
    [[messages]] entry, the values put in as the check gave them (issue 31), as the local command says it."""
    exercise = exercises()["request_handling/flask"]
    [entry] = [m for m in exercise.messages if m["en"] == "POST /orders with {} answered {}, expected 400"]
    said = entry["ko"].format('{"item": "book", "quantity": 0}', "201")
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url("ko", exercise.page))
    box = open_editor(page, exercise)
    check = box.locator(".sbs-exercise__controls button").first
    check.click()
    wait_for_check(page, box, FIRST_CHECK_SECONDS, check)
    got = box.locator("pre.sbs-exercise__results").text_content().split("\n")
    assert got == local_lines(exercise, "ko"), got
    assert any(line.endswith(f"bad_quantity_is_rejected: {said}") for line in got), got
    assert not watch.problems, watch.problems


# Through the page's own client (client.js, loaded with exercise.js): the same protocol as Check.
CORPUS_DRIVER = """async ([runs, seconds]) => {
  const results = [];
  for (const run of runs) {
    const bundle = await (await fetch(`/assets/exercises/${run.name}.json`)).json();
    const files = Object.assign({}, bundle.support);
    for (const [path, text] of Object.entries(run.files)) files["work/" + path] = text;
    const began = performance.now();
    const timer = setTimeout(() => SbsRuntime.stop({ ok: false, timeout: true }), seconds * 1000);
    const answer = await SbsRuntime.execute({ packages: bundle.packages, files, entry: "guide_tools.exercises.web:check", args: [run.name, run.lang || "en"] });
    clearTimeout(timer);
    results.push({ key: run.key, seconds: (performance.now() - began) / 1000, answer });
  }
  SbsRuntime.stop();
  return results;
}"""


def result_of(answer: dict) -> runner.Result:
    if answer.get("timeout"):
        return runner.Result([], [], timed_out=True)
    if not answer.get("ok"):
        return runner.Result([], [], output=answer.get("text", ""))
    report = json.loads(answer["text"])
    return runner.Result(report["checks"], report["broken"])


# Apps that do not load (tests/exercises/test_exercises.py holds the local lines): (exercise, file, old, new, language).
DOES_NOT_LOAD = [
    ("routing/flask", "app.py", "from flask import Flask", "from flask import Flask\nfrom werkzeug.contrib.fixers import ProxyFix", "en"),
    ("routing/flask", "app.py", "app = Flask(__name__)",
     "from werkzeug.middleware.proxy_fix import ProxyFix\n\napp = Flask(__name__)\napp.wsgi_app = ProxyFix(app.wsgi_app, num_proxies=1)", "ko"),
    ("routing/django", "settings.py", 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()',
     'SECRET_KEY = os.environ["SECRET_KEY"]', "ru"),  # the variable's name mistyped (the deployed one is set)
    ("routing/django", "urls.py", 'path("books/<int:book_id>", views.book_detail)',
     'path("books/<int:book_id>", views.book_detail, "book-detail")', "en"),
]


def test_an_app_that_does_not_load_gets_the_local_line_on_the_page(new_context, site):
    """The error's type and message and the reader's file and line, in the page's language, as the local
    command prints them: Flask at import, Django's settings (before pytest has a session) and urls.py."""
    found, runs, expected = exercises(), [], {}
    for i, (name, file, old, new, lang) in enumerate(DOES_NOT_LOAD):
        exercise = found[name]
        files = files_of(exercise)
        assert old in files[file], (name, file, old)
        files[file] = files[file].replace(old, new, 1)
        runs.append({"key": str(i), "name": f"{exercise.section}/{exercise.topic}/{exercise.framework}", "files": files, "lang": lang})
        expected[str(i)] = local_lines_of(exercise, files, lang)
        assert len(expected[str(i)]) == 1 and file in expected[str(i)][0], expected[str(i)]
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    results = page.evaluate(CORPUS_DRIVER, [runs, FIRST_CHECK_SECONDS])
    got = {item["key"]: json.loads(item["answer"]["text"])["lines"] if item["answer"].get("ok") else item["answer"]
           for item in results}  # the worker's answer as it is when Check itself failed
    assert got == expected
    assert not watch.problems, watch.problems


@pytest.mark.timeout(CORPUS_SECONDS)
@pytest.mark.parametrize("framework", list(TAB))
def test_every_checkable_exercise_in_one_pyodide(new_context, site, artifacts, framework):
    """Starter, reference solution and wrong solutions (all with SIDE_BY_SIDE_CORPUS=full, else a cover
    of the checks: runner.covering_wrong) of every exercise of one framework checkable on the page. One test per framework, so that pytest-xdist spreads the corpus (about 8 minutes in one
    worker) over both cores instead of leaving one worker with all of it at the end of the pass."""
    only = {topic.strip() for topic in os.environ.get(ONLY, "").split(",") if topic.strip()}
    found = [e for e in exercises().values()
             if e.framework == framework and not web.why_not(e)[0] and (not only or e.topic in only)]
    assert found, f"no {framework} exercise is checkable on the page" + (f" among {ONLY}={sorted(only)}" if only else "")
    runs, expect = [], {}
    for e in found:
        path = f"{e.section}/{e.topic}/{e.framework}"
        runs.append({"key": f"{e.name} starter", "name": path, "files": files_of(e)})
        expect[f"{e.name} starter"] = (e, "starter")
        runs.append({"key": f"{e.name} solution", "name": path, "files": files_of(e, "solution")})
        expect[f"{e.name} solution"] = (e, "solution")
        for slug in e.patch_slugs() if os.environ.get(FULL) == "full" else runner.covering_wrong(e):
            runs.append({"key": f"{e.name} wrong/{slug}", "name": path, "files": files_of(e, "solution", f"wrong/{slug}")})
            expect[f"{e.name} wrong/{slug}"] = (e, slug)
        for slug in e.patch_slugs(runner.RIGHT):  # other correct solutions: accepted, as the solution is
            runs.append({"key": f"{e.name} right/{slug}", "name": path, "files": files_of(e, "solution", f"right/{slug}")})
            expect[f"{e.name} right/{slug}"] = (e, "solution")
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    began = time.monotonic()
    results = page.evaluate(CORPUS_DRIVER, [runs, CHECK_SECONDS * 2])  # Playwright's evaluate has no time limit
    wrong, counts = [], {}
    for item in results:
        exercise, kind = expect[item["key"]]
        result = result_of(item["answer"])
        tally = counts.setdefault(exercise.framework, {"exercises": 0, "starters": 0, "solutions": 0, "wrong": 0, "rejected": 0})
        if kind == "starter":
            tally["exercises"] += 1
            ok = not result.broken and sorted(result.failed) == sorted(exercise.starter_fails)
            tally["starters"] += ok
            if not ok:
                wrong.append(f"{item['key']}: should fail {sorted(exercise.starter_fails)}, got {result.failed} "
                             f"{result.broken} {result.output}")
        elif kind == "solution":
            tally["solutions"] += result.ok
            if not result.ok:
                wrong.append(f"{item['key']}: should pass, got {[(c['name'], c['message']) for c in result.checks if c['outcome'] != 'passed']} "
                             f"{result.broken} {result.output}")
        else:
            tally["wrong"] += 1
            why = runner.judge_wrong(exercise, kind, result)
            tally["rejected"] += not why
            if why:
                wrong.append(f"{item['key']}: {why}")
    seconds = time.monotonic() - began
    summary = ", ".join(f"{fw}: {t['exercises']} exercises, {t['starters']} starters fail, {t['solutions']} solutions pass, "
                        f"{t['rejected']} of {t['wrong']} wrong rejected" for fw, t in sorted(counts.items()))
    line = (f"Check on the page, corpus{'' if os.environ.get(FULL) == 'full' else ' (wrong solutions: a cover of the checks)'}: "
            f"{summary}; {len(results)} runs in {seconds:.0f} s")
    (artifacts / f"exercises-web-corpus-{framework}.txt").write_text(line + "\n" + "\n".join(wrong) + "\n", encoding="utf-8")
    print(line)  # shown with -s (without xdist), and in the failure's report
    assert not wrong, line + "\n" + "\n".join(wrong)
    assert not watch.problems, watch.problems


def test_keyboard_leaves_the_editor_axe_and_no_javascript(new_context, site):
    """Tab indents inside the editor; Escape then Tab leaves it (what the page says). axe finds nothing
    in the section (Korean page: its labels). Without JavaScript nothing of it shows."""
    from tests.browser import browser as b

    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url("ko", ROUTING))
    exercise = exercises()["routing/flask"]
    box = open_editor(page, exercise)
    assert "Esc" in box.locator(".sbs-exercise__keys").text_content()
    box.locator(".cm-content").click()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.cm-content')"), "Tab left the editor instead of indenting"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('.cm-editor')"), "Escape, Tab did not leave the editor"
    violations = b.axe_violations(page, "div.sbs-exercise")
    assert not violations, "\n".join(violations)
    assert not watch.problems, watch.problems

    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    assert page.locator("div.sbs-exercise").count() == 3
    assert page.locator("div.sbs-exercise:visible").count() == 0
    assert page.locator("div.sbs-exercise button").count() == 0


RUNTIME_CACHE = """() => caches.keys().then(names => Promise.all(names.filter(n => n.startsWith("sbs-runtime-"))
    .map(n => caches.open(n).then(c => c.keys())))).then(lists => lists.flat().map(r => r.url))"""


# The reader's words when Check's downloads fail (exercise.js's downloadFailed): what could not be
# downloaded, that the code is kept, and how to go on (online again: Check; offline: locally).
CHECK_CUT_SAID = {
    "en": ("The checks could not run: ", "could not be downloaded (the connection failed).", "Your code is kept.",
           "Once you are connected again, press Check; without a connection, download your files and carry on locally as said below."),
    "ru": ("Проверки не запустились: не удалось скачать", "пропало соединение.", "Ваш код сохранён.",
           "Когда связь вернётся, снова нажмите «Проверить»; а без связи скачайте файлы и продолжайте локально, как описано ниже."),
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_check_whose_downloads_fail_says_so_in_full_and_checks_once_they_come(new_context, site, lang):
    """The wheels a Check needs (the framework, pytest) cannot be downloaded (Playwright refuses them,
    as a dropped connection does; the site itself answers). The status says so in full, in the page's
    language alone: pytest among what could not be downloaded, the code kept, and how to go on, online
    and offline (it stopped at Pyodide's "The following error occurred while loading pytest:").
    The downloads allowed again, the same Check runs and prints what the local command prints."""
    from tests.browser.test_run import CUTS

    exercise = exercises()["routing/flask"]
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(lang, exercise.page))
    box = open_editor(page, exercise)
    check = box.locator(".sbs-exercise__controls button").first
    refused = []
    def refuse(route):
        refused.append(route.request.url)
        route.abort("internetdisconnected")
    context.route(CUTS["wheels"], refuse)
    check.click()
    status = wait_for_check(page, box, FIRST_CHECK_SECONDS, check)
    assert [url for url in refused if "/pytest-" in url], refused
    first, what, kept, todo = CHECK_CUT_SAID[lang]
    assert status.startswith(first) and "pytest" in status and what in status and kept in status and status.endswith(todo), status
    if lang != "en":  # package names and Python are the only Latin words
        names = status.split(first, 1)[1].split(" — ")[0]
        assert not re.search(r"[A-Za-z]{2,}", status.replace(names, "")), f"not all in the page's language: {status}"
    assert box.locator("pre.sbs-exercise__results").is_hidden()
    watch.problems.clear()  # what the outage refused; from here on nothing may fail

    context.unroute_all()
    check.click()
    wait_for_check(page, box, FIRST_CHECK_SECONDS, check)
    got = box.locator("pre.sbs-exercise__results").text_content().split("\n")
    assert got == local_lines(exercise, lang)
    assert not watch.problems, watch.problems


def test_check_offline_works_after_a_run_without_an_edit(new_context, site):
    """A reader ran a listing (the service worker keeps the runtime and Flask from then on). The
    exercise on the page fetches what its Check needs (pytest...) into that cache as soon as the service
    worker keeps the runtime, with no edit needed (it waited for the first edit, and a Check offline
    without one could not load pytest). Offline, Check, pressed from the keyboard, runs and prints what
    the local command prints, and the button keeps the focus."""
    from tests.browser.test_run import FIRST_RUN_SECONDS, wait_for_answer
    from tests.browser.test_run import holder as run_holder

    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    exercise = exercises()["routing/flask"]
    box = open_editor(page, exercise)  # set up before the service worker keeps anything
    listing = "compare/routing/out/flask_static.txt"
    run_holder(page, listing).locator("button").first.evaluate("button => button.click()")
    assert "Live output" in wait_for_answer(page, listing, FIRST_RUN_SECONDS)
    deadline = time.monotonic() + CHECK_SECONDS
    while not [url for url in page.evaluate(RUNTIME_CACHE) if "/wheels/pytest-" in url] and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert [url for url in page.evaluate(RUNTIME_CACHE) if "/wheels/pytest-" in url], "pytest is not kept for a Check offline"

    context.set_offline(True)
    check = box.get_by_role("button", name="Check your solution in the browser")
    check.focus()
    page.keyboard.press("Enter")
    status = wait_for_check(page, box, FIRST_CHECK_SECONDS, check)
    got = box.locator("pre.sbs-exercise__results").text_content().split("\n")
    assert got == local_lines(exercise, "en"), status
    assert check.evaluate("button => document.activeElement === button"), page.evaluate("document.activeElement.outerHTML")
    assert not watch.problems, watch.problems


def test_an_exercise_opens_on_the_file_its_task_is_about(new_context, site):
    """compare/middleware/django's task is its middleware.py: the editor opens there (it opened on
    views.py), and no Python is loaded for it."""
    exercise = exercises()["middleware/django"]
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, exercise.page))
    box = open_editor(page, exercise)
    assert box.get_by_role("tab", selected=True).text_content() == "middleware.py"
    assert editor_text(box) == files_of(exercise)["middleware.py"]
    assert not watch.problems, watch.problems


def test_stop_ends_a_check_and_gives_the_focus_back_to_check(new_context, site):
    """An app that never finishes importing: Check, then Stop, both from the keyboard. The Check
    ends and says so, Stop hides and gives the focus back to Check (it fell to the page), and the
    reader's code is still in the editor."""
    exercise = exercises()["routing/flask"]
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, exercise.page))
    box = open_editor(page, exercise)
    endless = "while True:\n    pass\n" + files_of(exercise)["app.py"]
    replace_text(page, box, endless)
    check = box.get_by_role("button", name="Check your solution in the browser")
    halt = box.get_by_role("button", name="Stop")
    check.focus()
    page.keyboard.press("Enter")
    box.locator("[role=status]", has_text="Running the checks").wait_for(timeout=FIRST_CHECK_SECONDS * 1000)
    page.wait_for_timeout(500)
    halt.focus()
    page.keyboard.press("Enter")
    status = wait_for_check(page, box, 10, check)
    assert status == "Stopped. The next Check starts Python again.", status
    assert halt.is_hidden(), "Stop still shows after the Check ended"
    assert check.evaluate("button => document.activeElement === button"), page.evaluate("document.activeElement.outerHTML")
    assert editor_text(box) == endless.rstrip("\n") or editor_text(box) == endless, "the reader's code was lost"
    assert not watch.problems, watch.problems


def test_an_exercise_scrolled_to_offline_says_so_and_loads_once_back_online(new_context, site):
    """The editor and the exercise's files load when the section comes near the screen. Offline by
    then, the section stayed hidden without a word (and the failed editor.js was kept, so it never
    came). It says that the editor could not be downloaded and that it will load by itself; back
    online, the editor comes, on the starter."""
    exercise = exercises()["routing/flask"]
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, exercise.page))
    page.wait_for_load_state("networkidle")
    context.set_offline(True)
    show_tab(page, exercise.framework)
    box = holder(page, exercise)
    box.evaluate("box => box.parentElement.scrollIntoView({block: 'center'})")
    note = box.locator(".sbs-exercise__unloaded")
    note.wait_for(timeout=30_000)
    assert note.text_content() == ("The exercise's editor could not be downloaded: the connection failed. "
                                   "It loads by itself once you are back online."), note.text_content()
    assert note.get_attribute("role") == "status" and note.is_visible()
    watch.problems.clear()  # what the outage refused; from here on nothing may fail

    context.set_offline(False)
    box.locator(".cm-content").wait_for(timeout=60_000)
    assert note.count() == 0
    assert editor_text(box) == files_of(exercise)["app.py"]
    assert not watch.problems, watch.problems
