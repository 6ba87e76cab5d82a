from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def not_blank(key: SecretStr) -> SecretStr:
    if key.get_secret_value().isspace():
        raise ValueError("a key of only whitespace is no key")
    return key


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")  # (1)!

    site_name: str = "Side by Side"
    secret_key: Annotated[SecretStr, Field(min_length=1), AfterValidator(not_blank)]  # (2)!


@lru_cache
def get_settings() -> Settings:  # (3)!
    return Settings()
