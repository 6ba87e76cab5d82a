"""Exercise (project structure): a test cannot change the greeting. Make the settings a dependency."""

from functools import lru_cache
from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    greeting: str = "Hello"  # from the environment variable GREETING, if set


@lru_cache
async def get_settings() -> Settings:
    return Settings()  # created on first use, not when the module is imported


app = FastAPI()


@app.get("/hello")
def hello(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, str]:
    return {"message": settings.greeting}
