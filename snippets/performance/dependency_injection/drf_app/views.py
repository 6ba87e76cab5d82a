from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from performance.dependency_injection.drf_app.authentication import BearerAuthentication


class Profile(APIView):
    authentication_classes = [BearerAuthentication]  # (1)!
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response({"user": request.user.username})  # (2)!
