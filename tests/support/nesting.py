"""JSON nested close to the parser's limit: the depths a hostile body can reach a view at.

Python's json module decodes by recursion, so how deep it goes depends on the Python version and on
the stack already in use when the view parses (the server's frames, middleware). A test of a body
far past the limit is the convenient case; the depths just under it, which parse and then fail
wherever the value is encoded again, are the ones that answered 500.
"""

from __future__ import annotations

from collections.abc import Callable


def nested(head: str, depth: int, tail: str = "}") -> str:
    """`head` + a list nested `depth` levels + `tail`: nested('{"title": ', 3) is '{"title": [[[]]]}'."""
    return head + "[" * depth + "]" * depth + tail


def depths_near_the_limit(status_of: Callable[[int], int], refused: int = 400) -> dict[int, int]:
    """The status for each depth that matters: a few small ones, 255 and 300 (where Pydantic stops
    serializing), and the 60 below the first depth the parser refuses (`refused`), found by bisection
    since every depth below it parses. 100 000 is past the limit on every Python."""
    low, high = 1, 100_000
    assert status_of(high) == refused, f"a body nested {high} levels deep was not refused with {refused}"
    while high - low > 1:
        middle = (low + high) // 2
        if status_of(middle) == refused:
            high = middle
        else:
            low = middle
    return {depth: status_of(depth) for depth in [1, 2, 254, 255, 256, 300, *range(max(1, high - 60), high + 1)]}
