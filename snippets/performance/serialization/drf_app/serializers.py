from rest_framework import serializers


class CustomerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(min_length=1, max_length=100)


class LineItemSerializer(serializers.Serializer):
    sku = serializers.RegexField(r"^[A-Z]{3}-[0-9]{3}$")
    quantity = serializers.IntegerField(min_value=1)
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2)


class OrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    customer = CustomerSerializer()  # (1)!
    items = LineItemSerializer(many=True, min_length=1, max_length=100)
    placed_at = serializers.DateTimeField()
