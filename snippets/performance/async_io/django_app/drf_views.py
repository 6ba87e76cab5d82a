from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Note


# --8<-- [start:broken]
class AsyncNoteCount(APIView):  # does NOT work: DRF's dispatch() is synchronous
    authentication_classes = []
    permission_classes = [AllowAny]

    async def get(self, request: Request) -> Response:  # (1)!
        return Response({"count": await Note.objects.acount()})
# --8<-- [end:broken]


# --8<-- [start:working]
class NoteCount(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request: Request) -> Response:  # (1)!
        return Response({"count": Note.objects.count()})
# --8<-- [end:working]
