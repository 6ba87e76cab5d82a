from rest_framework import serializers
from rest_framework.exceptions import NotFound

from compare.rest_apis.django_app.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "done", "priority"]  # (1)!

    def update(self, instance: Task, validated_data: dict) -> Task:  # (2)!
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if validated_data and not Task.objects.filter(pk=instance.pk).update(**validated_data):
            raise NotFound()  # (3)!
        return instance
