from django.db import models

from performance.bench.catalog import PRODUCT_TABLE


class Product(models.Model):
    name = models.CharField(max_length=100)
    price_cents = models.IntegerField()
    in_stock = models.BooleanField()

    class Meta:
        db_table = PRODUCT_TABLE
        managed = False  # the harness creates and seeds the table
