from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


MAX_PROMPT = 4000  # what a user may type
MAX_CONVERSATION = 100_000  # characters in all messages together


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]  # (1)!
    content: Annotated[str, Field(min_length=1, max_length=32_000)]


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")  # (2)!

    messages: Annotated[list[Message], Field(min_length=1, max_length=40)]

    @model_validator(mode="after")
    def ends_with_user(self) -> Self:
        if self.messages[-1].role != "user":
            raise ValueError("the last message must come from the user")
        if len(self.messages[-1].content) > MAX_PROMPT:  # (3)!
            raise ValueError(f"the new message is longer than {MAX_PROMPT} characters")
        if sum(len(message.content) for message in self.messages) > MAX_CONVERSATION:
            raise ValueError("the conversation is too long; start a new one")
        return self


class ChatReply(BaseModel):
    reply: str
