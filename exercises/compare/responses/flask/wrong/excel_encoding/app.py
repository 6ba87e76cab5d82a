"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from flask import Flask, Response

app = Flask(__name__)

BOOKS = [(1, "Two Scoops of Django"), (2, "Flask Web Development")]


def report() -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # rows end with \r\n, as RFC 4180 says
    writer.writerow(["id", "title"])
    writer.writerows(BOOKS)
    return out.getvalue()


@app.get("/report.csv")
def download_report():
    disposition = 'attachment; filename="report.csv"'
    body = report().encode("cp1252")  # so that Excel on Windows opens it with the accents right
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": disposition})
