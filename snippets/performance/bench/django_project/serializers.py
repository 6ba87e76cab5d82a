from rest_framework import serializers


class CustomerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()


class LineSerializer(serializers.Serializer):
    sku = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.FloatField()


class OrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    paid = serializers.BooleanField()
    customer = CustomerSerializer()
    lines = LineSerializer(many=True)
