"""Why django/channel_layers.md's outputs do not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): each is a WebSocket conversation between consumers sharing a channel layer, in one
process or across two servers on loopback (through Redis for one), which
tests/django_ecosystem/test_channel_layers.py holds. A browser page has no server to accept a
socket, nor Redis. Nothing here runs on the page: no APPS, no OUTPUTS; only the reason the page
gives under each output."""

NOT_IN_BROWSER = {
    "conversation.txt": "a WebSocket conversation: needs a real server and sockets",
    "two_servers_memory.txt": "two servers on loopback: needs a real server and sockets",
    "two_servers_redis.txt": "two servers sharing groups through Redis: needs a Redis server",
    "redis_keys.txt": "the keys the Redis layer wrote: needs a Redis server",
}
