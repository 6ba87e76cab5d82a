import logging

from rest_framework import generics
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import UserRateThrottle

from django_ecosystem.drf_architecture.api.models import Note
from django_ecosystem.drf_architecture.api.serializers import NoteSerializer


# --8<-- [start:policies]
log = logging.getLogger(__name__)


class NotePagination(PageNumberPagination):
    page_size = 2  # (1)!


class BurstThrottle(UserRateThrottle):
    scope = "burst"
    rate = "3/minute"  # (2)!

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # (3)!
            log.warning("throttle cache unavailable", exc_info=True)
            return True
# --8<-- [end:policies]


# --8<-- [start:view]
class NoteList(generics.ListCreateAPIView):
    queryset = Note.objects.order_by("id")
    serializer_class = NoteSerializer
    authentication_classes = [BasicAuthentication]  # (1)!
    permission_classes = [DjangoModelPermissions]  # (2)!
    throttle_classes = [BurstThrottle]
    parser_classes = [JSONParser]  # (3)!
    renderer_classes = [JSONRenderer]
    pagination_class = NotePagination


class BrowserNoteList(NoteList):
    authentication_classes = [SessionAuthentication]  # (4)!
# --8<-- [end:view]
