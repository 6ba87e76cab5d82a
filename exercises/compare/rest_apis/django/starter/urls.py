from django.urls import path

import views

urlpatterns = [path("books/<int:book_id>", views.BookView.as_view())]
