"""The secretariat's pages: /about/, /contact/, /become-a-member/, /privacy/ (and under /fr/,
/es/)."""

from django.urls import path

from .views import PageView

app_name = "pages"

urlpatterns = [
    path("about/", PageView.as_view(), {"slug": "about"}, name="about"),
    path("contact/", PageView.as_view(), {"slug": "contact"}, name="contact"),
    path("become-a-member/", PageView.as_view(), {"slug": "join"}, name="join"),
    path("privacy/", PageView.as_view(), {"slug": "privacy"}, name="privacy"),
]
