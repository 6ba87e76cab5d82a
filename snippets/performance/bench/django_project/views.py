"""The benchmark endpoints as plain Django views: sync for Gunicorn, async for Uvicorn (ASGI)."""

import asyncio
import time

from django.http import JsonResponse

from performance.bench.catalog import HELLO, PRODUCT_COUNT, UPSTREAM, UPSTREAM_DELAY, order_dict, orders

from .shop.models import Product

ORDERS = orders()
FIELDS = ("id", "name", "price_cents", "in_stock")


def hello(request):
    return JsonResponse(HELLO)


def list_orders(request):
    return JsonResponse([order_dict(order) for order in ORDERS], safe=False)


def upstream(request):
    time.sleep(UPSTREAM_DELAY)  # a blocking call: the worker (or thread) waits
    return JsonResponse(UPSTREAM)


def list_products(request):
    rows = Product.objects.order_by("id").values(*FIELDS)[:PRODUCT_COUNT]
    return JsonResponse(list(rows), safe=False)


async def hello_async(request):
    return JsonResponse(HELLO)


async def list_orders_async(request):
    return JsonResponse([order_dict(order) for order in ORDERS], safe=False)


async def upstream_async(request):
    await asyncio.sleep(UPSTREAM_DELAY)  # stands for an awaited HTTP call to another service
    return JsonResponse(UPSTREAM)


async def list_products_async(request):
    rows = Product.objects.order_by("id").values(*FIELDS)[:PRODUCT_COUNT]
    return JsonResponse([row async for row in rows], safe=False)
