"""About CICOPA, Contact and Become a member: shipped in English with only what the site's
first article and its footer state, edited by the secretariat in the news' editor and
sanitiser, in three languages with English where a translation is missing."""

import re

import pytest
from django.core.management import call_command

from pages.models import Page
from tests.browser.test_accessibility import PAGES as PAGE_TYPES
from tests.pages import start_afresh
from tests.test_editing import opened

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "about": "/about/",
    "contact": "/contact/",
    "join": "/become-a-member/",
    "privacy": "/privacy/",
}


@pytest.mark.parametrize("kind", ADDRESSES)
@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_each_page_is_shipped_and_linked_from_every_page(client, kind, prefix):
    response = client.get(prefix + ADDRESSES[kind])
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["page"].kind == kind
    assert "Cache-Control" in response and response["Cache-Control"].startswith("public")
    home = client.get(f"{prefix}/").content.decode()
    assert f'href="{prefix}{ADDRESSES[kind]}"' in home  # the footer
    if prefix:
        assert 'lang="en"' in html  # shipped in English only: shown, and said so
        assert 'class="notice"' in html


def test_contact_gives_the_secretariat_s_address_and_the_email_setting(client, settings):
    html = client.get("/contact/").content.decode()
    for fact in (
        "avenue Milcamps 105",
        "1030 Brussels, Belgium",
        "+32 2 543 1033",
        "+32 2 543 1037",
    ):
        assert fact in html
    assert "mailto:" not in html  # no address is made up
    settings.CONTACT_EMAIL = "secretariat@example.org"  # a deploy's setting: pages afresh
    start_afresh()
    html = client.get("/contact/").content.decode()
    assert html.count('href="mailto:secretariat@example.org"') == 2  # the page and the footer


def test_the_shipped_text_states_only_the_article_s_figures(client):
    about = Page.objects.get(kind="about")
    assert "46 organisations in 30 countries" in about.body_en
    assert set(re.findall(r"\d+", about.body_en)) <= {"46", "30", "2017", "2016"}


def test_the_secretariat_edits_and_translates_a_page_through_the_news_sanitiser(staff_client):
    page = Page.objects.get(kind="join")
    change = f"/admin/pages/page/{page.pk}/change/"
    data = opened(staff_client, change)
    data["title_fr"] = "Devenir membre"
    data["body_fr"] = '<p>Écrivez-nous.</p><script>alert(1)</script><p onclick="x()">Bien.</p>'
    response = staff_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    html = staff_client.get("/fr/become-a-member/").content.decode()
    assert "Devenir membre" in html and "Écrivez-nous." in html
    assert "<script>alert" not in html and "onclick" not in html
    assert staff_client.get("/admin/pages/page/add/").status_code == 403
    assert staff_client.post(f"/admin/pages/page/{page.pk}/delete/").status_code == 403


def test_an_edit_reaches_the_kept_page(client):
    assert "Our story" not in client.get("/about/").content.decode()
    page = Page.objects.get(kind="about")
    page.body_en = "<p>Our story.</p>"
    page.save()
    assert "Our story" in client.get("/about/").content.decode()


@pytest.mark.parametrize(
    "path", ["/news/subscribe/", "/", "/members/my/login/", "/fr/news/subscribe/"]
)
def test_the_privacy_notice_is_beside_every_form_that_takes_personal_data(client, path):
    """#31: the subscription forms, the representatives' sign-in (and the correction form,
    below), each with the link after its submit button."""
    html = client.get(path).content.decode()
    prefix = "/fr" if path.startswith("/fr/") else ""
    form = html.split('type="submit"')[-1].split("</form>")[0]
    if path == "/":
        form = html.split('class="subscribe-box"')[1].split("</form>")[0]
    assert f'<a href="{prefix}/privacy/">' in form


def test_the_correction_form_links_the_privacy_notice(client, organisation):
    html = client.get(f"{organisation.get_absolute_url()}correction/").content.decode()
    form = html.split('class="correction-form"')[1].split("</form>")[0]
    assert '<a href="/privacy/">' in form


def test_the_privacy_notice_says_what_is_kept_and_that_reading_sets_no_cookie(client):
    html = client.get("/privacy/").content.decode()
    facts = ("sets no cookie", "which version of this notice", "unsubscribe", "correction")
    for fact in (*facts, "one-way hash", "in one step", "<td>7 days</td>"):
        assert fact in html
    assert not client.get("/privacy/").cookies  # and it sets none itself


def test_reading_the_site_sets_no_cookie_and_a_form_only_its_own(client):
    """What the privacy notice says, over every public page type (those axe reads): no cookie,
    but the csrftoken of a page whose form posts."""
    call_command("load_initial_content", verbosity=0)
    posting = {"/members/vietnam-cooperative-alliance/correction/", "/news/subscribe/"}
    posting |= {"/es/news/subscribe/?email=not-an-address", "/members/my/login/"}
    posting |= {"/es/members/my/login/", "/fr/members/my/password/"}
    for path in PAGE_TYPES:
        cookies = set(client.get(path).cookies)
        assert cookies == ({"csrftoken"} if path in posting else set()), path
        client.cookies.clear()
