from django.urls import path

from compare.orm.django_app import views

urlpatterns = [
    path("authors", views.create_author),
    path("authors/<int:author_id>", views.AuthorDetail.as_view()),
    path("authors/<int:author_id>/books", views.add_book),
    path("books", views.list_books),
    path("books/<int:book_id>", views.update_book),
]
