from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")  # (1)!

    site_name: str = "Side by Side"
    secret_key: SecretStr  # (2)!


@lru_cache
def get_settings() -> Settings:  # (3)!
    return Settings()
