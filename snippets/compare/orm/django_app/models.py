from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100, unique=True)


class Book(models.Model):
    title = models.CharField(max_length=200)
    year = models.IntegerField(null=True, blank=True)  # (1)!
    author = models.ForeignKey(
        Author,
        on_delete=models.CASCADE,  # (2)!
        related_name="books",  # (3)!
    )

    class Meta:
        ordering = ["title"]  # (4)!
