from rest_framework import serializers


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(min_length=1, max_length=100)
    quantity = serializers.IntegerField(min_value=0)
