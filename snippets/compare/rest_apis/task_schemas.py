from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]  # (1)!
Priority = Annotated[int, Field(strict=True, ge=1, le=5)]


class TaskIn(BaseModel):  # (2)!
    title: Title
    done: bool = False
    priority: Priority = 3


class TaskPatch(BaseModel):  # (3)!
    title: Title | None = None
    done: bool | None = None
    priority: Priority | None = None

    @field_validator("*")
    @classmethod
    def not_null(cls, value):  # (4)!
        if value is None:
            raise ValueError("may not be null")
        return value


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # (5)!

    id: int
    title: str
    done: bool
    priority: int


class TaskPage(BaseModel):  # (6)!
    items: list[TaskOut]
    total: int
    page: int
    per_page: int
    next: str | None
