"""Fetch modes (new in Django 6.1): what reading a field that was not loaded does."""

from django.db.models import FETCH_PEERS, FETCH_RAISE

from django_ecosystem.n_plus_one.library.models import Book


# --8<-- [start:modes]
def peer_books():
    return Book.objects.order_by("id").fetch_mode(FETCH_PEERS)  # (1)!


def strict_books():
    return Book.objects.order_by("id").fetch_mode(FETCH_RAISE)  # (2)!
# --8<-- [end:modes]
