from django.apps import AppConfig


class BookshelfConfig(AppConfig):
    name = "compare.templates.django_app.bookshelf"
    label = "templates_bookshelf"
