import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.urls import set_script_prefix
from django.utils import translation


class Counter:
    def __init__(self):
        self.calls = 0

    def __str__(self):
        self.calls += 1
        return f"rendered {self.calls}"


UNCHANGING = Template(
    "{% load i18n layout %}{% unchanging part %}{% translate 'News' %} "
    "{% url 'news:newsitem-list' %} {{ counter }}{% endunchanging %}"
)


def render(counter, part="a"):
    return UNCHANGING.render(Context({"counter": counter, "part": part}))


def test_it_renders_once_per_language_and_value():
    counter = Counter()
    assert render(counter) == render(counter) == "News /news/ rendered 1"
    with translation.override("fr"):
        assert render(counter) == render(counter) == "Actualités /fr/news/ rendered 2"
    assert render(counter, part="b") == "News /news/ rendered 3"
    assert render(counter) == "News /news/ rendered 1"
    assert counter.calls == 3


def test_it_follows_the_script_prefix():
    counter = Counter()
    try:
        set_script_prefix("/cicopa/")
        assert render(counter, part="prefix") == "News /cicopa/news/ rendered 1"
    finally:
        set_script_prefix("/")
    assert render(counter, part="prefix") == "News /news/ rendered 2"


def test_a_changed_setting_renders_afresh():
    counter = Counter()
    render(counter, part="setting")
    with override_settings(LANGUAGE_CODE="en"):
        assert render(counter, part="setting") == "News /news/ rendered 2"


def test_it_refuses_a_block_a_page_could_override():
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template("{% load layout %}{% unchanging %}{% block x %}{% endblock %}{% endunchanging %}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "current"), [("/members/", "Members"), ("/news/", "News"), ("/", None)]
)
def test_the_main_navigation_marks_the_section_of_each_page(client, url, current):
    client.get("/news/")  # another section's header is rendered (and kept) first
    html = client.get(url).content.decode()
    marked = re.findall(r'aria-current="page">([^<]+)</a>', html)
    assert marked == ([current] if current else [])
