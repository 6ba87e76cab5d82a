"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from fastapi import FastAPI, Request, Response

app = FastAPI()

BOOKS = [(1, "Two Scoops of Django"), (2, "Flask Web Development")]


def report() -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # rows end with \r\n, as RFC 4180 says
    writer.writerow(["id", "title"])
    writer.writerows(BOOKS)
    return out.getvalue()


@app.get("/report.csv")
def download_report() -> Response:
    return Response(report(), media_type="text/csv")


@app.middleware("http")
async def make_it_a_download(request: Request, call_next):
    response = await call_next(request)
    response.headers["Content-Disposition"] = 'attachment; filename="report.csv"'
    return response
