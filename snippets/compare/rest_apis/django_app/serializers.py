from rest_framework import serializers

from compare.rest_apis.django_app.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "done", "priority"]  # (1)!

    def update(self, instance: Task, validated_data: dict) -> Task:  # (2)!
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.save(update_fields=list(validated_data))
        return instance
