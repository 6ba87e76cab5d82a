from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)
