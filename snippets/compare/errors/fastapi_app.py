# --8<-- [start:setup]
import logging
from typing import Annotated

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.utils import is_body_allowed_for_status_code
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from compare.errors.shop import OutOfStock, find_product, place_order, sales_report

app = FastAPI(max_body_size=1024 * 1024)  # (1)!
logger = logging.getLogger(__name__)


def problem(status: int, detail: str, headers=None, **extra) -> JSONResponse:
    """An RFC 9457 problem details response: JSON with its own media type."""
    body = {"detail": detail, **extra, "status": status}
    return JSONResponse(body, status_code=status, headers=headers, media_type="application/problem+json")
# --8<-- [end:setup]


# --8<-- [start:raise]
@app.get("/api/products/{product_id}")
def get_product(product_id: int) -> dict:
    product = find_product(product_id)
    if product is None:
        raise HTTPException(status_code=404, detail=f"No product {product_id}.")  # (1)!
    return product
# --8<-- [end:raise]


# --8<-- [start:http-errors]
@app.exception_handler(StarletteHTTPException)  # (1)!
async def http_error(request: Request, exc: StarletteHTTPException) -> Response:  # (3)!
    if not is_body_allowed_for_status_code(exc.status_code):  # (4)!
        return Response(status_code=exc.status_code, headers=exc.headers)
    return problem(exc.status_code, exc.detail, exc.headers)  # (2)!
# --8<-- [end:http-errors]


# --8<-- [start:app-exception]
class Order(BaseModel):
    quantity: Annotated[int, Field(gt=0, strict=True)]


@app.post("/api/products/{product_id}/orders", status_code=201)
def create_order(product_id: int, order: Order) -> dict:
    product = find_product(product_id)
    if product is None:
        raise HTTPException(status_code=404, detail=f"No product {product_id}.")
    return place_order(product, order.quantity)  # (1)!


@app.exception_handler(OutOfStock)  # (2)!
async def out_of_stock(request: Request, exc: OutOfStock) -> JSONResponse:
    logger.warning("Order refused: %s", exc)  # (3)!
    return problem(409, exc.detail)
# --8<-- [end:app-exception]


# --8<-- [start:validation]
@app.exception_handler(RequestValidationError)
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(error["loc"]), "msg": error["msg"]} for error in exc.errors()]  # (1)!
    return problem(422, "The request is not valid.", errors=errors)
# --8<-- [end:validation]


# --8<-- [start:server-error]
@app.get("/api/reports/sales")
def get_sales_report() -> dict:
    return sales_report()  # (1)!


@app.exception_handler(Exception)  # (2)!
async def server_error(request: Request, exc: Exception) -> JSONResponse:
    return problem(500, "Something went wrong on our side.")
# --8<-- [end:server-error]
