from django.contrib.auth import views as auth_views
from django.urls import path

from compare.auth.django_app import views

urlpatterns = [
    path(
        "accounts/login/",  # (1)!
        auth_views.LoginView.as_view(  # (2)!
            template_name="auth_reports/login.html", next_page="reports"
        ),
        name="login",
    ),
    path(
        "accounts/logout/",
        auth_views.LogoutView.as_view(next_page="login"),  # (3)!
        name="logout",
    ),
    path("reports/", views.reports, name="reports"),
    path("reports/publish/", views.publish, name="publish"),
]
