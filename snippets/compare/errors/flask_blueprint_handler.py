from flask import Blueprint, Flask, abort

api = Blueprint("api", __name__, url_prefix="/api")


@api.errorhandler(404)  # (1)!
def api_not_found(e):
    return {"error": e.description}, 404


@api.get("/products/<int:product_id>")
def get_product(product_id: int):
    abort(404, description=f"No product {product_id}.")


app = Flask(__name__)
app.register_blueprint(api)
