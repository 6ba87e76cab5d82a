"""Run on the page: every runnable output, run in Chromium by Python compiled to WebAssembly
(assets/runtime/, guide_tools/runtime/), must print what its captured output file says, after the
same normalisation the suite applies to captured outputs. Every request outside loopback is
refused (tests/browser/browser.py) and reported as a problem.

One page load per chapter: Python starts once per page, as it does for a reader."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from guide_tools.runtime import listings
from guide_tools.runtime.figures import SNAPSHOTS
from guide_tools.website.content import DEFAULT_LANGUAGE, SNIPPETS
from tests.browser import browser as b
from tests.support.capture import normalise

pytestmark = pytest.mark.slow

FIRST_RUN_SECONDS = 180  # Python, the wheels and the first request, cold, on a loaded CI machine
RUN_SECONDS = 60


def pages_with_runs() -> dict[str, list[str]]:
    """{page: runnable outputs it shows}, from the English pages' includes."""
    runs = listings.runnable()
    found: dict[str, list[str]] = {}
    for page in sorted(listings.DOCS_EN.rglob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            include = listings.INCLUDE.match(line)
            if include and include["path"] in runs:
                found.setdefault(page.relative_to(listings.DOCS_EN).as_posix(), []).append(include["path"])
    return found


PAGES = pages_with_runs()
ROUTING = "compare/routing.md"
NEXT = "compare/errors.md"


def holder(page, output: str, nth: int = 0):
    """The Run controls under an output; `nth` for the same output shown again on the page (the ORM
    page's SQLAlchemy session under Flask and under FastAPI)."""
    topic, _, name = output.partition("/out/")
    return page.locator(f'div.sbs-run[data-sbs-topic="{topic}"][data-sbs-output="{name}"]').nth(nth)


def wait_for_answer(page, output: str, seconds: float, previous: str = "", nth: int = 0) -> str:
    """Waits until the block's status changes from `previous` to a final one; returns the status."""
    topic, _, name = output.partition("/out/")
    page.wait_for_function(
        """([topic, name, previous, nth]) => {
            const h = document.querySelectorAll(`div.sbs-run[data-sbs-topic="${topic}"][data-sbs-output="${name}"]`)[nth];
            const run = h && h.querySelector("button");  // busy: aria-disabled (it keeps the focus)
            return run && run.getAttribute("aria-disabled") !== "true" && h.querySelector("[role=status]").textContent !== previous;
        }""",
        arg=[topic, name, previous, nth], timeout=seconds * 1000,
    )
    return holder(page, output, nth).locator("[role=status]").text_content()


def normalisers(output: str) -> list:
    """What the output's drive.py says differs on every run (NORMALISE), as the suite's normalisers."""
    topic = output.partition("/out/")[0]
    return [(re.compile(pattern), replacement) for pattern, replacement in listings.drivers()[topic].get("NORMALISE", [])]


def is_live(page, output: str, nth: int = 0) -> bool:
    """Whether the output's block shows a Run's answer: a Run that failed leaves the captured
    output in place (and says why in the status), which compares equal to the file."""
    return holder(page, output, nth).evaluate("""h => {
        let block = h.previousElementSibling;
        while (block && !block.matches(".highlight")) block = block.previousElementSibling;
        return !!block && block.classList.contains("sbs-run--live");
    }""")


def shown_text(page, output: str, nth: int = 0) -> str:
    return holder(page, output, nth).evaluate("h => h.previousElementSibling.querySelector('pre > code').textContent")


def stand_in_said(page, output: str) -> bool:
    """Whether a live output that a stand-in answered (data-sbs-stand-in) shows the note naming it
    (run.js's standIns: each names the stand-in's MockTransport); True for any other output."""
    return holder(page, output).evaluate("""h => {
        if (!h.hasAttribute("data-sbs-stand-in")) return true;
        const note = h.querySelector(".sbs-run__note");
        return !!note && !note.hidden && note.textContent.includes("MockTransport");
    }""")


# --------------------------------------------------------------------------- the editor Edit opens

FLASK_APP = "compare/routing/flask_app.py"


def edited_file(path: str = FLASK_APP) -> str:
    """The file as Edit opens it: from the listings' bundle (without the build's markers)."""
    topic = path.rsplit("/", 1)[0]
    return listings.bundle(topic, listings.drivers()[topic])["files"][path]


def editor_text(source) -> str:
    """The lines the editor (CodeMirror's content, `source`) has drawn: those in and near its view."""
    return source.evaluate("content => [...content.querySelectorAll('.cm-line')].map(line => line.textContent).join('\\n')")


def replace_text(page, source, text: str) -> None:
    """As a reader would: select everything in the editor and type (insert) the new text."""
    source.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.keyboard.press("Control+Home")


def test_runnable_outputs_exist():
    """The routing chapter runs in all three frameworks (the issue's minimum); a drive.py that
    stops declaring them fails here rather than silently running nothing."""
    frameworks = {run.framework for path, run in listings.runnable().items() if path.startswith("compare/routing/")}
    assert frameworks == {"flask", "fastapi", "django"}
    assert ROUTING in PAGES


@pytest.fixture(scope="module")
def reader(browser, site):
    """One profile for the chapters' Runs in this worker, as one reader going from chapter to chapter:
    the site's service worker serves the runtime from the second chapter on, and a chapter whose
    packages an earlier one started restores Python from its memory snapshot (worker.js). The cold
    start of each package set still runs (the first chapter needing it), and a snapshot that does not
    restore is a console warning, a problem below. The tests of a first Run, of nothing loaded before
    it, and of the next page offline keep a fresh profile each."""
    context = browser.new_context(base_url=site.origin)
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def chapter_tab(reader, site):
    """(page, watch): a new tab in the shared profile, closed after the test (its Python worker with it)."""
    page = reader.new_page()
    watch = b.Watch(site.origin)
    watch.attach_page(page)
    yield page, watch
    page.close()


@pytest.mark.parametrize("page_path", sorted(PAGES))
def test_every_runnable_output_prints_its_captured_output(chapter_tab, site, page_path):
    page, watch = chapter_tab
    page.goto(site.url(DEFAULT_LANGUAGE, page_path))
    wrong = []
    first = True
    shown = Counter()  # an output the page shows twice runs in both places
    for output in PAGES[page_path]:
        nth = shown[output]
        shown[output] += 1
        run = holder(page, output, nth).locator("button").first
        run.evaluate("button => button.click()")  # in a hidden tab too: the block is there, not shown
        status = wait_for_answer(page, output, FIRST_RUN_SECONDS if first else RUN_SECONDS, nth=nth)
        first = False
        expected = (SNIPPETS / output).read_text(encoding="utf-8")
        got = normalise(shown_text(page, output, nth), normalisers(output))
        if not is_live(page, output, nth):  # the captured output is still there: the Run failed
            wrong.append(f"{output}: the Run did not answer (status: {status!r})")
        elif got != expected:
            wrong.append(f"{output}: the browser printed (status: {status!r})\n{got}\ninstead of\n{expected}")
        elif not stand_in_said(page, output):
            wrong.append(f"{output}: a stand-in answered for the service its code calls (STAND_IN), and no note says so")
    assert not wrong, "\n\n".join(wrong)
    assert not watch.problems, watch.problems


def test_nothing_loads_before_run_and_an_edit_runs(new_context, site):
    """No Python before the first Run; Edit, change a line, Run shows the change; Reset restores.
    Keyboard only, and axe finds nothing with the editor open and the live output shown."""
    context, watch = new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/assets/runtime/" in url and not url.endswith(("run.js", "run.css", "client.js"))]
    assert not [url for url in requested if url.endswith("/editor.js")], "the editor loaded before Edit"

    output = "compare/routing/out/flask_static.txt"
    controls = holder(page, output)
    controls.get_by_role("button", name="Edit this example's code").focus()
    page.keyboard.press("Enter")
    source = controls.get_by_label(FLASK_APP)
    source.wait_for()
    text = edited_file()
    assert 'return "Home page"' in text and 'return "Home page"' in editor_text(source) and editor_text(source) in text
    replace_text(page, source, text.replace('return "Home page"', 'return "Edited in the browser"'))
    run = controls.get_by_role("button", name="Run this example in your browser")
    run.focus()
    page.keyboard.press("Enter")
    status = wait_for_answer(page, output, FIRST_RUN_SECONDS)
    assert "your edited code" in status
    # Run keeps the keyboard's focus while it runs and after (a disabled button dropped it to the page)
    assert run.evaluate("button => document.activeElement === button"), page.evaluate("document.activeElement.outerHTML")
    assert shown_text(page, output).rstrip().endswith("Edited in the browser")
    violations = b.axe_violations(page, "div.sbs-run")
    assert not violations, "\n".join(violations)

    controls.get_by_role("button", name="Reset to the original code and output").click()
    assert shown_text(page, output) == (SNIPPETS / output).read_text(encoding="utf-8")
    assert not watch.problems, watch.problems


def test_stop_ends_an_endless_loop(new_context, site):
    """An edit that never returns: Stop, pressed from the keyboard, ends it, says so, and gives the
    focus back to Run (Stop hides itself: the focus fell to the page); the next Run works again."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    output = "compare/routing/out/flask_static.txt"
    controls = holder(page, output)
    controls.get_by_role("button", name="Edit this example's code").click()
    source = controls.get_by_label(FLASK_APP)
    replace_text(page, source, edited_file().replace('    return "Home page"', "    while True:\n        pass"))
    halt = controls.get_by_role("button", name="Stop the running code")
    assert halt.is_hidden(), "Stop shows before anything runs"
    controls.get_by_role("button", name="Run this example in your browser").click()
    controls.locator("[role=status]", has_text="Running").wait_for(timeout=FIRST_RUN_SECONDS * 1000)
    page.wait_for_timeout(500)
    halt.focus()
    page.keyboard.press("Enter")
    assert "Stopped" in wait_for_answer(page, output, 10, previous="Running…")
    assert halt.is_hidden(), "Stop still shows after the run ended"
    run = controls.get_by_role("button", name="Run this example in your browser")
    assert run.evaluate("button => document.activeElement === button"), page.evaluate("document.activeElement.outerHTML")
    controls.get_by_role("button", name="Reset to the original code and output").click()
    controls.get_by_role("button", name="Run this example in your browser").click()
    wait_for_answer(page, output, FIRST_RUN_SECONDS, previous=controls.locator("[role=status]").text_content())
    assert normalise(shown_text(page, output)) == (SNIPPETS / output).read_text(encoding="utf-8")
    assert not watch.problems, watch.problems


def test_a_run_on_the_next_page_loads_nothing_again_and_runs_offline(new_context, site):
    """After a Run on one page, a Run on another page, in another language, is served by the
    site's service worker (runtime-sw.js): no request for the runtime reaches the network, and it
    runs with the network cut. (With service_workers="block" the Run fails offline.) The first
    page keeps a memory snapshot of Python (worker.js) and the next page resumes from it: a
    snapshot that cannot be taken or does not restore is a console warning, a problem here."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    first = PAGES[ROUTING][0]
    holder(page, first).locator("button").first.evaluate("button => button.click()")
    assert "Live output" in wait_for_answer(page, first, FIRST_RUN_SECONDS)
    deadline = time.monotonic() + RUN_SECONDS
    while not page.evaluate(SNAPSHOTS) and time.monotonic() < deadline:  # stored while the Run went on
        page.wait_for_timeout(200)
    assert page.evaluate(SNAPSHOTS) == 1, "the first Run kept no memory snapshot of Python"
    cached = page.evaluate("""async () => {
        const names = (await caches.keys()).filter((name) => name.startsWith("sbs-files-"));
        const urls = [];
        for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        return urls.filter((url) => url.includes("/listings/")).map((url) => url.split("/listings/")[1]);
    }""")
    assert cached == [f"{ROUTING.rsplit('.', 1)[0]}.json"], f"the worker keeps other topics' listings than this page's: {cached}"

    page.goto(site.url("ko", NEXT))
    page.wait_for_load_state("networkidle")  # the page's own files (the favicon) before the cut
    requested = []
    context.on("request", lambda request: requested.append(request))
    context.set_offline(True)
    output = PAGES[NEXT][0]
    holder(page, output).locator("button").first.evaluate("button => button.click()")
    status = wait_for_answer(page, output, RUN_SECONDS)
    assert holder(page, output).evaluate("h => h.previousElementSibling.dataset.sbsLive") == "original", status
    assert normalise(shown_text(page, output)) == (SNIPPETS / output).read_text(encoding="utf-8"), status
    runtime = [r for r in requested if "/assets/runtime/" in r.url and not r.url.endswith(("run.js", "run.css", "client.js"))]
    assert runtime, "the Run requested no runtime file at all: the count below would prove nothing"
    network = [r.url for r in runtime if r.response() is None or not r.response().from_service_worker]
    assert not network, f"fetched from the network on the next page: {network}"
    assert not watch.problems, watch.problems


def test_without_javascript_no_control_shows(new_context, site):
    """The placeholders stay hidden: a reader without JavaScript sees the captured output, no dead button."""
    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    assert page.locator("div.sbs-run").count() == len(PAGES[ROUTING])
    assert page.locator("div.sbs-run:visible").count() == 0
    assert page.locator("div.sbs-run button").count() == 0


# The gap between each shown output and the Run controls under it, and the buttons shown there.
CONTROLS = """() => [...document.querySelectorAll('div.sbs-run')].filter(h => h.getClientRects().length).map(h => {
    let block = h.previousElementSibling
    while (block && !block.matches('.highlight')) block = block.previousElementSibling
    const code = block.querySelector('pre').getBoundingClientRect(), bar = h.querySelector('.sbs-run__controls').getBoundingClientRect()
    return {output: h.dataset.sbsOutput, gap: bar.top - code.bottom,
            shown: [...h.querySelectorAll('button')].filter(button => button.getClientRects().length).map(button => button.textContent)}
})"""


@pytest.mark.parametrize("view", ["tabs", "columns"])
def test_the_controls_stand_clear_of_the_output_and_show_only_what_can_be_done(new_context, site, view):
    """Under every shown output, tabs or side by side: the controls start 6 to 24 px under the
    output's lower edge (they touched it), and before anything runs or is edited only Run and Edit
    show (Stop showed, and Reset, with nothing to stop or reset). Python is not loaded for this."""
    context, watch = new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    page.locator("div.sbs-run .sbs-run__controls").first.wait_for(state="attached")
    if view == "columns":
        page.locator(".sbs-toggle").first.click()
        assert page.evaluate("document.documentElement.dataset.sbsView") == "columns"
    found = page.evaluate(CONTROLS)
    assert len(found) >= (3 if view == "columns" else 1), found
    wrong = [f for f in found if not 6 <= f["gap"] <= 24 or f["shown"] != ["Run", "Edit"]]
    assert not wrong, f"{page.url} ({view}): {wrong}"
    assert not watch.problems, watch.problems


def test_a_run_that_failed_to_download_starts_afresh_and_says_so_in_the_pages_language(new_context, site):
    """The network is down at the first Run (Korean page): the status says in Korean alone that the
    download failed, that the edits are kept and to press Run again (no "Failed to fetch"), and Run and
    Edit work again. Then the network is back: the same Run downloads afresh and shows the expected
    output (the failed download of the listing's files was kept, and every Run and Edit failed at once
    until a reload). A second, unedited Run clears the output before it prints the same text again,
    and says when it ran."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url("ko", ROUTING))
    page.wait_for_load_state("networkidle")
    output = "compare/routing/out/flask_static.txt"
    controls = holder(page, output)
    run, edit = controls.locator("button").nth(0), controls.locator("button").nth(1)
    context.set_offline(True)
    statuses = []
    for pressed in (run, edit):
        controls.locator("[role=status]").evaluate("status => { status.textContent = ''; }")  # Edit says the same
        pressed.click()
        statuses.append(wait_for_answer(page, output, RUN_SECONDS))
    for status in statuses:
        assert "내려받지 못했습니다" in status and "수정한 코드는 그대로 있습니다" in status and "실행을 누르세요" in status, status
        assert not re.search(r"[A-Za-z]{2,}", status.replace("Python", "")), f"not all in Korean: {status}"
    assert not is_live(page, output) and run.get_attribute("aria-disabled") is None
    watch.problems.clear()  # what the outage refused; from here on nothing may fail

    context.set_offline(False)
    run.click()
    status = wait_for_answer(page, output, FIRST_RUN_SECONDS, previous=statuses[-1])
    assert is_live(page, output), status
    assert normalise(shown_text(page, output)) == (SNIPPETS / output).read_text(encoding="utf-8"), status

    page.evaluate("""h => {
        const code = h.previousElementSibling.querySelector("pre > code");
        window.sbsCleared = false;
        new MutationObserver(() => { if (code.textContent === "") window.sbsCleared = true; })
            .observe(code, { childList: true, characterData: true, subtree: true });
    }""", holder(page, output).element_handle())
    first = shown_text(page, output)
    run.click()
    page.wait_for_function("h => window.sbsCleared && h.querySelector('button').getAttribute('aria-disabled') !== 'true'",
                           arg=holder(page, output).element_handle(), timeout=RUN_SECONDS * 1000)
    assert shown_text(page, output) == first, "an unedited Run printed something else"
    status = controls.locator("[role=status]").text_content()
    assert re.search(r"\d{1,2}:\d{2}:\d{2}", status), f"the status does not say when it ran: {status}"
    assert not watch.problems, watch.problems


# What a cut download refuses: Python itself (everything in the runtime's folder, not py/runtime.json,
# which names it), or only the wheels, once Python has come (a connection dropped mid-way).
CUTS = {"runtime": re.compile(r"/assets/runtime/py/[0-9a-f]+/"), "wheels": re.compile(r"/assets/runtime/py/[0-9a-f]+/.*\.whl$")}
# The reader's words for a cut download, by the page's language (run.js's downloadFailed): what
# could not be downloaded, that the edits are kept, and what to do.
CUT_SAID = {
    "en": ("could not be downloaded: the connection failed.", "Your edits are kept.", "Check your connection, then press Run again."),
    "ru": ("Не удалось скачать", "Ваши правки остались в редакторе.", "Проверьте подключение и снова нажмите «Запустить»."),
}


@pytest.mark.parametrize(("lang", "cut"), [("en", "runtime"), ("ru", "runtime"), ("en", "wheels")])  # ru: only Python is Latin
def test_a_run_whose_download_was_cut_runs_once_the_network_is_back(new_context, site, lang, cut):
    """The page and the listing's files came; then the network refuses Python's downloads (Playwright
    aborts them, as a dropped connection does), or only the wheels, once Python has started. The site
    itself still answers, so only the download can tell what failed. The status says, in the page's
    language alone, what could not be downloaded, that the edit is kept and to check the connection
    and press Run again: never the browser's "Failed to fetch", never "Python did not start". The
    edit stays in its box. Once the network is back, the same Run downloads afresh and shows the
    edited code's output (a failed download is never kept)."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(lang, ROUTING))
    page.wait_for_load_state("networkidle")
    output = "compare/routing/out/flask_static.txt"
    controls = holder(page, output)
    run, edit = controls.locator("button").nth(0), controls.locator("button").nth(1)
    edit.click()
    source = controls.get_by_label(FLASK_APP)
    edited = edited_file().replace('return "Home page"', 'return "Edited before the outage"')
    replace_text(page, source, edited)

    refused = []
    def refuse(route):
        refused.append(route.request.url)
        route.abort("internetdisconnected")
    context.route(CUTS[cut], refuse)
    run.click()
    status = wait_for_answer(page, output, FIRST_RUN_SECONDS)
    assert refused, "nothing was refused: the test proves nothing"
    what, kept, todo = CUT_SAID[lang]
    assert what in status and kept in status and status.endswith(todo), status
    assert ("Python" in status) == (cut == "runtime") and ("flask" in status) == (cut == "wheels"), status
    if lang != "en":
        assert not re.search(r"[A-Za-z]{2,}", status.replace("Python", "")), f"not all in the page's language: {status}"
    assert not is_live(page, output) and run.get_attribute("aria-disabled") is None
    assert 'return "Edited before the outage"' in editor_text(source), "the edit was lost"
    watch.problems.clear()  # what the outage refused; from here on nothing may fail

    context.unroute_all()
    run.click()
    status = wait_for_answer(page, output, FIRST_RUN_SECONDS, previous=status)
    assert is_live(page, output), status
    assert shown_text(page, output).rstrip().endswith("Edited before the outage"), status
    assert not watch.problems, watch.problems


# The place a listing opens on: routing's Flask "static" section, the page's listing above flask_static.txt.
STATIC = "compare/routing/out/flask_static.txt"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_edit_opens_the_exercises_editor_on_the_part_the_page_shows(new_context, site, scheme):
    """Edit opens each file in the exercises' editor (CodeMirror, highlighted), not a plain box: the
    file the page shows above the output first, with the cursor on the first line of the part shown
    and that line at the top of its view; no build marker in it; each editor as high as its file up
    to a bound (a short file does not scroll, a long one stops at the bound). Tab indents, Escape then
    Tab leaves the editor. axe finds nothing in the controls, in either colour scheme."""
    context, watch = new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    controls = holder(page, STATIC)
    controls.get_by_role("button", name="Edit this example's code").click()
    source = controls.get_by_label(FLASK_APP)
    source.wait_for()
    files = controls.locator(".sbs-run__file")
    assert files.first.text_content() == FLASK_APP, "the file the page shows is not the first"
    assert controls.locator("textarea").count() == 0 and controls.locator(".cm-editor").count() == files.count()
    assert source.locator(".cm-line span[class]").count() > 3, "the code is not highlighted"
    text = edited_file()
    assert "--8<--" not in editor_text(source) and "(1)!" not in editor_text(source)
    bundle = listings.bundle("compare/routing", listings.drivers()["compare/routing"])
    first = text.split("\n")[bundle["sections"][FLASK_APP]["static"] - 1]
    assert first.startswith("@app"), first
    assert page.evaluate("() => !!document.activeElement.closest('.cm-content')"), "Edit did not put the focus in the editor"
    assert source.locator(".cm-activeLine").text_content() == first, "the cursor is not on the part the page shows"
    top = source.evaluate("""content => {
        const scroller = content.closest('.cm-scroller'), top = scroller.getBoundingClientRect().top;
        return [...content.querySelectorAll('.cm-line')].find(line => line.getBoundingClientRect().bottom > top + 4).textContent;
    }""")
    assert top == first, f"the view starts at {top!r}, not at the part the page shows"
    sizes = controls.locator(".cm-scroller").evaluate_all(
        "scrollers => scrollers.map(s => [s.scrollHeight, s.clientHeight, parseFloat(getComputedStyle(s).fontSize)])")
    assert any(full > shown + 2 for full, shown, _ in sizes) and any(full <= shown + 2 for full, shown, _ in sizes), sizes
    assert all(shown <= 24 * font + 4 for _, shown, font in sizes), sizes

    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.cm-content')"), "Tab left the editor instead of indenting"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('.cm-editor .cm-content[aria-label=\"%s\"]')" % FLASK_APP)
    assert "Escape" in controls.locator(".sbs-run__editor > p").first.text_content()
    violations = b.axe_violations(page, "div.sbs-run")
    assert not violations, "\n".join(violations)
    assert not watch.problems, watch.problems


def test_an_editor_that_could_not_be_downloaded_says_so_and_loads_at_the_next_edit(new_context, site):
    """The editor's download fails (the connection dropped): Edit says so in the page's language, and
    the next Edit, once it is back, opens the editor."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url("ru", ROUTING))
    page.wait_for_load_state("networkidle")
    context.route(re.compile(r"/assets/exercises/editor\.js$"), lambda route: route.abort("internetdisconnected"))
    controls = holder(page, STATIC)
    edit = controls.locator("button").nth(1)
    edit.click()
    status = controls.locator("[role=status]")
    status.filter(has_text="редактор").wait_for()
    assert "Не удалось скачать редактор кода" in status.text_content() and "«Изменить»" in status.text_content()
    assert controls.locator(".cm-editor").count() == 0
    watch.problems.clear()
    context.unroute_all()
    edit.click()
    controls.get_by_label(FLASK_APP).wait_for()
    assert not watch.problems, watch.problems


def test_a_failed_run_leaves_no_stale_output_and_names_the_place_once(new_context, site):
    """An edit with a syntax error, then one that raises: the output of the Run before (live, or the
    captured one) does not stay on screen as if the edit had printed it, and the status names the
    file and line once ("invalid syntax (flask_app.py, line 12) (compare/routing/flask_app.py, line 12)"
    named it twice). Reset brings back the captured output."""
    context, watch = new_context()
    page = context.new_page()
    page.goto(site.url(DEFAULT_LANGUAGE, ROUTING))
    controls = holder(page, STATIC)
    run = controls.get_by_role("button", name="Run this example in your browser")
    run.click()
    status = wait_for_answer(page, STATIC, FIRST_RUN_SECONDS)
    assert is_live(page, STATIC), status
    controls.get_by_role("button", name="Edit this example's code").click()
    source = controls.get_by_label(FLASK_APP)
    text = edited_file()
    broken = next(i for i, line in enumerate(text.split("\n")) if 'return "Home page"' in line) + 1
    for changed, kind, line in ((text.replace('return "Home page"', 'retur "Home page"'), "SyntaxError", broken),
                                ("import not_a_module\n" + text, "ModuleNotFoundError", 1)):
        replace_text(page, source, changed)
        run.click()
        status = wait_for_answer(page, STATIC, RUN_SECONDS, previous=status)
        assert kind in status and status.count("line") == 1 and status.count("flask_app.py") == 1, status
        assert f"line {line})" in status, status
        assert shown_text(page, STATIC) == "" and not is_live(page, STATIC), "the last output stayed on screen"
        assert holder(page, STATIC).evaluate("h => h.previousElementSibling.classList.contains('sbs-run--failed')")
    controls.get_by_role("button", name="Reset to the original code and output").click()
    assert shown_text(page, STATIC) == (SNIPPETS / STATIC).read_text(encoding="utf-8")
    assert not watch.problems, watch.problems
