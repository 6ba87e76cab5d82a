from django.test import TestCase
from django.urls import reverse


class HomeTests(TestCase):
    def test_home_names_the_site(self):
        response = self.client.get(reverse("pages:home"))
        self.assertEqual(response.json(), {"site": "Side by Side"})
