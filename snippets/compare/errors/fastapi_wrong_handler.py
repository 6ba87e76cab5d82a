from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(HTTPException)  # (1)!
def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


@app.get("/api/products/{product_id}")
def get_product(product_id: int) -> dict:
    raise HTTPException(status_code=404, detail=f"No product {product_id}.")
