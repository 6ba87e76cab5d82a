from django.db import OperationalError
from psycopg_pool import PoolTimeout
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler

BUSY = {"55P03", "57014"}  # PostgreSQL's codes: lock_timeout and statement_timeout ran out


class DatabaseBusy(APIException):
    status_code = 503
    default_detail = "The database is busy; try again shortly."
    default_code = "database_busy"
    wait = 5  # (1)!


def database_busy(exc, context):
    cause = exc.__cause__ if isinstance(exc, OperationalError) else None  # (2)!
    if isinstance(cause, PoolTimeout) or getattr(cause, "sqlstate", None) in BUSY:  # (3)!
        exc = DatabaseBusy()
    return exception_handler(exc, context)
