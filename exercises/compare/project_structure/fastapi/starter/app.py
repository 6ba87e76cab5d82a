"""Exercise (project structure): a test cannot change the greeting. Make the settings a dependency."""

from fastapi import FastAPI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    greeting: str = "Hello"  # from the environment variable GREETING, if set


settings = Settings()


def get_settings() -> Settings:
    return settings


app = FastAPI()


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"message": settings.greeting}
