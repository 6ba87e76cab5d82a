from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")  # (1)!

    site_name: str = "Side by Side"
    secret_key: Annotated[SecretStr, Field(min_length=1)]  # (2)!


@lru_cache
def get_settings() -> Settings:  # (3)!
    return Settings()
