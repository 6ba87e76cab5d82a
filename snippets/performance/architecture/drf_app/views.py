import threading
import time

from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from performance.architecture.drf_app.parsers import BoundedJSONParser
from performance.architecture.drf_app.serializers import ItemSerializer

# --8<-- [start:items]
ITEMS: dict[int, dict] = {1: {"id": 1, "name": "pen", "quantity": 3}}  # (1)!
ITEMS_LOCK = threading.Lock()


class JSONAPIView(APIView):  # (2)!
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes = [BoundedJSONParser]


class ItemDetail(JSONAPIView):
    def get(self, request, item_id: int):
        if item_id not in ITEMS:
            raise NotFound("Item not found")
        return Response(ItemSerializer(ITEMS[item_id]).data)


class ItemList(JSONAPIView):
    def post(self, request):
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with ITEMS_LOCK:  # (3)!
            item = {"id": max(ITEMS) + 1, **serializer.validated_data}
            ITEMS[item["id"]] = item
        return Response(ItemSerializer(item).data, status=201)
# --8<-- [end:items]


# --8<-- [start:wait]
class Wait(JSONAPIView):
    def get(self, request):
        time.sleep(1)  # (1)!
        return Response({"waited": 1})
# --8<-- [end:wait]
