from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Task(models.Model):
    title = models.CharField(max_length=100)
    done = models.BooleanField(default=False)
    priority = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]  # (1)!
    )
