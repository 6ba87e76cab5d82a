from rest_framework.routers import DefaultRouter

import views

router = DefaultRouter()
router.register("books", views.BookViewSet, basename="book")
urlpatterns = router.urls
