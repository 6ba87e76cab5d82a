# --8<-- [start:app]
import os
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    text: str


@asynccontextmanager
async def lifespan(app: FastAPI):  # (1)!
    app.state.engine = create_engine(os.environ.get("NOTES_DATABASE_URL", "sqlite:///notes.db"))
    yield
    app.state.engine.dispose()


app = FastAPI(lifespan=lifespan)


def get_session(request: Request) -> Iterator[Session]:  # (2)!
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/notes")
def list_notes(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[NoteOut]:
    return session.scalars(select(Note).order_by(Note.id).limit(limit)).all()


@app.post("/notes", status_code=201)
def add_note(note: NoteIn, session: SessionDep) -> NoteOut:
    row = Note(text=note.text)
    session.add(row)
    session.commit()  # (3)!
    return row
# --8<-- [end:app]
