"""Exercise (project structure): a test cannot change the greeting. Make the settings a dependency."""

from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    greeting: str = "Hello"  # from the environment variable GREETING, if set


def get_settings() -> Settings:
    return Settings()  # created on first use


app = FastAPI()


@app.get("/hello")
def hello(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, str]:
    return {"message": settings.greeting}
