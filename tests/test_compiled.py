"""Reads compiled once per process: the same rows as the ORM's, in the visitor's language."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import JSONField, Value
from django.test import override_settings
from django.utils import translation

from cicopa.compiled import compiled
from cicopa.translation import in_visitors_language, to_attribute
from members.models import Country, Region
from members.network import members_by_country, regions
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@compiled
def country_names():
    return (
        Country.objects.filter(code__in=["BE", "DE"])
        .values_list("code", to_attribute("name"))
        .order_by("code")
    )


def test_it_gives_the_querysets_rows_in_each_language_asked():
    # French first, then English, then French again: each from the SQL of its own language.
    for language, names in [
        ("fr", [("BE", "Belgique"), ("DE", "Allemagne")]),
        ("en", [("BE", "Belgium"), ("DE", "Germany")]),
        ("fr", [("BE", "Belgique"), ("DE", "Allemagne")]),
    ]:
        with translation.override(language):
            assert country_names() == names
            assert country_names() == list(country_names.__wrapped__())


def test_it_reads_the_rows_as_they_are_now(country):
    assert [name for _, _, name, *_ in members_by_country()] == []
    OrganisationFactory(country=country("BE"))
    assert [(code, members) for _, code, _, _, members in members_by_country()] == [("BE", 1)]
    Region.objects.filter(slug="europe").update(name_fr="L'Europe")
    with translation.override("fr"):
        assert "L'Europe" in [region.name for region in regions()]
    assert [region.pk for region in regions()] == list(Region.objects.values_list("pk", flat=True))


def test_it_refuses_a_column_the_orm_would_convert():
    @compiled
    def with_json():
        return Region.objects.annotate(data=Value({}, output_field=JSONField())).values_list("data")

    with pytest.raises(ImproperlyConfigured, match="with_json"):
        with_json()


@compiled
def belgium_with_fallback():
    return Country.objects.filter(code="BE").values_list(*in_visitors_language("name"))


def test_a_changed_setting_compiles_afresh():
    # The fallback column follows LANGUAGE_CODE: the same language, another SQL.
    with translation.override("es"):
        assert belgium_with_fallback() == [("Bélgica", "Belgium")]
    # (A changed LANGUAGE_CODE resets the active language: Spanish is asked for again inside.)
    with override_settings(LANGUAGE_CODE="fr"), translation.override("es"):
        assert belgium_with_fallback() == [("Bélgica", "Belgique")]
