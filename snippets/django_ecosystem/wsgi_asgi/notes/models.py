from django.db import models


class Note(models.Model):
    text = models.CharField(max_length=200)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
