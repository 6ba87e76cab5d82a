"""Exercise (project structure): a test cannot change the greeting. Make the settings a dependency."""

from functools import lru_cache
from fastapi import FastAPI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    greeting: str = "Hello"  # from the environment variable GREETING, if set


@lru_cache
def get_settings() -> Settings:
    return Settings()  # created on first use, not when the module is imported


app = FastAPI()


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"message": get_settings().greeting}  # created on first use, cached
