from django.test import TestCase
from django.urls import reverse

from compare.testing.django_notes.models import Note


class NoteViewTests(TestCase):  # (1)!
    @classmethod
    def setUpTestData(cls):  # (2)!
        Note.objects.bulk_create([Note(text="first"), Note(text="second"), Note(text="third")])

    def test_added_note_is_listed(self):
        Note.objects.create(text="fourth")
        response = self.client.get(reverse("note-list"))  # (3)!
        self.assertEqual(response.json()[-1]["text"], "fourth")

    def test_health(self):
        response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})

    def test_list_notes_in_one_query(self):  # (4)!
        with self.assertNumQueries(1):
            response = self.client.get(reverse("note-list"))
        self.assertEqual([note["text"] for note in response.json()], ["first", "second", "third"])

    def test_page_size_setting(self):
        with self.settings(NOTES_PAGE_SIZE=2):  # (5)!
            response = self.client.get(reverse("note-list"))
        self.assertEqual(len(response.json()), 2)
