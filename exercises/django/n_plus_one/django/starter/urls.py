from django.urls import path

import views

urlpatterns = [path("books", views.book_list)]
