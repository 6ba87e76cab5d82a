"""Battery: move every wall clock a solution may read, for checks of how long a login or a token lasts.

A check that moves one clock tests one way of writing the rule: itsdangerous' timestamp catches a
cookie's `max_age` but not a login time the app keeps in the session and compares with
`time.time()`, or with `datetime.now()`. `later(monkeypatch, seconds, module)` moves them all by
the same amount: `time.time` and `time.time_ns` everywhere (itsdangerous, Starlette and Flask read
them at call time), and in the reader's module also the names it imported directly
(`from time import time`, `from datetime import datetime`, `import datetime`). The monotonic clocks
stay: asyncio and AnyIO time their own waits with them, and a login time from `time.monotonic()`
means nothing in another process or after a restart.
"""

from __future__ import annotations

import datetime as _datetime
import time as _time
import types

_REAL_TIME, _REAL_TIME_NS, _REAL_DATETIME = _time.time, _time.time_ns, _datetime.datetime


def _later_datetime(offset: float) -> type:
    delta = _datetime.timedelta(seconds=offset)

    class Later(_REAL_DATETIME):  # a subclass: isinstance() and the constructor behave as the real one
        @classmethod
        def now(cls, tz=None):
            return _REAL_DATETIME.now(tz) + delta

        @classmethod
        def utcnow(cls):
            return _REAL_DATETIME.now(_datetime.UTC).replace(tzinfo=None) + delta

        @classmethod
        def today(cls):
            return _REAL_DATETIME.now() + delta

    Later.__name__ = Later.__qualname__ = "datetime"
    return Later


def later(monkeypatch, seconds: float, *modules: types.ModuleType) -> None:
    """From now until the test ends, every wall clock reads `seconds` later than it is (a second call
    replaces the first: the offset is from the real time, not cumulative)."""
    def moved_time() -> float:
        return _REAL_TIME() + seconds

    def moved_time_ns() -> int:
        return _REAL_TIME_NS() + int(seconds * 1_000_000_000)

    monkeypatch.setattr(_time, "time", moved_time)
    monkeypatch.setattr(_time, "time_ns", moved_time_ns)
    moved_datetime = _later_datetime(seconds)
    moved_module = types.SimpleNamespace(**{**vars(_datetime), "datetime": moved_datetime})
    for module in modules:
        for name, value in list(vars(module).items()):
            if value is _REAL_TIME or getattr(value, "__name__", None) == "moved_time":
                monkeypatch.setattr(module, name, moved_time)
            elif value is _REAL_TIME_NS or getattr(value, "__name__", None) == "moved_time_ns":
                monkeypatch.setattr(module, name, moved_time_ns)
            elif value is _REAL_DATETIME or (isinstance(value, type) and issubclass(value, _REAL_DATETIME)
                                             and value.__module__ == __name__):
                monkeypatch.setattr(module, name, moved_datetime)
            elif value is _datetime or (isinstance(value, types.SimpleNamespace) and hasattr(value, "timedelta")):
                monkeypatch.setattr(module, name, moved_module)
