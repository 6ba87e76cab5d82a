"""The WebSockets exercise's rule as a property, the same in FastAPI and Django: each framework's
checks.py makes `converse` and calls these.

The rule: a text message longer than 200 characters closes the connection; any other is echoed in
capitals. Characters are what `len()` counts on the text as it arrived (code points): not its
UTF-8 bytes or UTF-16 units, not after `.strip()`, `.upper()` or a normalization. The limit is per
message: however many short messages come on one connection, each is echoed.

`converse(texts)` opens one connection, sends the texts one by one and returns what the server
sent after each, up to a close: the raw ASGI message (`{"type": "websocket.send", "text": ...}`,
`{"type": "websocket.close", "code": ...}`), None when nothing came within `WAIT` seconds, or the
exception the app raised (then the list ends).

The messages are drawn from a fixed seed (no Hypothesis in the stacks, and a Check must give the
same answer every run): every kind of character below at the boundary and one off it on either
side, the empty message, and mixes of every kind at lengths drawn between.
"""

import random

LIMIT = 200
WAIT = 5  # seconds for the server's answer to one message
SEED = 45
# A conversation longer than a cap a learner might add per connection: more messages, more characters.
LONG_MESSAGES = 1_100
LONG_CHARACTERS = 70_000
LONG_BUDGET = 12  # seconds of a conversation after which its tail is no longer sent

# Characters that a measure other than len() of the text as received counts differently.
KINDS = {
    "ascii": "abcXYZ09.!?",
    "accented": "éñüçåø",  # 2 bytes each in UTF-8; NFD makes two characters of each
    "case": "ßŉﬁİ",  # upper() makes two or three characters of one; lower() makes two of İ
    "cjk": "漢字かな",  # 3 bytes each
    "emoji": "🐍🎉😀👨\u200d👩\u200d👧🇰🇷❤\ufe0f",  # 4 bytes, two UTF-16 units each; a ZWJ sequence, a flag, a variation selector
    "combining": "e\u0301a\u0308o\u0327",  # a letter and a combining mark: one character after NFC
    "lines": "a\nb\r\n\r\u2028\u2029\x85\x0b\x0c\x1c",  # line ends (str.splitlines()); a regex `.` misses "\n"
    "spaces": " \t\u00a0\u3000\u2009",  # what strip() removes
    "invisible": "\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width and other format characters
    "controls": "\x00\x1b\x7f",
}
EVERY = "".join(KINDS.values())
# What a learner might strip, normalise or fold before measuring, one unit each (a unit of several
# characters is folded as a whole: "\r\n" as one line end, "e" + U+0301 as "é", a ZWJ sequence as one
# emoji). `around(unit, n)` puts it at the start, in the middle and at the end of n characters, so that
# dropping or folding any one of them (strip, rstrip, replace) moves the message across the limit.
UNITS = (
    "\n", "\r", "\r\n", "\n\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
    "\t", " ", "\u00a0", "\u3000", "\u2009", "\u202f",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u180e",
    "e\u0301", "\u0301", "\u0308\u0327", "\ufe0f",
    "🐍", "👨\u200d👩\u200d👧", "🇰🇷", "❤\ufe0f", "👍🏽",
    "ß", "ﬁ", "İ", "é", "漢", "\x00", "\x1b", "\x7f",
)


def made_of(chars: str, length: int) -> str:
    return (chars * (length // len(chars) + 1))[:length]


def around(unit: str, length: int) -> str:
    """`unit` at the start, in the middle and at the end of `length` characters, "x" between."""
    fill = length - 3 * len(unit)
    return unit + "x" * (fill // 2) + unit + "x" * (fill - fill // 2) + unit


def mixed(rng: random.Random, length: int) -> str:
    """Units and characters of every kind drawn at random, cut to exactly `length` characters."""
    text = ""
    while len(text) < length:
        text += rng.choice(UNITS) if rng.random() < 0.5 else rng.choice(EVERY)
    return text[:length]


def short_messages(long: bool = True) -> list[str]:
    """Messages of at most LIMIT characters: all sent on one connection (their sum is far over LIMIT);
    `long`: then more, past LONG_MESSAGES and LONG_CHARACTERS."""
    rng = random.Random(SEED)
    texts = ["", "a", "\n", " "]
    for chars in KINDS.values():
        texts += [made_of(chars, LIMIT - 1), made_of(chars, LIMIT)]
    texts += ["".join(rng.choice(EVERY) for _ in range(rng.randint(1, LIMIT))) for _ in range(8)]
    texts.append(" " * 99 + "x" + " " * 100)  # padded to the limit: strip() shortens it, len() does not
    texts += [around(unit, LIMIT) for unit in UNITS]
    texts += [mixed(rng, LIMIT) for _ in range(6)]
    if not long:
        return texts
    # A long conversation: a cap on the connection's messages or characters (1,000, 65,536) is passed.
    while len(texts) <= LONG_MESSAGES or sum(map(len, texts)) <= LONG_CHARACTERS:
        texts.append(made_of(EVERY, rng.randint(LIMIT // 2, LIMIT)))
    return texts


def long_messages() -> list[str]:
    """Messages over LIMIT characters: each on a connection of its own (the close ends it)."""
    rng = random.Random(SEED + 1)
    texts = [made_of(chars, LIMIT + 1) for chars in KINDS.values()]
    texts += [made_of(EVERY, LIMIT + 2), " " * 150 + "x" + " " * 150, "e" + "\u0301" * LIMIT]
    texts += ["".join(rng.choice(EVERY) for _ in range(rng.randint(LIMIT + 3, 3 * LIMIT))) for _ in range(2)]
    texts += [around(unit, LIMIT + 1) for unit in UNITS]  # one over: dropping or folding one unit brings it to the limit
    texts += [mixed(rng, LIMIT + 1) for _ in range(6)]
    texts += [made_of(chars, rng.randint(2 * LIMIT, 4 * LIMIT)) for chars in KINDS.values()]  # well over
    # Far over, each number of digits a length can have (a reason that quotes it must fit too).
    texts += [made_of(EVERY, 10**digits + 1) for digits in range(3, 7)]
    return texts


def shown(text: str) -> str:
    """The text as a repr, cut after 16 characters."""
    return repr(text) if len(text) <= 16 else f"{text[:16]!r}…"


def got(message: dict) -> str:
    """A raw ASGI message as a repr, its text cut after 20 characters."""
    if isinstance(message.get("text"), str) and len(message["text"]) > 20:
        message = {**message, "text": message["text"][:20] + "…"}
    return repr(message)


def echoed(outcome, text: str) -> bool:
    return isinstance(outcome, dict) and outcome.get("type") == "websocket.send" and outcome.get("text") == text.upper()


def short_messages_are_echoed(converse) -> None:
    """Every message of at most LIMIT characters is echoed in capitals, many on one connection."""
    import time

    every, first = short_messages(), len(short_messages(long=False))
    texts: list[str] = []  # what was sent: only that is judged

    def sending():
        # The long conversation's tail stops after LONG_BUDGET seconds: a handler slow on every message
        # (other checks refuse it) must still end within the time limits.
        start = time.monotonic()
        for index, text in enumerate(every):
            if index >= first and time.monotonic() - start > LONG_BUDGET:
                return
            texts.append(text)
            yield text

    outcomes = converse(sending())
    for index, text in enumerate(texts):
        outcome = outcomes[index] if index < len(outcomes) else None
        if echoed(outcome, text):
            continue
        n = len(text)
        if isinstance(outcome, BaseException):
            raise AssertionError(
                f"a message of {n} characters, {shown(text)}, made the app raise {type(outcome).__name__}: {outcome}")
        if outcome is None:
            raise AssertionError(f"a message of {n} characters, {shown(text)}, got nothing within {WAIT} s, expected its echo in capitals")
        if text == "":
            raise AssertionError(f"[empty_is_text] an empty text message got {got(outcome)}, expected an empty echo")
        if index and echoed(converse([text])[0], text):  # alone on a new connection, it is echoed
            total = sum(len(t) for t in texts[:index])
            raise AssertionError(
                f"[limit_per_connection] after {index} messages of {total} characters in all, a message of {n} characters "
                f"got {got(outcome)}, expected its echo: the limit is per message")
        raise AssertionError(
            f"[measured_wrong] a message of {n} characters ({len(text.encode())} bytes in UTF-8), {shown(text)}, "
            f"got {got(outcome)}, expected its echo in capitals")
    if len(outcomes) > len(texts) and isinstance(outcomes[-1], BaseException):
        error = outcomes[-1]
        raise AssertionError(f"after the echoes, the app raised {type(error).__name__}: {error}")


def long_messages_close(converse, code: int) -> None:
    """Every message over LIMIT characters, whatever its characters, closes the connection with `code`."""
    for text in long_messages():
        outcome = converse([text])[0]
        if isinstance(outcome, dict) and outcome.get("type") == "websocket.close" and outcome.get("code") == code:
            continue
        n = len(text)
        if isinstance(outcome, BaseException):
            raise AssertionError(
                f"a message of {n} characters, {shown(text)}, made the app raise {type(outcome).__name__}: {outcome}")
        if outcome is None:
            raise AssertionError(f"a message of {n} characters, {shown(text)}, got nothing within {WAIT} s, expected a close with {code}")
        plain = converse(["x" * n])[0]  # the length alone, in ASCII: refused?
        if not (isinstance(plain, dict) and plain.get("type") == "websocket.close" and plain.get("code") == code):
            raise AssertionError(
                f"[every_length_over] a message of {n} characters 'x' got {got(plain) if isinstance(plain, dict) else repr(plain)}, "
                f"expected a close with {code}: every length over 200 closes")
        raise AssertionError(
            f"[measured_wrong] a message of {n} characters ({len(text.encode())} bytes in UTF-8), {shown(text)}, "
            f"got {got(outcome)}, expected a close with {code}")


# --- the event loop: one client's messages must not hold up the others

# A connection that lives long, then several shorter ones: a handler that blocks only once a connection
# is old (its Nth message, its Nth character, its Nth second), or once the process has served many, is
# caught for any N below these: the long one goes on for LONG_SECONDS of wall time and past
# LONG_MESSAGES and LONG_CHARACTERS, whichever comes last (it stops early once the loop is blocked).
LONG_SECONDS = 3.0
MORE_CONNECTIONS = 4
MESSAGES_EACH = 60
TICK = 0.002  # seconds between two beats of the watch
HELD_UP = 0.1  # seconds in all: a handler that blocks 5 ms per message is caught
RUNS = 3  # measurements of a loop held up past HELD_UP before it is refused (the_loop_is_never_held_up)


def waited_for_a_cpu() -> float:
    """Seconds this thread has waited for a CPU (Linux's schedstat; 0 elsewhere): a busy machine that
    makes the loop late is not the app's fault."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as file:
            return int(file.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


class LoopWatch:
    """Runs on the app's event loop beside the conversation and adds up how late it woke: the time the
    loop was held up, when no other client could be answered (a `time.sleep()` in an async handler)."""

    def __init__(self):
        self.held_up = 0.0
        self.running = True

    def blocked(self) -> bool:
        return self.held_up >= HELD_UP

    async def run(self) -> None:
        import asyncio
        import time

        while self.running:
            start, waited = time.perf_counter(), waited_for_a_cpu()
            await asyncio.sleep(TICK)
            late = time.perf_counter() - start - TICK - (waited_for_a_cpu() - waited)
            if late > TICK:
                self.held_up += late


class SleepProbe:
    """Replaces `time.sleep` (the `time` module's, and any name the app's module bound to it, as
    `from time import sleep` does) while the checks talk to the app. A call made on a thread whose
    event loop is running is recorded and returns at once: however short, it would hold that loop.
    A call from a worker thread (`asyncio.to_thread(time.sleep, ...)`) sleeps as usual."""

    def __init__(self, module_name: str):
        import sys
        import time

        self.time, self.module = time, sys.modules.get(module_name)
        self.original = time.sleep
        self.calls: list[tuple[float, str]] = []  # on the event loop
        self.thread_calls: list[tuple[float, str]] = []  # in a synchronous handler (sync_to_async)
        self.answering = ""

    def sleep(self, seconds: float) -> None:
        import asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            if not self.in_sync_handler():
                return self.original(seconds)
            self.thread_calls.append((seconds, self.answering))
            return None
        self.calls.append((seconds, self.answering))
        return None

    @staticmethod
    def in_sync_handler() -> bool:
        """On a thread where asgiref's `sync_to_async` runs a synchronous handler (a Channels
        `WebsocketConsumer`'s): a thread shared by every synchronous consumer, not a worker of its own."""
        import sys

        sync = sys.modules.get("asgiref.sync")
        return sync is not None and getattr(sync.SyncToAsync.threadlocal, "main_event_loop", None) is not None

    def naming(self, texts):
        """`texts`, each named as what is being answered while it is sent."""
        for text in texts:
            self.answering = shown(text)
            yield text

    def __enter__(self):
        self.bound = [name for name, value in vars(self.module).items() if value is self.original] if self.module else []
        self.time.sleep = self.sleep
        for name in self.bound:
            setattr(self.module, name, self.sleep)
        return self

    def __exit__(self, *exc) -> None:
        self.time.sleep = self.original
        for name in self.bound:
            setattr(self.module, name, self.original)


def long_conversation(rng: random.Random):
    """Messages of up to LIMIT characters, yielded until the connection is LONG_SECONDS old and has
    carried more than LONG_MESSAGES messages and LONG_CHARACTERS characters."""
    import time

    start, count, characters = time.monotonic(), 0, 0
    while time.monotonic() - start < LONG_SECONDS or count <= LONG_MESSAGES or characters <= LONG_CHARACTERS:
        text = mixed(rng, rng.randint(1, LIMIT)) if count % 10 == 0 else made_of(EVERY, rng.randint(LIMIT // 2, LIMIT))
        count, characters = count + 1, characters + len(text)
        yield text


def conversations() -> list:
    """Every path of the handler: a long conversation on one connection, MESSAGES_EACH echoes on each
    of MORE_CONNECTIONS others, then, each on a connection of its own, echoes of 101 to 200 characters,
    a message over 200 characters, a binary frame (bytes). Each is a list, the first one a generator."""
    rng = random.Random(SEED + 2)

    def chatty(count: int) -> list[str]:
        return [mixed(rng, rng.randint(1, LIMIT)) for _ in range(count)]

    return [long_conversation(rng), *(chatty(MESSAGES_EACH) for _ in range(MORE_CONNECTIONS)),
            *([made_of(EVERY, n)] for n in (101, 150, LIMIT)), ["x" * (LIMIT + 1)], [b"x" * 1000]]


def the_loop_is_never_held_up(converse_watched, module_name: str) -> list[tuple[float, str]]:
    """`converse_watched(texts, watch)` converses as `converse` does (bytes: a binary frame), with
    `watch` (a LoopWatch) running on the app's loop meanwhile, and stops sending once `watch.blocked()`
    (a handler that blocks on every message of hundreds would take long). Every path of the handler is taken
    with a SleepProbe in place: a `time.sleep()` of any length on any path is caught, and the watch
    adds up any other blocking. The answers themselves are the other checks' business. Returns the
    `time.sleep()` calls made in a synchronous handler (`SleepProbe.thread_calls`): Django's check
    refuses them.

    A loop held up past HELD_UP is measured again, up to RUNS times in all, and only one held up in
    every run is refused: a handler that blocks does so each time, while a busy machine (another
    thread holding the GIL, a CPU taken by another process) makes one run late, not all of them."""
    held_up = []
    for _ in range(RUNS):
        watch = LoopWatch()
        with SleepProbe(module_name) as probe:
            for texts in conversations():
                if isinstance(texts, list):
                    first = texts[0]
                    probe.answering = shown(first) if isinstance(first, str) else f"{first[:8]!r}…"
                else:  # the long conversation: each message is named as it is sent
                    texts = probe.naming(texts)
                converse_watched(texts, watch)
                if watch.blocked():
                    break
        if probe.calls:
            seconds, what = probe.calls[0]
            raise AssertionError(
                f"[blocks_the_loop] the handler called time.sleep({seconds}) on the event loop, answering {what}, "
                f"{len(probe.calls)} calls in all: however short, no other client is answered meanwhile")
        held_up.append(watch.held_up)
        if watch.held_up < HELD_UP:
            return probe.thread_calls
    raise AssertionError(
        f"[blocks_the_loop] while the handler answered short and long messages and a binary frame, "
        f"the event loop was held up for {min(held_up):.2f} s in all, at least, in each of {RUNS} runs: "
        f"no other client is answered meanwhile")


# --- the close frame

CLOSE_REASON_MAX = 123  # bytes of UTF-8 a close frame's reason can hold (RFC 6455: 125 with the code)


def reason_bytes(message: dict) -> int:
    """The UTF-8 size of a close message's reason: over CLOSE_REASON_MAX, it does not fit in a close frame."""
    return len((message.get("reason") or "").encode())


def every_route_closes(converse_on, paths: list[str], code: int) -> None:
    """`converse_on(texts, path)` converses on `path`. Every WebSocket route of the app (`paths`, read
    from its router) keeps the rule: a message over LIMIT characters closes the connection with `code`."""
    for path in paths:
        if path == "/ws/echo":
            continue  # the other checks' route
        for text in ("x" * (LIMIT + 1), made_of(EVERY, 10_001)):
            outcome = converse_on([text], path)[0]
            if isinstance(outcome, dict) and outcome.get("type") == "websocket.close" and outcome.get("code") == code:
                continue
            answer = got(outcome) if isinstance(outcome, dict) else repr(outcome)
            raise AssertionError(
                f"[every_route] on {path}, a message of {len(text)} characters got {answer}, expected a close with {code}: "
                f"every WebSocket route of the app keeps the limit")
