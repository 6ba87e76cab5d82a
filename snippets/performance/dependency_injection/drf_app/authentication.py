from dataclasses import dataclass

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from performance.dependency_injection import tokens


@dataclass(frozen=True)
class TokenUser:  # (1)!
    username: str
    is_authenticated: bool = True


class BearerAuthentication(BaseAuthentication):
    def authenticate(self, request):
        scheme, _, token = get_authorization_header(request).decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None  # (2)!
        user = tokens.find_user(token.strip())
        if user is None:
            raise AuthenticationFailed("Invalid token")
        return TokenUser(user), token  # (3)!

    def authenticate_header(self, request):
        return "Bearer"  # (4)!
