from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    supplier_cost = models.DecimalField(max_digits=10, decimal_places=2)
