from contextlib import asynccontextmanager

from fastapi import FastAPI

from .config import get_settings
from .routers import blog, pages  # (1)!


@asynccontextmanager
async def lifespan(app: FastAPI):
    read_settings = app.dependency_overrides.get(get_settings, get_settings)
    read_settings()  # (2)!
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(pages.router)
app.include_router(blog.router)
