from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]  # (1)!
    content: Annotated[str, Field(min_length=1, max_length=4000)]


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")  # (2)!

    messages: Annotated[list[Message], Field(min_length=1, max_length=40)]

    @model_validator(mode="after")
    def ends_with_user(self) -> Self:
        if self.messages[-1].role != "user":
            raise ValueError("the last message must come from the user")
        return self


class ChatReply(BaseModel):
    reply: str
