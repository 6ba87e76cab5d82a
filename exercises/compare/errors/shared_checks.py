"""What the errors exercise's checks share in the three frameworks: many orders for the last few
items at once. Each framework's checks.py passes `order`, one `POST /buy/tea` that returns its status.

The race between take()'s check and its decrement lasts microseconds, too short for a check to hit
every time; `SlowCount` widens it: a stock count that takes a moment to compare, so that orders sent
at once all pass the check before any of them takes, unless take() holds its lock the whole time.
"""

import threading
import time

ORDERS, LAST = 20, 5  # 20 orders at once for the last 5 teas


class SlowCount(int):
    """An int whose comparisons (==, <, bool(), ...) take 0.1 s; arithmetic gives a plain int."""


def _slow(name: str):
    def compare(self, *other):
        time.sleep(0.1)
        return getattr(int(self), name)(*other)

    return compare


for _name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__"):
    setattr(SlowCount, _name, _slow(_name))
SlowCount.__hash__ = int.__hash__


def check_no_oversell(shop, order, monkeypatch) -> None:
    monkeypatch.setitem(shop.STOCK, "tea", SlowCount(LAST))
    start, answers = threading.Barrier(ORDERS), []

    def one() -> None:
        start.wait(10)
        try:
            answers.append(order())
        except Exception as error:  # a check that sees the exception (TESTING) counts it as no sale
            answers.append(type(error).__name__)

    threads = [threading.Thread(target=one) for _ in range(ORDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    sold, left = answers.count(200), shop.STOCK["tea"]
    assert sold == LAST and left == 0, (
        f"{ORDERS} orders at once for the last {LAST} teas: {sold} answered 200 and STOCK['tea'] is {left!r}, "
        f"expected {LAST} sales and 0 left")
