from rest_framework import serializers

from django_ecosystem.drf_viewsets.catalog.models import Product


class ProductV1Serializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name", "price"]


class ProductV2Serializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="product-detail")  # (1)!
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "url", "name", "category", "price", "stock", "in_stock"]

    def get_in_stock(self, product) -> bool:
        return product.stock > 0


class RestockSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=1000)
