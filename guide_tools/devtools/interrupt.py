"""Ctrl+C ends a long-running command quietly: one interrupt, not a traceback.

`dev.py` runs commands through `uv run`, and Ctrl+C reaches them twice: the terminal signals the
whole process group, and uv forwards the same SIGINT to its child about 200 ms later ("Received
SIGINT, forwarding to child"). The second one lands in the middle of the clean-up the first
started (mkdocs serve stopping its server), which then ends in a traceback or click's "Aborted!".
`one_interrupt()` makes the second copy a no-op: a SIGINT within a second of the first is ignored,
a later one (a reader pressing Ctrl+C again) interrupts as usual.

`python -m guide_tools.devtools.interrupt mkdocs ARGS...` runs MkDocs's command line that way and
exits 130 (not 1 and "Aborted!") when interrupted before the server runs.
"""

from __future__ import annotations

import signal
import sys
import time

SAME_INTERRUPT = 1.0  # seconds: uv forwards the terminal's SIGINT 200 ms after it


def one_interrupt() -> None:
    """Install a SIGINT handler that raises KeyboardInterrupt once per Ctrl+C, not once per copy."""
    last = [float("-inf")]

    def handler(signum, frame):
        now = time.monotonic()
        if now - last[0] < SAME_INTERRUPT:
            return
        last[0] = now
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job keeps ignoring it
        signal.signal(signal.SIGINT, handler)


def mkdocs(args: list[str]) -> int:
    one_interrupt()
    try:  # a Ctrl+C can come while MkDocs is still loading: quiet too
        import click
        from mkdocs.__main__ import cli
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    try:
        result = cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        return 128 + signal.SIGINT
    except click.exceptions.Exit as stop:
        return stop.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["mkdocs"]:
        sys.exit("usage: python -m guide_tools.devtools.interrupt mkdocs ARGS...")
    sys.exit(mkdocs(sys.argv[2:]))
