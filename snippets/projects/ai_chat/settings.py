from typing import Annotated

from pydantic import AliasGenerator, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Read from CHAT_* environment variables when the app is created."""

    model_config = SettingsConfigDict(
        alias_generator=AliasGenerator(validation_alias=lambda name: f"CHAT_{name.upper()}"),  # (1)!
        hide_input_in_errors=True,  # (2)!
    )

    api_key: SecretStr  # (3)!
    model: str
    base_url: str = "https://api.openai.com/v1"
    allowed_origins: Annotated[list[str], NoDecode] = []  # (4)!
    connect_timeout: float = 5.0
    read_timeout: float = 60.0  # (5)!
    max_connections: int = 100

    @field_validator("api_key", "model", "base_url")
    @classmethod
    def not_blank(cls, value: SecretStr | str) -> SecretStr | str:  # (6)!
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if not text.strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            value = [origin.strip() for origin in value.split(",") if origin.strip()]
        if isinstance(value, list) and "*" in value:
            raise ValueError("list the origins that may call the service; '*' is not allowed")
        return value
