"""Bursts that really arrive at once: an ASGI wrapper that holds each request at a barrier, a
counter of how many threads are inside a call at the same time, and a flood of logins whose
password checks hang while another request must still be answered."""

from __future__ import annotations

import threading


class AllAtOnce:
    """ASGI wrapper: holds each request until `count` have arrived, so that a burst of `count`
    requests reaches the app at once, however slowly the client's threads or tasks start. Call
    `expect(count)` before each burst; lifespan and WebSocket scopes pass straight through."""

    def __init__(self, app) -> None:
        self.app, self.count, self.arrived, self.all_in = app, 0, 0, None

    def expect(self, count: int) -> None:
        self.count, self.arrived, self.all_in = count, 0, None

    async def __call__(self, scope, receive, send) -> None:
        import anyio

        if scope["type"] == "http":
            self.all_in = self.all_in or anyio.Event()
            self.arrived += 1
            if self.arrived == self.count:
                self.all_in.set()
            await self.all_in.wait()
        await self.app(scope, receive, send)


class Overlap:
    """`with overlap:` around the body of a call that many threads make: `now` is how many are inside
    at this moment, `most` the largest number that ever were at the same time."""

    def __init__(self) -> None:
        self.lock, self.now, self.most = threading.Lock(), 0, 0

    def __enter__(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc) -> None:
        with self.lock:
            self.now -= 1


class HangingHash:
    """A password check (`verify(password, hashed)`) that records each call in `started` and hangs
    until `released` is set (at most 10 s), then refuses: the hash a login flood waits on."""

    def __init__(self) -> None:
        self.released, self.started = threading.Event(), []

    def __call__(self, password: str, hashed: str) -> bool:
        self.started.append(password)
        self.released.wait(10)
        return False


def while_logins_hash(app, base_url: str, login_path: str, request, hang: HangingHash, *, logins: int = 60, slots: int = 4):
    """POST `logins` bogus logins to `login_path` at once; when `slots` of them hang in `hang` and
    the rest have had a second to queue behind them, `await request(client)` must answer within
    2 s. Then the hashes are released. Returns that response and the logins' status codes."""
    import asyncio

    import anyio
    import httpx

    async def flood_then_request():
        answers: list[int] = []
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, timeout=30) as client:

            async def login(n: int) -> None:
                answer = await client.post(login_path, data={"username": f"u{n}", "password": "x"})
                answers.append(answer.status_code)

            async with anyio.create_task_group() as flood:
                for n in range(logins):
                    flood.start_soon(login, n)
                with anyio.fail_after(10):
                    while len(hang.started) < slots:  # the slots' logins hash (and hang) ...
                        await anyio.sleep(0.05)
                await anyio.sleep(1)  # ... and the others queue behind them
                try:
                    with anyio.fail_after(2):
                        response = await request(client)
                finally:
                    hang.released.set()
        return response, answers

    return asyncio.run(flood_then_request())
