"""Two staff members editing one record at once (cicopa/editing.py): the second save is refused,
says who changed what, keeps what was typed, and may then replace the first knowingly."""

import pytest
from django import forms
from django.test import Client

from members.models import Organisation
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory, secretariat_user

pytestmark = pytest.mark.django_db


def staff(username):
    client = Client()
    client.force_login(secretariat_user(username=username))
    return client


def opened(client, path):
    """What the change form at `path` sends back unchanged, as a browser would post it: its
    fields, and its inline formsets' (the management form's counts, each row's fields)."""
    context = client.get(path).context
    data = form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for row in formset.forms:
            data.update(form_data(row))
    return data


def form_data(form):
    """A form's fields as posted, by their names with the form's prefix."""
    data = {}
    for name, field in form.fields.items():
        value, key = form[name].value(), form.add_prefix(name)
        if isinstance(field.widget, forms.MultiWidget):
            for n, part in enumerate(field.widget.decompress(value)):
                data[f"{key}_{n}"] = field.widget.widgets[n].format_value(part)
        elif isinstance(field, forms.FileField) or value is None or value is False:
            continue
        elif isinstance(value, list):
            data[key] = [str(v) for v in value]
        else:
            data[key] = value
    return data


def test_a_second_save_of_an_organisation_is_refused_and_keeps_what_was_typed(country):
    organisation = OrganisationFactory(
        name="Union of Workers' Cooperatives", country=country("BO"), website="https://old.example"
    )
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    ana, ben = staff("ana"), staff("ben")
    ana_form, ben_form = opened(ana, change), opened(ben, change)

    ana_form["description_en"] = "<p>Ana's new description.</p>"
    assert ana.post(change, ana_form).status_code == 302

    ben_form["website"] = "https://new.example"
    refused = ben.post(change, ben_form)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this record after you opened it" in html
    assert "ana: Changed Description" in html  # who, and what they changed
    assert "saved now: Ana&#x27;s new description." in html
    assert 'value="https://new.example"' in html  # what Ben typed is still there
    organisation.refresh_from_db()
    assert organisation.description_en == "<p>Ana's new description.</p>"
    assert organisation.website == "https://old.example"

    # Having seen Ana's change, Ben saves again: his form now replaces hers.
    again = refused.context["adminform"].form.data.copy()
    assert ben.post(change, again).status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://new.example"


def test_a_second_save_of_a_news_item_is_refused():
    item = NewsItemFactory(title="Assembly", body="<p>First.</p>")
    change = f"/admin/news/newsitem/{item.pk}/change/"
    ana, ben = staff("ana"), staff("ben")
    ana_form, ben_form = opened(ana, change), opened(ben, change)
    ana_form["body_en"] = "<p>Ana's body.</p>"
    assert ana.post(change, ana_form).status_code == 302
    ben_form["title_en"] = "Ben's title"
    refused = ben.post(change, ben_form)
    assert refused.status_code == 200
    assert "Someone else saved this record" in refused.content.decode()
    assert 'value="Ben&#x27;s title"' in refused.content.decode()
    item.refresh_from_db()
    assert (item.title_en, item.body_en) == ("Assembly", "<p>Ana's body.</p>")


def test_one_staff_member_saving_twice_in_turn_is_never_refused(country):
    organisation = OrganisationFactory(country=country("BO"))
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    ana = staff("ana")
    for acronym in ("ONE", "TWO"):
        data = opened(ana, change)
        data["acronym"] = acronym
        assert ana.post(change, data).status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).acronym == "TWO"
    assert NewsItem.objects.count() == 0
