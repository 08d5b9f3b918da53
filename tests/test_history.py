"""History and restore in the admin (cicopa/history.py, django-reversion): what each save
changed, any version restored, a deleted record recovered; the public pages follow."""

import re

import pytest
from reversion.models import Version

from members.models import Organisation
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory
from tests.test_editing import opened, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(country):
    """An organisation saved three times in the admin: created, then two edits."""
    organisation = OrganisationFactory(
        name="Liga de Cooperativas", slug="liga", country=country("PR"), website=""
    )
    ana = staff("ana")
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    for description, website in [
        ("<p>The first description.</p>", "https://old.example"),
        ("<p>A description typed by mistake.</p>", "https://new.example"),
    ]:
        data = opened(ana, change)
        data.update(description_en=description, website=website)
        assert ana.post(change, data).status_code == 302
    return ana, organisation


def test_the_history_says_who_changed_what(edited):
    ana, organisation = edited
    html = ana.get(f"/admin/members/organisation/{organisation.pk}/history/").content.decode()
    assert html.count("<tr>") >= 3  # the header and two saves
    assert "<del>https://old.example</del> → <ins>https://new.example</ins>" in html
    assert "The first description." in html and "A description typed by mistake." in html
    assert ">ana<" in html


def test_an_earlier_version_is_restored_and_the_public_page_follows(client, edited):
    ana, organisation = edited
    assert "typed by mistake" in client.get("/members/liga/").content.decode()  # kept
    first = Version.objects.get_for_object(organisation).order_by("pk")[0]
    revision = f"/admin/members/organisation/{organisation.pk}/history/{first.pk}/"
    form = opened(ana, revision)
    assert form["website"] == "https://old.example"
    assert ana.post(revision, form).status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://old.example"
    assert "typed by mistake" not in client.get("/members/liga/").content.decode()
    assert "The first description." in client.get("/members/liga/").content.decode()


def test_a_deleted_organisation_is_recovered(client, edited):
    ana, organisation = edited
    delete = f"/admin/members/organisation/{organisation.pk}/delete/"
    assert ana.post(delete, {"post": "yes"}).status_code == 302
    assert client.get("/members/liga/").status_code == 404
    listing = ana.get("/admin/members/organisation/").content.decode()
    assert "/admin/members/organisation/recover/" in listing
    recover_list = ana.get("/admin/members/organisation/recover/").content.decode()
    path = re.search(r'href="(/admin/members/organisation/recover/\d+/)"', recover_list).group(1)
    assert ana.post(path, opened(ana, path)).status_code == 302
    assert Organisation.objects.filter(slug="liga").exists()
    assert "typed by mistake" in client.get("/members/liga/").content.decode()


def test_a_news_item_is_restored_and_a_deleted_one_recovered(client):
    item = NewsItemFactory(title="Assembly", slug="assembly", body="<p>First text.</p>")
    ana = staff("ana")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    for body in ("<p>First text.</p>", "<p>Wrong text.</p>"):
        data = opened(ana, change)
        data["body_en"] = body
        assert ana.post(change, data).status_code == 302
    first = Version.objects.get_for_object(item).order_by("pk")[0]
    revision = f"/admin/news/newsitem/{item.pk}/history/{first.pk}/"
    assert ana.post(revision, opened(ana, revision)).status_code == 302
    assert NewsItem.objects.get(pk=item.pk).body_en == "<p>First text.</p>"
    assert "First text." in client.get(item.get_absolute_url()).content.decode()

    assert ana.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"}).status_code == 302
    recover_list = ana.get("/admin/news/newsitem/recover/").content.decode()
    path = re.search(r'href="(/admin/news/newsitem/recover/\d+/)"', recover_list).group(1)
    assert ana.post(path, opened(ana, path)).status_code == 302
    assert client.get(item.get_absolute_url()).status_code == 200
