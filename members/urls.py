from django.contrib.auth.views import LogoutView
from django.urls import path
from django.views.generic import TemplateView

from . import feeds, representatives, views

app_name = "members"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation-list"),
    path("feed/", feeds.NewMembersFeed(), name="feed-rss"),
    path("feed/atom/", feeds.NewMembersAtomFeed(), name="feed-atom"),
    path("export.csv", views.directory_export, {"fmt": "csv"}, name="export-csv"),
    path("export.json", views.directory_export, {"fmt": "json"}, name="export-json"),
    # Before the organisations' <slug>: these words are reserved (models.RESERVED_SLUGS).
    path("map/", views.MapView.as_view(), name="map"),
    # A member organisation's representatives (members/representatives.py): private pages.
    path("my/", representatives.my_organisation, name="my-organisation"),
    path("my/figures/", representatives.answer_figures, name="my-figures"),
    path(
        "my/login/", representatives.RepresentativeLoginView.as_view(), name="representative-login"
    ),
    path(
        "my/logout/",
        LogoutView.as_view(next_page=representatives.LOGIN_URL),
        name="representative-logout",
    ),
    path(
        "my/password/",
        representatives.ForgottenPasswordView.as_view(),
        name="representative-password",
    ),
    path(
        "my/password/sent/",
        TemplateView.as_view(template_name="members/representative_password_sent.html"),
        name="representative-password-sent",
    ),
    path(
        "my/welcome/<uidb64>/<token>/",
        representatives.WelcomeView.as_view(),
        name="representative-welcome",
    ),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("regions/<slug:slug>/", views.RegionView.as_view(), name="region"),
    # The news about a region's members: news/urls.py, at regions/<slug>/feed/.
    path(
        "regions/<slug:slug>/members/feed/",
        feeds.RegionNewMembersFeed(),
        name="region-members-rss",
    ),
    path(
        "regions/<slug:slug>/members/feed/atom/",
        feeds.RegionNewMembersAtomFeed(),
        name="region-members-atom",
    ),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("<slug:slug>/correction/", views.CorrectionView.as_view(), name="correction"),
    path("<slug:slug>/correction/thanks/", views.correction_thanks, name="correction-thanks"),
]
