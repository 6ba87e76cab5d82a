"""Links to documentation name the version the guide runs (or `stable`), never a development branch:
the pages say so themselves (overview/profiles.md, "Where older examples go wrong")."""

from __future__ import annotations

import pytest

from guide_tools.website.links import external_links, version_problem


def test_version_rules_catch_what_they_are_for():
    assert version_problem("https://channels.readthedocs.io/en/latest/deploying.html")
    assert version_problem("https://flask.palletsprojects.com/en/latest/")
    assert version_problem("https://hypercorn.readthedocs.io/")
    assert version_problem("https://docs.djangoproject.com/en/stable/releases/4.0/")
    assert version_problem("https://docs.djangoproject.com/en/dev/")
    assert version_problem("https://docs.sqlalchemy.org/")
    for good in ("https://channels.readthedocs.io/en/stable/deploying.html", "https://docs.djangoproject.com/en/5.2/",
                 "https://docs.sqlalchemy.org/en/21/core/pooling.html", "https://docs.pydantic.dev/latest/"):
        assert version_problem(good) is None, good


def test_pages_link_the_documentation_of_the_version_they_run():
    problems = [f"{url}: {problem}\n    linked from {', '.join(sorted(pages))}"
                for url, pages in sorted(external_links().items())
                if (problem := version_problem(url))]
    if problems:
        pytest.fail("Links to a documentation version the guide does not run:\n" + "\n".join(problems))


# Names in backticks that start with test_ but are the frameworks' own APIs or a file, not a test.
NOT_TESTS = {"test_client", "test_cli_runner", "test_request_context", "test_views"}


def test_every_test_a_page_names_exists():
    """A page backs a claim by naming its test (`test_...`). Each such name, in every language,
    is a test function of the suite (tests/, or a test file the page shows under snippets/ or
    exercises/): a renamed or deleted test leaves no claim pointing at nothing."""
    import re

    from guide_tools.website.content import DOCS, ROOT

    defined = {name for folder in ("tests", "snippets", "exercises") for path in (ROOT / folder).rglob("*.py")
               for name in re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8"))}
    missing = sorted({f"{page.relative_to(ROOT)}: {name}" for page in DOCS.rglob("*.md")
                      for name in re.findall(r"`(test_\w+)", page.read_text(encoding="utf-8"))
                      if name not in defined | NOT_TESTS})
    assert not missing, "pages name tests that do not exist (rename the reference or restore the test):\n" + "\n".join(missing)
