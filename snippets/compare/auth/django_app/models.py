from django.db import models


class Report(models.Model):
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)

    class Meta:
        permissions = [("publish_report", "Can publish reports")]  # (1)!
