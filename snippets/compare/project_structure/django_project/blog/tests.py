from django.test import TestCase
from django.urls import reverse

from .models import Post


class BlogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = Post.objects.create(title="Hello, structure")

    def test_list(self):
        response = self.client.get(reverse("blog:post_list"))
        self.assertEqual(response.json(), {"posts": [{"id": self.post.pk, "title": "Hello, structure"}]})

    def test_detail(self):
        response = self.client.get(reverse("blog:post_detail", args=[self.post.pk]))
        self.assertEqual(response.json(), {"id": self.post.pk, "title": "Hello, structure"})
        self.assertEqual(str(self.post), "Hello, structure")

    def test_missing_post(self):
        response = self.client.get(reverse("blog:post_detail", args=[self.post.pk + 1]))
        self.assertEqual(response.status_code, 404)
