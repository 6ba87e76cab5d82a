from rest_framework import serializers

from django_ecosystem.drf_architecture.api.models import Note


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "title", "body"]
