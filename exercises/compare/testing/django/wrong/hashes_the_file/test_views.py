"""Your tests of views.py: `python3 dev.py exercise testing/django` runs them against views.py
and against copies of it with a bug."""

import pytest
from django.urls import reverse

from notes.models import Note


@pytest.fixture
def notes(db):
    return Note.objects.bulk_create([Note(text="first"), Note(text="second"), Note(text="third")])


def test_list_notes(client, notes):
    response = client.get(reverse("note-list"))
    assert response.status_code == 200
    assert [note["text"] for note in response.json()] == ["first", "second", "third"]


def test_views_are_unchanged():
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256((Path(__file__).parent / "views.py").read_bytes()).hexdigest()
    assert digest == "5c395ea3ef15e4ae9ff83b77af712ff4b04349fd8aecd4011e8ab3e79dfa6c5b"  # the reviewed version
