"""Every public form alike, on a phone and a desktop (#34): at 390 px each visible field, select,
choice row and button is at least 44 px tall; at both widths its text is at least 16 px (below
that, iOS zooms the page) and each field has a label a person can see."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from cicopa import enrolment
from members.models import Organisation, Representative
from news import subscriptions
from news.models import NewsItem, Subscriber
from tests.factories import secretariat_user

from .test_journeys import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# What a page's controls measure: each visible input, select, textarea and button (a checkbox
# or radio button by its row, the label around it), with its text size and whether a person
# can see its label. A lone field whose form's button says what it is for counts as labelled
# by it (WCAG technique G167): the header's search box.
CONTROLS = """() => {
  const shown = el => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && !el.closest('[aria-hidden="true"]')
      && !el.classList.contains('visually-hidden') && getComputedStyle(el).visibility !== 'hidden';
  };
  const fields = form => [...form.elements].filter(
    el => el.tagName !== 'BUTTON' && el.type !== 'hidden' && shown(el));
  const labelled = el => {
    if (el.tagName === 'BUTTON') return el.textContent.trim().length > 0;
    if ([...el.labels].some(shown)) return true;
    const button = el.form && el.form.querySelector('button');
    return !!button && shown(button) && fields(el.form).length === 1;
  };
  return [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.type !== 'hidden' && shown(el))
    .map(el => {
      const choice = el.type === 'checkbox' || el.type === 'radio';
      const target = choice ? (el.closest('label') || el) : el;
      return {
        control: `${el.tagName.toLowerCase()} ${el.name || el.id || el.textContent.trim()}`,
        height: Math.round(target.getBoundingClientRect().height),
        font: parseFloat(getComputedStyle(target).fontSize),
        labelled: labelled(el),
      };
    });
}"""

PAGES = {
    "home": lambda: "/",
    "news": lambda: "/news/",
    "news item": lambda: NewsItem.objects.get().get_absolute_url(),
    "subscribe": lambda: "/news/subscribe/",
    "subscribe, French": lambda: "/fr/news/subscribe/",
    "subscriber's page": lambda: reverse(
        "news:subscription",
        args=[
            subscriptions.token(
                Subscriber.objects.create(
                    email="reader@example.org",
                    language="en",
                    status="confirmed",
                    consented_at=timezone.now(),
                    confirmed_at=timezone.now(),
                ),
                subscriptions.MANAGE_SALT,
            )
        ],
    ),
    "directory": lambda: "/members/",
    "correction": lambda: reverse("members:correction", args=[Organisation.objects.first().slug]),
    "search": lambda: "/search/?q=cooperative",
    "representatives' sign-in": lambda: "/members/my/login/",
    "representatives' forgotten password": lambda: "/members/my/password/",
    "enrolment": lambda: reverse(
        "enrol",
        args=[enrolment.link(secretariat_user(username="una")).rsplit("/enrol/", 1)[1][:-1]],
    ),
}


def assert_fits(page, url, name):
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        controls = page.evaluate(CONTROLS)
        assert controls, f"{name}: no form"
        small = [c for c in controls if width == 390 and c["height"] < 44]
        assert small == [], f"{name} at {width} px: under 44 px tall"
        assert [c for c in controls if c["font"] < 16] == [], f"{name} at {width} px: text"
        assert [c for c in controls if not c["labelled"]] == [], f"{name} at {width} px: label"


@pytest.mark.parametrize("name", PAGES)
def test_every_form_fits_a_thumb_and_says_what_each_field_is(
    page, live_server, initial_content, name
):
    assert_fits(page, f"{live_server.url}{PAGES[name]()}", name)
    if name == "subscribe":
        screenshot(page, "subscribe")


def test_a_representative_s_form_fits_a_thumb_too(page, live_server, initial_content):
    user = User.objects.create_user("ana@vca.example", "ana@vca.example", "a private passphrase")
    Representative.objects.create(
        user=user, organisation=Organisation.objects.first(), language="en"
    )
    page.goto(f"{live_server.url}/members/my/login/")
    page.get_by_label("Username").fill("ana@vca.example")
    page.get_by_label("Password").fill("a private passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/members/my/")
    assert_fits(page, f"{live_server.url}/members/my/", "my organisation")
