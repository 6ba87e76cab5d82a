from django.contrib import admin

from .models import Book


@admin.register(Book)  # (1)!
class BookAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "year", "in_print"]  # (2)!
    list_filter = ["in_print"]
    search_fields = ["title", "author"]  # (3)!
    ordering = ["title"]
    readonly_fields = ["added"]  # (4)!
