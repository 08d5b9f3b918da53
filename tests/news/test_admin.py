import datetime

import pytest
from django.utils import timezone

from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory, secretariat_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/news/newsitem/"


def test_the_secretariat_keeps_the_news():
    user = secretariat_user()
    for action in ("add", "change", "delete", "view"):
        assert user.has_perm(f"news.{action}_newsitem")


def test_changelist_columns_filter_hierarchy_and_search(staff_client):
    NewsItemFactory(title="Alpha", body="<p>cement cooperative</p>")
    NewsItemFactory(title="Beta", status="draft")
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for column in ("Title", "Status", "Publication date", "On the site"):
        assert column in html
    assert response.context["cl"].date_hierarchy == "published_at"
    assert "?published_at__year=" in html
    assert [spec.title for spec in response.context["cl"].filter_specs] == ["status"]
    found = staff_client.get(CHANGELIST, {"q": "cement"}).context["cl"].result_list
    assert [i.title for i in found] == ["Alpha"]


def test_a_new_item_starts_as_a_draft_dated_now(staff_client):
    form = staff_client.get(f"{CHANGELIST}add/").context["adminform"].form
    assert form["status"].value() == "draft"
    assert abs(form["published_at"].value() - timezone.now()) < datetime.timedelta(minutes=1)
    html = staff_client.get(f"{CHANGELIST}add/").content.decode()
    assert "data-prepopulated-fields" in html and "admin-autocomplete" in html


def test_organisations_are_picked_by_autocomplete(staff_client, country):
    OrganisationFactory(name="Liga de Cooperativas de Puerto Rico", country=country("PR"))
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "news",
            "model_name": "newsitem",
            "field_name": "organisations",
            "term": "liga",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == [
        "Liga de Cooperativas de Puerto Rico"
    ]


def test_publish_and_unpublish_actions(staff_client):
    drafts = NewsItemFactory.create_batch(2, status="draft")
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": [d.pk for d in drafts]})
    assert NewsItem.objects.published().count() == 2
    staff_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert list(NewsItem.objects.published()) == [drafts[1]]


def test_a_bad_form_keeps_what_was_typed(staff_client):
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "title_en": "Half written",
            "slug": "",
            "summary_en": "Kept summary",
            "body_en": "<p>Kept body</p>",
            "status": "draft",
            "published_at_0": "not a date",
            "published_at_1": "10:00",
        },
    )
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"slug", "published_at"}
    html = response.content.decode()
    assert 'value="Half written"' in html and "Kept summary" in html and "Kept body" in html
    assert not NewsItem.objects.exists()
