import pytest
from django.test import override_settings
from django.urls import include, path, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation

from cicopa.reversing import reverse


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_it_gives_what_django_gives_in_each_language(language):
    with translation.override(language):
        for name, kwargs in [
            ("members:organisation-list", {}),
            ("members:organisation-detail", {"slug": "ligacoop"}),
            ("news:newsitem-detail", {"year": 2017, "slug": "the-cicopa-network-is-growing"}),
        ]:
            assert reverse(name, **kwargs) == django_reverse(name, kwargs=kwargs)
    assert reverse("members:region", slug="europe") == "/members/regions/europe/"  # back in en


def test_it_follows_the_script_prefix():
    try:
        set_script_prefix("/cicopa/")
        assert reverse("members:organisation-list") == "/cicopa/members/"
    finally:
        set_script_prefix("/")
    assert reverse("members:organisation-list") == "/members/"


def view(request):
    pass  # never called: only its address is reversed


# The same name as the site's, at another address.
urlpatterns = [
    path(
        "elsewhere/",
        include(([path("<slug:slug>/", view, name="organisation-detail")], "members")),
    )
]


def test_a_new_urlconf_is_not_answered_from_memory():
    assert reverse("members:organisation-detail", slug="x") == "/members/x/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse("members:organisation-detail", slug="x") == "/elsewhere/x/"
    assert reverse("members:organisation-detail", slug="x") == "/members/x/"
