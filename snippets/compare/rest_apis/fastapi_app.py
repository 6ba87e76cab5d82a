# --8<-- [start:setup]
import os
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import String, create_engine, delete, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from compare.rest_apis.task_schemas import TaskIn, TaskOut, TaskPage, TaskPatch


class Base(DeclarativeBase):
    pass


class Task(Base):
    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    done: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int] = mapped_column(default=3)


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_engine(os.environ.get("DATABASE_URL", "sqlite:///tasks.db"), pool_pre_ping=True)
    Base.metadata.create_all(engine)
    app.state.sessionmaker = sessionmaker(engine, expire_on_commit=False)  # (1)!
    yield
    engine.dispose()


app = FastAPI(title="Tasks", lifespan=lifespan)


@app.exception_handler(RequestValidationError)  # (2)!
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_task_or_404(task_id: int, session: SessionDep) -> Task:  # (3)!
    task = session.get(Task, task_id)
    if task is None:
        raise HTTPException(status_code=404, detail="task not found")
    session.commit()  # ends the read: the connection goes back before the route waits for a thread
    return task


TaskDep = Annotated[Task, Depends(get_task_or_404)]
# --8<-- [end:setup]


# --8<-- [start:list]
@app.get("/tasks", response_model=TaskPage)
def list_tasks(
    request: Request,
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,  # (1)!
):
    total = session.scalar(select(func.count()).select_from(Task))
    query = select(Task).order_by(Task.id).offset((page - 1) * per_page).limit(per_page)
    items = session.scalars(query).all()
    session.close()  # the connection goes back before FastAPI checks the page
    next_url = None
    if page * per_page < total:
        next_url = str(request.url.include_query_params(page=page + 1))
    return {  # (2)!
        "items": items,
        "total": total,
        "page": page,
        "per_page": per_page,
        "next": next_url,
    }
# --8<-- [end:list]


# --8<-- [start:create]
@app.post("/tasks", response_model=TaskOut, status_code=201)  # (1)!
def create_task(data: TaskIn, session: SessionDep):
    task = Task(**data.model_dump())
    session.add(task)
    session.commit()
    return task  # (2)!
# --8<-- [end:create]


# --8<-- [start:detail]
@app.get("/tasks/{task_id}", response_model=TaskOut)
def get_task(task: TaskDep):
    return task


@app.put("/tasks/{task_id}", response_model=TaskOut)
def replace_task(data: TaskIn, task: TaskDep, session: SessionDep):  # (1)!
    return save(task, data.model_dump(), session)


@app.patch("/tasks/{task_id}", response_model=TaskOut)
def update_task(data: TaskPatch, task: TaskDep, session: SessionDep):
    return save(task, data.model_dump(exclude_unset=True), session)


def save(task: Task, changes: dict, session: Session) -> Task:
    for field, value in changes.items():
        setattr(task, field, value)
    try:
        session.commit()
    except StaleDataError:  # (2)!
        raise HTTPException(status_code=404, detail="task not found") from None
    return task


@app.delete("/tasks/{task_id}", status_code=204)
def delete_task(task_id: int, session: SessionDep) -> None:
    deleted = session.execute(delete(Task).where(Task.id == task_id)).rowcount  # (3)!
    session.commit()
    if not deleted:
        raise HTTPException(status_code=404, detail="task not found")
# --8<-- [end:detail]
