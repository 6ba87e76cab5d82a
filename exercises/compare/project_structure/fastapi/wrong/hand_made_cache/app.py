"""Exercise (project structure): a test cannot change the greeting. Make the settings a dependency."""

from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    greeting: str = "Hello"  # from the environment variable GREETING, if set


_settings: Settings | None = None


def get_settings() -> Settings:
    global _settings
    if _settings is None:
        _settings = Settings()  # created on first use, then kept
    return _settings


app = FastAPI()


@app.get("/hello")
def hello(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, str]:
    return {"message": settings.greeting}
