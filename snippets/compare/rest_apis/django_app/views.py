from rest_framework import generics
from rest_framework.exceptions import NotFound

from compare.rest_apis.django_app.models import Task
from compare.rest_apis.django_app.serializers import TaskSerializer


class TaskList(generics.ListCreateAPIView):  # (1)!
    queryset = Task.objects.order_by("id")  # (2)!
    serializer_class = TaskSerializer


class TaskDetail(generics.RetrieveUpdateDestroyAPIView):  # (3)!
    queryset = Task.objects.all()
    serializer_class = TaskSerializer

    def perform_destroy(self, instance: Task) -> None:
        deleted, _ = instance.delete()
        if not deleted:  # (4)!
            raise NotFound()
