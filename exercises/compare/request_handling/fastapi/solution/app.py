"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI(max_body_size=1024 * 1024)  # a larger body is refused (413) before it is read into memory


class Order(BaseModel):
    item: str = Field(min_length=1)
    quantity: int = Field(ge=1, strict=True)  # strict: true and "2" are not numbers


@app.exception_handler(RequestValidationError)
async def invalid_order(request: Request, exc: RequestValidationError) -> JSONResponse:
    # The default 422 repeats each "input" (the body; NaN makes it a 500) and, in "ctx", the JSON parser's message.
    errors = [{key: error[key] for key in ("type", "loc", "msg")} for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


@app.post("/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order
