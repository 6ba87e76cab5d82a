from typing import Annotated

from pydantic import BaseModel, EmailStr, Field, field_validator, model_validator

RESERVED = {"admin", "root"}


class Signup(BaseModel):
    username: Annotated[str, Field(min_length=3, max_length=30, pattern=r"^[a-z0-9_]+$")]  # (1)!
    email: EmailStr  # (2)!
    age: Annotated[int | None, Field(ge=13, le=150)] = None
    password: Annotated[str, Field(min_length=8)]
    password_confirm: str

    @field_validator("username")  # (3)!
    @classmethod
    def not_reserved(cls, value: str) -> str:
        if value in RESERVED:
            raise ValueError("this username is reserved")
        return value

    @model_validator(mode="after")  # (4)!
    def passwords_agree(self) -> "Signup":
        if self.password != self.password_confirm:
            raise ValueError("passwords do not match")
        if self.username in self.password:
            raise ValueError("the password must not contain the username")
        return self


class Account(BaseModel):  # (5)!
    username: str
    email: EmailStr
    age: int | None
