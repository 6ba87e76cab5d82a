"""Tests whose subject does not change with the stack: the prose of the pages and exercises, or a
command that runs both stacks itself. They run in the LTS pass only; the latest pass would repeat
them word for word (contributing/speed.md)."""

from __future__ import annotations

import pytest

from guide_tools.devtools import stacks

on_one_stack = pytest.mark.skipif(
    stacks.current() != "lts", reason="the same on every stack: it runs in the LTS pass (tests/support/one_stack.py)")
