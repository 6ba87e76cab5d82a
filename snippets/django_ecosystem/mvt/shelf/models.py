from django.db import models
from django.urls import reverse


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)
    year = models.PositiveSmallIntegerField()
    slug = models.SlugField(unique=True)  # (1)!

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["title", "id"], name="%(app_label)s_book_title_id")]
        constraints = [
            models.CheckConstraint(  # (2)!
                condition=models.Q(year__gte=1450),
                name="%(app_label)s_book_printed_after_1450",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):  # (3)!
        return reverse("shelf:book_detail", kwargs={"slug": self.slug})
