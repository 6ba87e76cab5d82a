"""Where the suite measures snippet coverage: on Python 3.12+, with coverage's sys.monitoring core.

Loaded first (`-p tests.support.measuring` in pyproject.toml's addopts), before pytest-cov starts.

On Python 3.11 coverage can only trace, and a tracer is called on every Python function call in
every measured process: the test workers, the servers and command-line snippets they start, the
site build. Measured on this project's 2-core machine: a loop of 3 million calls took 0.17 s bare,
1.23 s traced, and 3.86 s traced with the greenlet support that SQLAlchemy's async engine needs;
`mkdocs build` took 20.5 s bare and 52.8 s traced as the suite traced it (greenlet support on);
the floor's whole suite, 9 min 37 s unmeasured against about 15 min measured. sys.monitoring
(3.12+) reports each line once and is then switched off for it: on Python 3.13 the loop took 0.21 s and the build 23.4 s (23.0 s
bare). It keeps no call stack, so greenlet switches cannot confuse it and need no support.

So a stack on Python 3.11 (the LTS floor in CI) runs every test unmeasured, and a stack on 3.12+
measures and holds the 100 % snippet coverage gate (tests/conftest.py). `python3 dev.py test` runs
both, so it still proves every snippet line runs: the tests are the same on both stacks, and no
snippet takes a path that depends on the version (`test_no_snippet_branches_on_a_version`).
"""

from __future__ import annotations

import sys

import pytest

MEASURED = sys.version_info >= (3, 12)
WHY_NOT = ("Python 3.11 has no sys.monitoring, and tracing made the run half again as long; "
           "the stack on Python 3.12+ measures the same tests (tests/support/measuring.py)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser, args):
    """Runs before pytest-cov's own hook (inside the yield), which reads this option."""
    if not MEASURED:
        early_config.known_args_namespace.no_cov = True
    return (yield)
