"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()

BOOKS = [(1, "Two Scoops of Django"), (2, "Flask Web Development")]


def report() -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # rows end with \r\n, as RFC 4180 says
    writer.writerow(["id", "title"])
    writer.writerows(BOOKS)
    return out.getvalue()


@app.get("/report.csv")
def download_report() -> FileResponse:
    with open("/tmp/report.csv", "w", encoding="utf-8", newline="") as file:
        file.write(report())
    return FileResponse("/tmp/report.csv", media_type="text/csv", filename="report.csv")
