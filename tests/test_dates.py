import datetime

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from cicopa.templatetags.dates import long_date_in

DAYS = [datetime.date(2017, 1, 13), datetime.date(2026, 12, 31), datetime.date(2024, 2, 29)]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_it_writes_what_djangos_date_filter_writes(language):
    ours = Template("{% load dates %}{{ day|long_date }}")
    django = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override(language):
        for day in DAYS:
            context = Context({"day": day})
            assert ours.render(context) == django.render(context)
    with translation.override("fr"):
        assert ours.render(Context({"day": DAYS[0]})) == "13 janvier 2017"


def test_it_remembers_each_day_in_each_language_until_a_setting_changes():
    long_date_in.cache_clear()
    day = Template("{% load dates %}{{ day|long_date }}")
    for language in ["en", "fr", "en", "fr"]:
        with translation.override(language):
            day.render(Context({"day": DAYS[0]}))
    assert long_date_in.cache_info().hits == 2
    with override_settings(DATE_FORMAT="Y-m-d"):
        assert long_date_in.cache_info().currsize == 0
