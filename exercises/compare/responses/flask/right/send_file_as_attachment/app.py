"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from flask import Flask, send_file

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
    data = io.BytesIO(report().encode())
    return send_file(data, mimetype="text/csv", as_attachment=True, download_name="report.csv")
