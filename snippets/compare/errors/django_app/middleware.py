import logging

from compare.errors.django_app.errors import problem
from compare.errors.shop import OutOfStock

logger = logging.getLogger(__name__)


class OutOfStockMiddleware:
    """Turns the shop's OutOfStock into 409 Conflict, wherever a view raises it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):  # (1)!
        if isinstance(exception, OutOfStock):
            logger.warning("Order refused: %s", exception)  # (2)!
            return problem(409, exception.detail)
        return None  # (3)!
