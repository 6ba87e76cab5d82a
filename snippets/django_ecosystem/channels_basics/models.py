from django.db import models


class Room(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=100)
