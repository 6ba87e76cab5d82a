from django.urls import path
from rest_framework.routers import DefaultRouter

import views

router = DefaultRouter()
router.register("books", views.BookViewSet, basename="book")
urlpatterns = [path("books/<int:pk>/archive/", views.ArchiveBookView.as_view()), *router.urls]
