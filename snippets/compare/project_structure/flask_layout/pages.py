from flask import Blueprint, current_app

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return {"site": current_app.config["SITE_NAME"]}  # (1)!
