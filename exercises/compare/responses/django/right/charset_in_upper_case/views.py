"""Exercise (responses): GET /report.csv shows the CSV as a page. Make it a CSV download."""

import csv
import io

from django.http import HttpResponse
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
    disposition = 'attachment; filename="report.csv"'
    return HttpResponse(report(), content_type="text/csv; charset=UTF-8", headers={"Content-Disposition": disposition})
