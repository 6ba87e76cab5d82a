urlpatterns: list = []  # WhiteNoise answers /static/ before any URL pattern
