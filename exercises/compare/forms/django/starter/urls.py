from django.urls import path

import views

urlpatterns = [path("signup", views.signup), path("signup/done", views.done, name="done")]
