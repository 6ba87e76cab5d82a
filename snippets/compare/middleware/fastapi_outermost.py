from fastapi import FastAPI

from compare.middleware.fastapi_app import RequestIdMiddleware

api = FastAPI()


@api.get("/boom")
async def boom():
    raise RuntimeError("boom")


app = RequestIdMiddleware(api)  # (1)!
