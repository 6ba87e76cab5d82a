"""Default URLconf of the test settings: empty, so a test that forgets `@pytest.mark.urls` gets 404s."""

urlpatterns: list = []
