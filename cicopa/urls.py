from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView

admin.site.site_header = "CICOPA secretariat"
admin.site.site_title = "CICOPA secretariat"
admin.site.index_title = "Members and news"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("members/", include("members.urls")),
    path("news/", include("news.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("admin/", admin.site.urls),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
