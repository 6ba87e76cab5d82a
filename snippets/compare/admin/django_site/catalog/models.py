from django.db import models
from django.utils import timezone


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)
    year = models.PositiveSmallIntegerField()
    in_print = models.BooleanField(default=True)
    added = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.title
