"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from fastapi import FastAPI, Response

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
    lines = ["id,title"] + [f"{book_id},{title}" for book_id, title in BOOKS]
    body = "\r\n".join(lines) + "\r\n"  # CSV lines end with CRLF
    disposition = 'attachment; filename="report.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})
