"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from django.http import FileResponse
from django.views.decorators.http import require_safe

BOOKS = [(1, "Two Scoops of Django"), (2, "Flask Web Development")]


def report() -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # rows end with \r\n, as RFC 4180 says
    writer.writerow(["id", "title"])
    writer.writerows(BOOKS)
    return out.getvalue()


@require_safe
def download_report(request):
    data = io.BytesIO(report().encode())
    return FileResponse(data, as_attachment=True, filename="report.csv", content_type="text/csv; charset=utf-8")
