"""What the errors exercise's checks share in the three frameworks: a second order that arrives while
take() is between its check and its decrement. Each framework's checks.py passes `order`, one
`POST /buy/tea` that returns its status.

Two requests at once are two threads (a threaded server, AnyIO's worker threads), and the race
between take()'s check and its decrement lasts microseconds, too short for a check to hit every
time. So the check makes the race happen, deterministically and without a thread (Check on the page
runs in the browser's single thread): the last tea's count is an `Interleaving` int whose first
comparison, the check inside take(), runs a second `take("tea")` right there, as a second request
would run in that moment. The module's `STOCK_LOCK` is replaced by a `Probe` that records a second
acquire while held (where a real lock would make the second request wait) instead of blocking.
"""

LAST = 1  # the last tea


class Blocked(Exception):
    """The second take() reached STOCK_LOCK while the first held it: it would have waited."""


class Probe:
    """A lock for one thread: `with` it like threading.Lock; a second acquire while held raises Blocked."""

    def __init__(self) -> None:
        self.held = False

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self.held:
            raise Blocked
        self.held = True
        return True

    def release(self) -> None:
        self.held = False

    __enter__ = acquire

    def __exit__(self, *exc) -> None:
        self.release()

    def locked(self) -> bool:
        return self.held


class Interleaving(int):
    """The stock count: its first comparison (==, <, bool(), ...) runs `meanwhile` once, then compares."""

    meanwhile = None


def _compare(name: str):
    def compare(self, *other):
        run, type(self).meanwhile = type(self).meanwhile, None
        if run is not None:
            run()
        return getattr(int(self), name)(*other)

    return compare


for _name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__"):
    setattr(Interleaving, _name, _compare(_name))
Interleaving.__hash__ = int.__hash__


def check_no_oversell(shop, order, monkeypatch) -> None:
    if not hasattr(shop, "STOCK_LOCK"):
        raise AssertionError("take() must hold the module's STOCK_LOCK from its check to its decrement, "
                             "and STOCK_LOCK is gone from the app")
    second = []

    def another_order() -> None:  # a second request, arriving while the first is between check and decrement
        try:
            second.append(shop.take("tea"))
        except Blocked:
            second.append("waits")
        except Exception as error:  # noqa: BLE001 - OutOfStock: the second order found nothing left
            second.append(type(error).__name__)

    class Count(Interleaving):
        meanwhile = staticmethod(another_order)

    monkeypatch.setattr(shop, "STOCK_LOCK", Probe())
    monkeypatch.setitem(shop.STOCK, "tea", Count(LAST))
    status, left = order(), shop.STOCK["tea"]
    sold = (status == 200) + (bool(second) and second[0] not in ("waits", "OutOfStock"))
    assert second, "an order for the last tea never compared STOCK['tea'] with anything in take(): the stock check is gone"
    assert sold <= LAST and left >= 0, (
        f"a second order arrived while the first was between take()'s check and its decrement, for the last tea: "
        f"{sold} sold and STOCK['tea'] is {left!r}. take() must hold STOCK_LOCK from its check to its decrement "
        f"(expected 1 sale and 0 left)")
    assert status == 200 and left == 0, (
        f"the last tea, ordered once more while the first order held STOCK_LOCK: the first order answered {status} "
        f"and STOCK['tea'] is {left!r}, expected 200 and 0 left")
