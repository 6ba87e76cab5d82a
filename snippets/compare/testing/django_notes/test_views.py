import pytest
from django.urls import reverse

from compare.testing.django_notes.models import Note


@pytest.fixture
def notes(db):  # (1)!
    return Note.objects.bulk_create([Note(text="first"), Note(text="second"), Note(text="third")])


def test_health(client):  # (2)!
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db  # (3)!
def test_added_note_is_listed(client):
    Note.objects.create(text="fourth")
    response = client.get(reverse("note-list"))
    assert [note["text"] for note in response.json()] == ["fourth"]


def test_list_notes_in_one_query(client, notes, django_assert_num_queries):
    with django_assert_num_queries(1):  # (4)!
        response = client.get(reverse("note-list"))
    assert [note["text"] for note in response.json()] == ["first", "second", "third"]


def test_page_size_setting(client, notes, settings):
    settings.NOTES_PAGE_SIZE = 2  # (5)!
    response = client.get(reverse("note-list"))
    assert len(response.json()) == 2
