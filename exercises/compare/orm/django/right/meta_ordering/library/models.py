from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)

    class Meta:
        ordering = ["title"]  # every query of Book: ORDER BY title, unless it says otherwise
