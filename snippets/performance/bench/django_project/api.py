"""The benchmark endpoints in Django REST framework: serializers and APIView."""

import time

from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from performance.bench.catalog import HELLO, PRODUCT_COUNT, UPSTREAM, UPSTREAM_DELAY, orders

from .serializers import OrderSerializer
from .shop.models import Product

ORDERS = orders()


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name", "price_cents", "in_stock"]


class HelloView(APIView):
    def get(self, request):
        return Response(HELLO)


class OrdersView(APIView):
    def get(self, request):
        return Response(OrderSerializer(ORDERS, many=True).data)


class UpstreamView(APIView):
    def get(self, request):
        time.sleep(UPSTREAM_DELAY)  # a blocking call: the worker (or thread) waits
        return Response(UPSTREAM)


class ProductsView(APIView):
    def get(self, request):
        rows = Product.objects.order_by("id")[:PRODUCT_COUNT]
        return Response(ProductSerializer(rows, many=True).data)
