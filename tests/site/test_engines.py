"""The site built by a second engine: ProperDocs (the fork of MkDocs 1.6) builds the same mkdocs.yml
strictly, passes the checks any engine must pass (tests/site/site_checks.py) and writes the same
site as MkDocs but for the generator tag (issue 49, item 4; contributing/site-build.md, "Engines").

Built once per set of inputs, like the MkDocs build (guide_tools/website/sitebuild.py: built_site,
keyed by the inputs and the engine), on the stack that builds the site only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide_tools.website import site_compare
from tests.site import site_checks
from tests.site.sitebuild import shared_site

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site-build")]

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
# Files that differ between two builds of the same inputs whatever the engine, and why.
ALWAYS_DIFFERENT = {
    "sitemap.xml": "carries the build date",
    "sitemap.xml.gz": "carries the build date",
}


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, engine="properdocs")


ENGINE_CHECKS = site_checks.as_params()


@pytest.mark.parametrize("check", ENGINE_CHECKS)
def test_properdocs_build_passes_the_checks_any_engine_must_pass(properdocs_site, check):
    problems = site_checks.CHECKS[check](properdocs_site)
    assert not problems, f"{check} on ProperDocs' build: {len(problems)} problem(s)\n" + "\n".join(problems[:10])


def without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="">', data)


def test_properdocs_writes_the_mkdocs_site_but_for_the_generator_tag(mkdocs_site, properdocs_site):
    """Every file of one build is in the other; every page differs at most in its generator tag
    (which names the engine), and every other file is the same bytes unless ALWAYS_DIFFERENT says why."""
    ours, theirs = site_compare.files_of(mkdocs_site), site_compare.files_of(properdocs_site)
    assert ours == theirs, f"only MkDocs: {sorted(ours - theirs)[:10]}; only ProperDocs: {sorted(theirs - ours)[:10]}"
    differing, generators = [], set()
    for name in sorted(ours):
        a, b = (site_compare.content_of(root / name) for root in (mkdocs_site, properdocs_site))
        if a == b or name in ALWAYS_DIFFERENT:
            continue
        if name.endswith(".html") and without_generator(a) == without_generator(b):
            generators.add(GENERATOR.search(b).group(1).decode())
            continue
        differing.append(name)
    assert not differing, f"{len(differing)} file(s) differ beyond the generator tag: {differing[:10]}"
    # The tag names the engine ("mkdocs-ProperDocs 1.6.7, mkdocs-material-…"): proof that this site is ProperDocs'.
    assert generators and all("ProperDocs" in g for g in generators), generators
