from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .api import api
from .pagecache import cache_for_visitors, news_page
from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView, healthz

admin.site.site_header = _("CICOPA secretariat")
admin.site.site_title = _("CICOPA secretariat")
admin.site.index_title = _("Members and news")

# The visitors' pages in each language: English unprefixed, as the site began, then /fr/, /es/.
urlpatterns = i18n_patterns(
    path("", news_page(HomeView.as_view()), name="home"),
    path("members/", include("members.urls")),
    path("news/", include("news.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path(
        "sitemap.xml",
        news_page(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        news_page(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", cache_for_visitors()(RobotsView.as_view()), name="robots"),
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
