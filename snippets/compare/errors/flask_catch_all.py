from flask import Flask, request
from werkzeug.exceptions import HTTPException

from compare.errors.shop import sales_report

app = Flask(__name__)


@app.errorhandler(Exception)  # (1)!
def unexpected_error(e: Exception):
    if isinstance(e, HTTPException):
        return e  # (2)!
    app.logger.exception("Unhandled exception on %s", request.path)  # (3)!
    return {"detail": "Something went wrong on our side.", "status": 500}, 500


@app.get("/api/reports/sales")
def get_sales_report():
    return sales_report()
