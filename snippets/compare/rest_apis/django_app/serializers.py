from rest_framework import serializers

from compare.rest_apis.django_app.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "done", "priority"]  # (1)!
