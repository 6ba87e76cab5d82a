# --8<-- [start:setup]
import os

from flask import Blueprint, Flask, abort, request, url_for
from flask.json.provider import DefaultJSONProvider
from flask_sqlalchemy import SQLAlchemy
from pydantic import ValidationError
from sqlalchemy import String, delete
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from compare.rest_apis.task_schemas import TaskIn, TaskOut, TaskPage, TaskPatch


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})  # (1)!
bp = Blueprint("tasks", __name__)


class Task(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    done: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int] = mapped_column(default=3)


def create_app(config=None):
    app = Flask(__name__)
    app.json = JSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # a larger body is refused with 413
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    app.config.from_mapping(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)
    return app
# --8<-- [end:setup]


# --8<-- [start:errors]
class JSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # (1)!
            raise ValueError("JSON nested too deeply") from None


@bp.app_errorhandler(HTTPException)
def json_error(error: HTTPException):
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    return {"error": error.description}, error.code, headers  # (2)!


def invalid(error: ValidationError):
    details = error.errors(include_url=False, include_context=False, include_input=False)
    return {"errors": details}, 400  # (3)!
# --8<-- [end:errors]


# --8<-- [start:list]
@bp.get("/tasks")
def list_tasks():
    if request.args.get("page", 1, type=int) > 10_000:
        abort(404)
    page = db.paginate(db.select(Task).order_by(Task.id), max_per_page=100)  # (1)!
    next_url = None
    if page.has_next:
        next_url = url_for(".list_tasks", page=page.next_num, per_page=page.per_page, _external=True)
    result = TaskPage(items=page.items, total=page.total, page=page.page, per_page=page.per_page, next=next_url)
    return result.model_dump()  # (2)!
# --8<-- [end:list]


# --8<-- [start:create]
@bp.post("/tasks")
def create_task():
    try:
        data = TaskIn.model_validate(request.get_json())  # (1)!
    except ValidationError as error:
        return invalid(error)
    task = Task(**data.model_dump())
    db.session.add(task)
    db.session.commit()
    return TaskOut.model_validate(task).model_dump(), 201  # (2)!
# --8<-- [end:create]


# --8<-- [start:detail]
@bp.get("/tasks/<int:task_id>")
def get_task(task_id: int):
    task = db.get_or_404(Task, task_id, description="task not found")
    return TaskOut.model_validate(task).model_dump()


@bp.route("/tasks/<int:task_id>", methods=["PUT", "PATCH"])
def update_task(task_id: int):
    task = db.get_or_404(Task, task_id, description="task not found")
    schema = TaskIn if request.method == "PUT" else TaskPatch  # (1)!
    try:
        data = schema.model_validate(request.get_json())
    except ValidationError as error:
        return invalid(error)
    for field, value in data.model_dump(exclude_unset=request.method == "PATCH").items():  # (2)!
        setattr(task, field, value)
    try:
        db.session.commit()
    except StaleDataError:  # (3)!
        abort(404, description="task not found")
    return TaskOut.model_validate(task).model_dump()


@bp.delete("/tasks/<int:task_id>")
def delete_task(task_id: int):
    deleted = db.session.execute(delete(Task).where(Task.id == task_id)).rowcount  # (4)!
    db.session.commit()
    if not deleted:
        abort(404, description="task not found")
    return "", 204
# --8<-- [end:detail]
