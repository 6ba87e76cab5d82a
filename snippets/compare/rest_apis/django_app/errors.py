from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler


class BodyTooLarge(APIException):
    status_code = 413
    default_detail = "Request body too large."
    default_code = "body_too_large"


def json_errors(exc, context):
    if isinstance(exc, RequestDataTooBig):  # (1)!
        exc = BodyTooLarge()
    return exception_handler(exc, context)
