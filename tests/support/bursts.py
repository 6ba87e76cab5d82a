"""Bursts that really arrive at once: an ASGI wrapper that holds each request at a barrier."""

from __future__ import annotations


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
