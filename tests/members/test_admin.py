import io
import os

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Organisation
from tests.factories import OrganisationFactory, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

ADD = "/admin/members/organisation/add/"
CHANGELIST = "/admin/members/organisation/"


def test_the_secretariat_group_keeps_the_records_but_not_the_accounts():
    user = secretariat_user()
    for model in ("organisation", "country", "region"):
        for action in ("add", "change", "delete", "view"):
            assert user.has_perm(f"members.{action}_{model}")
    for model in ("user", "group"):
        for action in ("add", "change", "delete", "view"):
            assert not user.has_perm(f"auth.{action}_{model}")
    assert not Permission.objects.filter(group__name="Secretariat", content_type__app_label="auth")


def test_secretariat_staff_cannot_open_user_management(staff_client):
    assert staff_client.get("/admin/auth/user/").status_code == 403
    assert staff_client.get("/admin/auth/group/").status_code == 403


def test_a_staff_member_outside_the_group_cannot_edit_members(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(CHANGELIST).status_code == 403
    assert Group.objects.filter(name="Secretariat").exists()


def test_changelist_columns_filters_and_search(staff_client, organisation, country):
    OrganisationFactory(name="Other Union", country=country("KE"))
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for column in ("Name", "Acronym", "Country", "Region", "Membership category", "Status"):
        assert column in html
    filter_titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert filter_titles == ["region", "country", "membership category", "status"]
    # Country filter offers only the countries in use.
    country_choices = [
        c["display"] for c in response.context["cl"].filter_specs[1].choices(response.context["cl"])
    ]
    assert country_choices == ["All", "Argentina", "Kenya"]

    found = staff_client.get(CHANGELIST, {"q": "Kenya"}).context["cl"].result_list
    assert [o.name for o in found] == ["Other Union"]
    found = staff_client.get(CHANGELIST, {"q": "CTE"}).context["cl"].result_list
    assert [o.name for o in found] == [organisation.name]
    africa = country("KE").region
    found = staff_client.get(CHANGELIST, {"country__region__id__exact": africa.pk})
    assert [o.name for o in found.context["cl"].result_list] == ["Other Union"]


def test_add_form_explains_the_slug_and_picks_the_country_by_autocomplete(staff_client):
    response = staff_client.get(ADD)
    assert response.status_code == 200
    html = response.content.decode()
    # The slug is made on saving (a name in another script asks for one): no script fills it.
    assert "Left empty, it is made from the name" in html
    assert "admin-autocomplete" in html

    autocomplete = staff_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "members",
            "model_name": "organisation",
            "field_name": "country",
            "term": "boliv",
        },
    )
    assert autocomplete.status_code == 200
    assert [r["text"] for r in autocomplete.json()["results"]] == ["Bolivia"]


def test_adding_with_only_the_required_fields_publishes_at_once(staff_client, client, country):
    response = staff_client.post(
        ADD,
        {
            "name": "New Cooperative Union",
            "slug": "new-cooperative-union",
            "country": country("CL").pk,
            "status": "current",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(slug="new-cooperative-union")
    assert "New Cooperative Union" in client.get("/members/").content.decode()

    change = staff_client.get(f"{CHANGELIST}{organisation.pk}/change/").content.decode()
    assert "/admin/r/" in change  # "view on site"


def test_a_bad_form_keeps_what_was_typed(staff_client, country):
    response = staff_client.post(
        ADD,
        {
            "name": "Half Typed Federation",
            "acronym": "HTF",
            "slug": "half-typed",
            "country": country("CL").pk,
            "status": "former",
            "member_since": "1900",
            "description_en": "Written with care.",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(form.errors) == {"member_since", "left_in"}
    html = response.content.decode()
    assert 'value="Half Typed Federation"' in html and "Written with care." in html
    assert not Organisation.objects.exists()


def test_countries_and_regions_are_editable(staff_client, country):
    assert staff_client.get("/admin/members/country/").status_code == 200
    assert staff_client.get(f"/admin/members/country/{country('BO').pk}/change/").status_code == 200
    assert staff_client.get("/admin/members/region/").status_code == 200


@pytest.mark.parametrize("name", ["Liga\rDe", "Liga\nDe", "Liga\tDe", "Liga\x85De", "Liga\u2028De"])
def test_names_are_one_line(staff_client, country, name):
    response = staff_client.post(
        ADD, {"name": name, "slug": "liga", "country": country("PR").pk, "status": "current"}
    )
    assert response.status_code == 200
    assert "One line of text only" in response.content.decode()
    assert not Organisation.objects.exists()


def png(size, mode="1"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    "logo, error",
    [
        (lambda: png((12_000, 12_000)), "16 million pixels at most"),  # a few kilobytes
        (lambda: png((1_000, 1_000), "RGB"), None),
        (
            lambda: SimpleUploadedFile("logo.png", png((10, 10)).read() + os.urandom(3 * 2**20)),
            "2 MB at most",
        ),
    ],
)
def test_logos_are_limited_in_pixels_and_bytes(
    staff_client, country, settings, tmp_path, logo, error
):
    settings.MEDIA_ROOT = tmp_path
    data = {"name": "Liga", "slug": "liga", "country": country("PR").pk, "status": "current"}
    response = staff_client.post(ADD, {**data, "logo": logo()})
    if error:
        assert response.status_code == 200
        assert error in response.content.decode()
        assert not Organisation.objects.exists()
    else:
        assert response.status_code == 302
        assert Organisation.objects.get().logo.width == 1_000


def test_the_french_and_spanish_descriptions_are_folded(staff_client, organisation):
    html = staff_client.get(f"{CHANGELIST}{organisation.pk}/change/").content.decode()
    fieldsets = html.split("<fieldset")[1:]
    for code in ("fr", "es"):
        (holding,) = [f for f in fieldsets if f'name="description_{code}"' in f]
        assert "collapse" in holding.split(">")[0], code
    (english,) = [f for f in fieldsets if 'name="description_en"' in f]
    assert "collapse" not in english.split(">")[0]


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Federación de Cooperativas del Uruguay", "federacion-de-cooperativas-del-uruguay"),
        ("Coopérative Ñandú", "cooperative-nandu"),
    ],
)
def test_a_slug_left_empty_is_made_from_a_name_in_latin_letters(staff_client, country, name, slug):
    data = {"name": name, "slug": "", "country": country("UY").pk, "status": "current"}
    assert staff_client.post(ADD, data).status_code == 302
    assert Organisation.objects.get().slug == slug


@pytest.mark.parametrize("name", ["الاتحاد التعاوني", "Союз кооперативов", "全国工业合作社联合会"])
def test_a_name_in_another_script_asks_for_its_slug(staff_client, country, name):
    data = {"name": name, "slug": "", "country": country("EG").pk, "status": "current"}
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "not written in Latin letters: write the address yourself" in html
    assert name in html  # what was typed is kept
    assert not Organisation.objects.exists()
    data["slug"] = "al-ittihad-al-taawuni"
    assert staff_client.post(ADD, data).status_code == 302
    assert Organisation.objects.get().name == name
