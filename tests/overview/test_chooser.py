"""The framework chooser (docs/*/overview/chooser.md): the decision rules are data
(docs/assets/chooser/rules.json), the texts are per language, and the browser's JavaScript and
guide_tools/chooser/decide.py compute the same recommendation."""

from __future__ import annotations

import copy
import itertools
import json
import posixpath
import shutil
import subprocess

import pytest

from guide_tools.chooser import decide as chooser
from guide_tools.website import content
from guide_tools.website.content import LANGUAGES, ROOT
from tests.support import services

RULES = chooser.load_rules()

# Representative projects: (answers, framework, reasons that must be among those shown).
PROFILES = [
    pytest.param(
        {"product": "api", "io": "heavy", "typed": "essential"},
        "fastapi", ["fastapi-api-first", "fastapi-async-io", "fastapi-typed"], id="api-async-typed",
    ),
    pytest.param(
        {"product": "api", "io": "heavy", "admin": "no", "batteries": "choose", "realtime": "none",
         "team": "none", "typed": "essential"},
        "fastapi", ["fastapi-api-first", "fastapi-async-io", "fastapi-sqlalchemy", "fastapi-typed"], id="api-complete",
    ),
    pytest.param(
        {"product": "site", "admin": "yes", "batteries": "built-in"},
        "django", ["django-full-site", "django-admin", "django-batteries"], id="site-admin-auth",
    ),
    pytest.param(
        {"product": "site", "io": "little", "admin": "no", "batteries": "minimal", "realtime": "none",
         "team": "flask", "typed": "no"},
        "flask", ["flask-templates", "sync-is-enough", "flask-small-core", "team-flask"], id="small-site-flask-team",
    ),
    pytest.param(
        {"product": "both", "realtime": "core", "batteries": "built-in"},
        "django", ["django-pages-and-api", "django-channel-layers", "django-batteries"], id="pages-api-realtime",
    ),
    pytest.param(
        {"product": "api", "admin": "yes", "batteries": "built-in", "team": "django"},
        "django", ["django-admin", "django-batteries", "team-django"], id="api-but-django-team",
    ),
]


@pytest.mark.parametrize(("answers", "framework", "reasons"), PROFILES)
def test_representative_profiles(answers, framework, reasons):
    result = chooser.recommend(RULES, answers)
    assert result is not None and result.framework == framework, (answers, result)
    missing = [r for r in reasons if r not in result.reasons]
    assert not missing, f"{answers}: {framework} without the reasons {missing} (shown: {result.reasons})"
    supports = {r["id"]: r["frameworks"] for r in RULES["reasons"]}
    assert all(framework in supports[r] for r in result.reasons), "a reason shown must support the suggestion"


def test_no_answer_no_recommendation():
    assert chooser.recommend(RULES, {}) is None


def test_ties_go_to_the_first_framework_of_tie_break():
    # "site" gives Django and Flask 2 points each.
    assert chooser.recommend(RULES, {"product": "site"}).framework == RULES["tie_break"][0] == "django"


def test_the_rules_are_consistent():
    problems = chooser.rules_problems(RULES)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_question_answer_and_reason_has_a_text(lang):
    problems = chooser.text_problems(RULES, lang)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reason_link_resolves(lang):
    problems = []
    for reason in RULES["reasons"]:
        page, anchor = chooser.link_target(reason["link"])
        path = content.page_path(lang, page)
        if not path.is_file():
            problems.append(f"docs/assets/chooser/rules.json: reason `{reason['id']}` links to {reason['link']}, "
                            f"but docs/{lang}/{page} does not exist. Fix the link (relative to overview/chooser.md).")
        elif anchor and anchor not in content.anchors_of(path.read_text(encoding="utf-8")):
            problems.append(f"docs/assets/chooser/rules.json: reason `{reason['id']}` links to #{anchor}, "
                            f"which docs/{lang}/{page} does not define. Fix the anchor.")
    assert not problems, "\n".join(problems)


def test_reason_hrefs_point_at_the_built_pages():
    """The chooser page is served as overview/chooser/; an href from there reaches the page's URL."""
    for reason in RULES["reasons"]:
        page, anchor = chooser.link_target(reason["link"])
        expected = "" if page == "index.md" else page.removesuffix(".md") + "/"
        href = chooser.page_href(reason["link"])
        path, _, fragment = href.partition("#")
        assert posixpath.normpath(posixpath.join("overview/chooser/", path)) + "/" == expected, (reason, href)
        assert fragment == anchor


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_shows_the_questions_without_javascript(lang):
    """Without JavaScript the page lists every question and answer in its language."""
    page = content.page_path(lang, chooser.PAGE)
    text = " ".join(page.read_text(encoding="utf-8").split())
    texts = chooser.load_texts(lang)
    assert 'id="chooser-app"' in text, f"{content.rel(page)}: the form is rendered into <div id=\"chooser-app\">; keep it"
    missing = []
    for question in RULES["questions"]:
        entry = texts["questions"][question["id"]]
        missing += [s for s in [entry["text"], *entry["answers"].values()] if s not in text]
    assert not missing, (
        f"{content.rel(page)}: the static list of questions lacks {missing}. It must repeat the texts of "
        f"docs/assets/chooser/{lang}.json word for word, so that readers without JavaScript see the same questions."
    )
    assert "../assets/chooser/rules.json" in text and f"../assets/chooser/{lang}.json" in text


def test_problems_name_the_file_and_the_fix(tmp_path):
    rules = copy.deepcopy(RULES)
    rules["questions"][0]["answers"][0]["reasons"].append("no-such-reason")
    rules["reasons"][0]["frameworks"] = ["bottle"]
    problems = "\n".join(chooser.rules_problems(rules))
    assert "docs/assets/chooser/rules.json: answer `product.api` names the reason `no-such-reason`" in problems
    assert "reason `fastapi-api-first` must support" in problems

    texts = chooser.load_texts("ko")
    del texts["reasons"]["team-flask"]
    del texts["questions"]["io"]["answers"]["some"]
    texts["ui"]["result"] = "추천"
    (tmp_path / "ko.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    problems = "\n".join(chooser.text_problems(RULES, "ko", tmp_path))
    assert "ko.json: no text for the reason `team-flask`; add reasons.team-flask." in problems
    assert "no text for the answer `io.some`" in problems
    assert "`ui.result` must contain the placeholder {framework}" in problems
    assert "does not exist: copy en.json" in chooser.text_problems(RULES, "ja", tmp_path)[0]


# --------------------------------------------------------------------------- JavaScript agrees

NODE_RUNNER = """
import { readFileSync } from "node:fs";
import { recommend, pageHref } from "./chooser.mjs";
const { rules, profiles } = JSON.parse(readFileSync(0, "utf8"));
const results = profiles.map((answers) => recommend(rules, answers));
const hrefs = Object.fromEntries(rules.reasons.map((r) => [r.id, pageHref(r.link)]));
process.stdout.write(JSON.stringify({ results, hrefs }));
"""


def all_profiles() -> list[dict[str, str]]:
    """Every complete combination of answers, and every profile with one question left out."""
    questions = RULES["questions"]
    complete = [dict(zip([q["id"] for q in questions], combo, strict=True))
                for combo in itertools.product(*[[a["id"] for a in q["answers"]] for q in questions])]
    partial = [{k: v for k, v in profile.items() if k != questions[i % len(questions)]["id"]}
               for i, profile in enumerate(complete[::7])]
    return complete + partial + [{}]


def test_javascript_and_python_agree(tmp_path):
    node = services.find_binary("node", "install Node.js 20 or newer (apt-get install nodejs)")
    shutil.copy(chooser.SCRIPT_FILE, tmp_path / "chooser.mjs")  # .mjs: an ES module for node, no package.json needed
    (tmp_path / "run.mjs").write_text(NODE_RUNNER, encoding="utf-8")
    profiles = all_profiles()
    result = subprocess.run(
        [node, "run.mjs"], cwd=tmp_path, input=json.dumps({"rules": RULES, "profiles": profiles}),
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, f"node failed on docs/assets/chooser/chooser.js:\n{result.stderr}"
    out = json.loads(result.stdout)
    disagreements = []
    for answers, js in zip(profiles, out["results"], strict=True):
        py = chooser.recommend(RULES, answers)
        py = None if py is None else {"framework": py.framework, "scores": py.scores, "reasons": py.reasons}
        if js != py:
            disagreements.append(f"{answers}: JS {js} != Python {py}")
    assert not disagreements, (
        f"{len(disagreements)} profiles get different results from docs/assets/chooser/chooser.js and "
        "guide_tools/chooser/decide.py; change both the same way. First ones:\n" + "\n".join(disagreements[:5])
    )
    assert out["hrefs"] == {r["id"]: chooser.page_href(r["link"]) for r in RULES["reasons"]}
    assert len(profiles) > 1000


def test_the_script_needs_no_network():
    script = chooser.SCRIPT_FILE.read_text(encoding="utf-8")
    assert "http://" not in script and "https://" not in script
    assert "import.meta.url" in script, "data files are loaded next to the script, from the same site"
    assert ROOT / "docs" / "assets" / "chooser" == chooser.SCRIPT_FILE.parent


def test_no_text_sends_readers_to_flask_for_few_dependencies():
    """The Three frameworks page: a plain Flask install brings six packages, Django's two, so
    "few dependencies" is no reason for Flask. The chooser's Flask texts speak of a small core."""
    from tests.overview.lockfile import runtime_requirements

    assert len(runtime_requirements("django")) < len(runtime_requirements("flask"))
    for lang in LANGUAGES:
        texts = json.loads((ROOT / "docs" / "assets" / "chooser" / f"{lang}.json").read_text(encoding="utf-8"))
        flask_reasons = [texts["reasons"][r["id"]] for r in RULES["reasons"] if r["frameworks"] == ["flask"]]
        minimal = texts["questions"]["batteries"]["answers"]["minimal"]
        for text in [*flask_reasons, minimal]:
            assert not any(word in text.lower() for word in ("dependenc", "의존성", "зависимост")), (lang, text)
