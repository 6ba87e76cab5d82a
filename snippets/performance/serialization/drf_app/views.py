from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from performance.serialization.drf_app.serializers import OrderSerializer
from performance.serialization.orders import ORDER


# --8<-- [start:parser]
class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:  # (1)!
            raise ParseError("JSON parse error - nested too deeply") from None
# --8<-- [end:parser]


class JSONAPIView(APIView):  # DRF reads its defaults at import: set them on the view
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes = [BoundedJSONParser]


# --8<-- [start:views]
class OrderList(JSONAPIView):
    def post(self, request):
        serializer = OrderSerializer(data=request.data)  # (1)!
        serializer.is_valid(raise_exception=True)
        return Response(serializer.data, status=201)


class OrderDetail(JSONAPIView):
    def get(self, request):
        return Response(OrderSerializer(ORDER).data)  # (2)!
# --8<-- [end:views]
