from rest_framework import serializers
from rest_framework.exceptions import NotFound

from django_ecosystem.drf_viewsets.catalog.models import Product


class ProductV1Serializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name", "price"]

    def update(self, product: Product, validated_data: dict) -> Product:  # (1)!
        for name, value in validated_data.items():
            setattr(product, name, value)
        if validated_data and not Product.objects.filter(pk=product.pk).update(**validated_data):
            raise NotFound()  # deleted since get_object()
        return product


class ProductV2Serializer(ProductV1Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="product-detail")  # (2)!
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "url", "name", "category", "price", "stock", "in_stock"]

    def get_in_stock(self, product) -> bool:
        return product.stock > 0


class RestockSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=1000)
