"""Inline Python blocks in the pages (short examples that are not snippet files) are run, and
their printed output is checked against the `#>` lines under each print().

Blocks that include a snippet file (`--8<--`) are tested as files by the chapter tests; a block
that must not run is marked `{.py .skip}` (not `test="skip"`, which breaks superfences).
"""

from __future__ import annotations

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from guide_tools.website.content import DOCS

EXAMPLES = [ex for ex in find_examples(str(DOCS)) if "--8<--" not in ex.source and ".skip" not in ex.prefix_tags()]


def test_inline_examples_are_found():
    # Guards the finder: the Routing page has an inline example in each language.
    assert len(EXAMPLES) >= 3, "pytest-examples found no inline Python blocks in docs/"


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_inline_python_example(example: CodeExample, eval_example: EvalExample):
    eval_example.run_print_check(example)
