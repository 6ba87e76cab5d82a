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
The same second order is then sent again at another moment: while the first writes the new stock
level (`STOCK` is a `Writing` dict whose write of the tea runs it), for a lock released before the
write. A second acquire that would give up rather than wait (`blocking=False`, a timeout) is
recorded: a busy shop must make an order wait, not refuse it.
"""

import logging

LAST = 1  # the last tea


class Blocked(Exception):
    """The second take() reached STOCK_LOCK while the first held it: it would have waited."""


class Probe:
    """A lock for one thread: `with` it like threading.Lock; a second acquire while held raises Blocked."""

    def __init__(self) -> None:
        self.held = False
        self.gave_up = False

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self.held:
            if not blocking or timeout >= 0:  # a real lock held longer than the timeout: acquire() returns False
                self.gave_up = True
                return False
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


class Writing(dict):
    """The shop's STOCK: its first write of the tea runs `meanwhile` once, then writes."""

    meanwhile = None

    def __setitem__(self, key, value) -> None:
        run, self.meanwhile = self.meanwhile, None
        if run is not None and key == "tea":
            run()
        super().__setitem__(key, value)


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

    made = []  # the OutOfStock errors made while the orders ran: did the one that lost the race raise it?
    if isinstance(getattr(shop, "OutOfStock", None), type):
        init = shop.OutOfStock.__init__

        def recorded(self, *args, **kwargs) -> None:
            made.append(self)
            init(self, *args, **kwargs)

        monkeypatch.setattr(shop.OutOfStock, "__init__", recorded)
    monkeypatch.setattr(shop, "STOCK_LOCK", Probe())
    monkeypatch.setitem(shop.STOCK, "tea", Count(LAST))
    status, left = order(), shop.STOCK["tea"]
    second_sold = bool(second) and second[0] not in ("waits", "OutOfStock")
    sold = (status == 200) + second_sold
    assert second, "an order for the last tea never compared STOCK['tea'] with anything in take(): the stock check is gone"
    assert sold <= LAST and left >= 0, (
        f"a second order arrived while the first was between take()'s check and its decrement, for the last tea: "
        f"{sold} sold and STOCK['tea'] is {left!r}. take() must hold STOCK_LOCK from its check to its decrement "
        f"(expected 1 sale and 0 left)")
    if second_sold:  # the first order compared the stock outside STOCK_LOCK, the other took the last tea: it lost the race
        escaped = status == 500 and bool(made)
        assert status == 409 and left == 0, (
            f"[lost_race_unhandled] another order took the last tea after this one had checked STOCK['tea'] outside "
            f"STOCK_LOCK: take() then raised OutOfStock, and this order, the one that lost the race, answered {status}, "
            f"expected 409" if escaped else
            f"[lost_race_unhandled] another order took the last tea after this one had checked STOCK['tea'] outside "
            f"STOCK_LOCK: this order, the one that lost the race, answered {status} and STOCK['tea'] is {left!r}, "
            f"expected 409 and 0 left")
        return
    assert status == 200 and left == 0, (
        f"the last tea, ordered once more while the first order held STOCK_LOCK: the first order answered {status} "
        f"and STOCK['tea'] is {left!r}, expected 200 and 0 left")
    check_lock_waits(shop)

    # The same second order, sent while the first writes the new stock level.
    stock = Writing(shop.STOCK)
    dict.__setitem__(stock, "tea", LAST)
    stock.meanwhile = another_order
    second.clear()
    monkeypatch.setattr(shop, "STOCK", stock)
    monkeypatch.setattr(shop, "STOCK_LOCK", Probe())
    status, left = order(), shop.STOCK["tea"]
    second_sold = bool(second) and second[0] not in ("waits", "OutOfStock")
    sold = (status == 200) + second_sold
    assert sold <= LAST and left >= 0, (
        f"[write_outside_lock] a second order arrived while the first was writing the new stock level of the last "
        f"tea: {sold} sold and STOCK['tea'] is {left!r}. take() must hold STOCK_LOCK until the new level is written "
        f"(expected 1 sale and 0 left)")
    check_lock_waits(shop)


def check_lock_waits(shop) -> None:
    assert not shop.STOCK_LOCK.gave_up, (
        "[lock_gives_up] an order that arrived while another held STOCK_LOCK did not wait for it (acquire with a "
        "timeout or blocking=False): on a busy shop that order fails though the stock may still have some")


# What every framework's out-of-stock check asks of the handler, beyond POST /buy/umbrella. Each
# checks.py routes these views in its own framework (no {item} in their paths) and passes `answer`,
# which POSTs to a path the way a server runs the app (an unhandled exception is the framework's 500)
# and returns (status, body): the parsed JSON if the answer is JSON, else the text.

ODD_ITEM = "thé vert"  # a space and a non-ASCII letter: only error.item gives it back whole
SECRET = "hunter2"  # a password in a bug's message, as a failed connection's may hold: never the client's


def expected(item: str) -> dict:
    return {"error": "out_of_stock", "item": item}


PROBLEM_MEMBERS = {"type", "title", "status", "detail", "instance"}  # RFC 9457's standard members


def the_contract(body: object, media_type: str) -> object:
    """A body as the shop's clients read it: a problem's standard members aside (application/problem+json)."""
    if media_type == "application/problem+json" and isinstance(body, dict):
        return {key: value for key, value in body.items() if key not in PROBLEM_MEMBERS}
    return body


def check_the_409_body(shop, body: object, tag: str = "", media_type: str = "application/json") -> None:
    """The body of POST /buy/umbrella's 409: the item, and nothing the client should not see. Sent as
    application/problem+json, it may also carry the problem details' standard members."""
    want = expected("umbrella")
    if media_type == "application/problem+json" and isinstance(body, dict):
        status = body.get("status", 409)
        assert status == 409, (
            f"[problem_status] POST /buy/umbrella answered 409 with a problem whose \"status\" is {status!r}, expected 409")
        body = {key: value for key, value in body.items() if key not in PROBLEM_MEMBERS}
    if isinstance(body, dict) and body.items() > want.items():
        extra = sorted(set(body) - set(want))
        raise AssertionError(f"[extra_keys] POST /buy/umbrella answered {want!r} plus the keys {extra}, expected only {want!r}")
    if isinstance(body, dict) and body.get("error") == "out_of_stock" and body.get("item") == str(shop.OutOfStock("umbrella")):
        raise AssertionError(f"[item_is_the_message] POST /buy/umbrella answered {body!r}: \"item\" holds the exception's "
                             f"message, expected the item itself, {want!r}")
    assert body == want, f"{tag}POST /buy/umbrella answered {body!r}, expected {want!r}"


def basket(shop) -> int:
    """The next view that sells, with no item in its path: the item is known to the exception only."""
    return shop.take(ODD_ITEM)


def discontinued(shop) -> None:
    """Shop code that raises a subclass of OutOfStock, as the next version of the shop may."""
    raise type("Discontinued", (shop.OutOfStock,), {})(ODD_ITEM)


def bug() -> None:
    raise RuntimeError(f"could not connect to the stock database as shop:{SECRET}@db")


def check_every_view(shop, monkeypatch, answer) -> None:
    """The handler answers the same for every view that raises OutOfStock, and no 500 tells internals."""
    want = expected(ODD_ITEM)
    monkeypatch.setitem(shop.STOCK, ODD_ITEM, 0)
    status, body = answer("/check/basket")
    parsed = isinstance(body, dict) and body.get("item") == ODD_ITEM.split()[0]
    tag = "[item_from_the_message] " if parsed else "[item_from_the_path] "
    assert status == 409 and body == want, (
        f"{tag}POST /check/basket, a view without the item in its path that calls take('thé vert'), answered "
        f"{status} {body!r}, expected 409 {want!r}")

    status, body = answer("/check/discontinued")
    assert status == 409 and body == want, (
        f"[subclass_not_handled] a view whose shop code raises Discontinued('thé vert'), a subclass of OutOfStock, "
        f"answered {status} {body!r}, expected 409 {want!r}")

    status, body = answer("/check/leak")
    assert status == 500 and SECRET not in str(body), (
        f"[leaks_internals] a view that fails with RuntimeError('could not connect to the stock database as "
        f"shop:hunter2@db') answered {status} {str(body)[:120]!r}, expected a 500 that tells the client nothing of the error")


def check_get_does_not_sell(shop, get) -> None:
    """POST /buy/<item> sells; a GET (a prefetch, a crawler, a link preview) must not."""
    before = shop.STOCK["tea"]
    status = get("/buy/tea")
    left = shop.STOCK["tea"]
    assert left == before, (
        f"[get_sells] GET /buy/tea answered {status} and STOCK['tea'] went from {before} to {left}, "
        f"expected 405 and no sale: only POST sells")
    assert status == 405, (  # nothing sold: the route is POST-only, but something answered its 405 otherwise
        f"[get_not_405] GET /buy/tea answered {status} and sold nothing (STOCK['tea'] stayed {left}), expected 405: "
        f"a GET to the POST-only route must reach the framework's 405")


HTTP_PACKAGES = {"werkzeug", "flask", "starlette", "fastapi", "django", "rest_framework"}


def check_shop_speaks_no_http(shop) -> None:
    """The shop's exception is its own: no class it derives from belongs to a web framework (an
    OutOfStock that subclasses werkzeug's Conflict or FastAPI's HTTPException answers 409 with no
    handler at all, and the shop's code then speaks HTTP)."""
    for base in shop.OutOfStock.__mro__:
        assert base.__module__.partition(".")[0] not in HTTP_PACKAGES, (
            f"[http_in_shop_code] OutOfStock derives from {base.__module__}.{base.__qualname__}, an HTTP class: "
            f"the shop's exception must know nothing about HTTP")


# A sold-out item is no server error: its 409 must not come from the 500 path (a handler for
# Exception or for the 500, handler500), which logs a traceback for every refused order and hands
# the exception to the server or, in a test client that lets exceptions through, to the test.


def check_no_error_logged(records) -> None:
    """`records`: what was logged while POST /buy/umbrella answered its 409."""
    errors = [record for record in records if record.levelno >= logging.ERROR]
    assert not errors, (
        f"[answered_on_500_path] POST /buy/umbrella answered 409, but an error was logged for it: "
        f"{errors[0].getMessage()[:80]!r}, expected no error for a sold-out item")


def check_not_raised(send, client: str) -> None:
    """`send()` POSTs /buy/umbrella with the framework's default test client, which lets an exception
    the app does not handle through to the test."""
    try:
        send()
    except Exception as error:  # noqa: BLE001 - whatever came through, the 409 was not the app's answer
        raise AssertionError(
            f"[answered_on_500_path] POST /buy/umbrella with {client}, which lets an unhandled exception through, "
            f"raised {type(error).__name__} instead of answering 409") from None


def check_bug_logged(records, status: int) -> None:
    """`records`: what was logged while a view failed with a RuntimeError: its traceback, for whoever fixes it."""
    logged = any(record.levelno >= logging.ERROR and isinstance(record.exc_info, tuple)
                 and isinstance(record.exc_info[1], RuntimeError) for record in records)
    assert logged, (
        f"[bug_not_logged] a view that fails with a RuntimeError answered {status}, but its traceback was not "
        f"logged: expected an ERROR record with the exception, so that someone can fix the bug")
