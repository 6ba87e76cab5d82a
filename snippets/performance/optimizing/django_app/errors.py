from django.db import OperationalError
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler

BUSY = {"55P03", "57014"}  # PostgreSQL's codes: lock_timeout and statement_timeout ran out


class DatabaseBusy(APIException):
    status_code = 503
    default_detail = "The database is busy; try again shortly."
    default_code = "database_busy"
    wait = 5  # (1)!


def database_busy(exc, context):
    if isinstance(exc, OperationalError) and getattr(exc.__cause__, "sqlstate", None) in BUSY:  # (2)!
        exc = DatabaseBusy()
    return exception_handler(exc, context)
