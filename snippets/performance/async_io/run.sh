# Run from the guide's snippets/ folder; UPSTREAM_URL points at the slow service the endpoints call.
# --8<-- [start:serve]
uvicorn performance.async_io.fastapi_app:app --host 127.0.0.1 --port "${PORT:-8000}"
# --8<-- [end:serve]
# --8<-- [start:debug]
ASYNCIO_DEBUG=1 uvicorn performance.async_io.fastapi_app:app --host 127.0.0.1 --port "${PORT:-8000}"
# --8<-- [end:debug]
# --8<-- [start:env-debug]
PYTHONASYNCIODEBUG=1 uvicorn performance.async_io.fastapi_app:app --host 127.0.0.1 --port "${PORT:-8000}"
# --8<-- [end:env-debug]
