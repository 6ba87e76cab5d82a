"""Exercise (serialization): POST /users answers the password back. Never send it out."""

from pwdlib import PasswordHash
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

password_hash = PasswordHash.recommended()
USERS: dict[str, str] = {}  # username: password hash; a database, in a real app


class UserSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=30)
    password = serializers.CharField(min_length=12, write_only=True)  # read from requests, never in responses


@api_view(["POST"])
def create_user(request):
    serializer = UserSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    username = serializer.validated_data["username"]
    if username in USERS:  # sign-up never replaces an account
        return Response({"detail": "This username is taken."}, status=409)
    USERS[username] = password_hash.hash(serializer.validated_data["password"])
    return Response({"username": username, "password_hash": USERS[username]}, status=201)
