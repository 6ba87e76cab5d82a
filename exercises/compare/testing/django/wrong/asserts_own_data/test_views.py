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


def test_page_size_setting(client, notes, settings):
    settings.NOTES_PAGE_SIZE = 2
    client.get(reverse("note-list"))
    assert len(notes[: settings.NOTES_PAGE_SIZE]) == 2
