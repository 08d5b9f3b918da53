"""The news by email, as a subscriber meets it: mail received by a real SMTP server, parsed,
and its links followed."""

import datetime
import importlib
import re
import time
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from members.models import Region
from news import digests, subscriptions
from news.models import Digest, DigestSchedule, Event, Subscriber
from pages.models import Page
from tests.factories import NewsItemFactory, OrganisationFactory

# Mail leaves once the request's transaction commits, as in production.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.both_databases,  # one address sent twice at once: the databases' locking
]

ADDRESS = "reader@example.org"


def now_minus(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def recent_item(**kwargs):
    return NewsItemFactory(published_at=now_minus(hours=1), **kwargs)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link(message, pattern):
    """The first absolute link in a mail's text matching `pattern`, as a path for the client."""
    url = re.search(rf"http://testserver(/\S*{pattern}\S*/)", text_of(message))
    assert url, text_of(message)
    return url.group(1)


def subscribe(client, email=ADDRESS, language="en", regions=(), **extra):
    data = {"email": email, "language": language, "regions": [r.pk for r in regions], **extra}
    return client.post("/news/subscribe/", data)


def subscribed(client, mailbox, email=ADDRESS, **kwargs):
    """Subscribe and confirm from the received mail; the mailbox is emptied."""
    subscribe(client, email, **kwargs)
    (confirmation,) = mailbox.to(email)
    client.post(link(confirmation, "confirm"))
    mailbox.clear()
    return Subscriber.objects.get(email=email)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_subscribe_confirm_receive_a_digest_unsubscribe_in_one_click_then_nothing(client, mailbox):
    response = subscribe(client)
    assert response.status_code == 302 and response["Location"] == "/news/subscribe/sent/"
    (confirmation,) = mailbox.received
    assert confirmation["To"] == ADDRESS
    assert "Confirm" in confirmation["Subject"]
    assert "List-Unsubscribe" not in confirmation  # not a subscriber yet
    confirm = link(confirmation, "confirm")
    assert confirm in html_of(confirmation)

    page = client.get(confirm)  # a scanner following the link confirms nothing
    assert page.status_code == 200 and b"Confirm my subscription" in page.content
    assert Subscriber.objects.get().status == "pending"
    client.post(confirm)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at
    assert subscriber.language == "en" and subscriber.consented_at <= subscriber.confirmed_at

    item = recent_item(title="Worker cooperatives meet in Brussels")
    digests.send_digests()
    (digest,) = mailbox.received[1:]
    assert "Worker cooperatives meet in Brussels" in text_of(digest)
    assert f"http://testserver{item.get_absolute_url()}" in text_of(digest)
    assert f'href="http://testserver{item.get_absolute_url()}"' in html_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = digest["List-Unsubscribe"].strip()  # folded: too long for one line
    one_click = re.fullmatch(r"<http://testserver(/\S+/)>", header).group(1)
    visible = link(digest, "subscription")
    assert visible in html_of(digest)
    assert b"Unsubscribe" in client.get(visible).content

    # Followed as a link, it only leads to the subscriber's page.
    assert client.get(one_click)["Location"] == visible.split("testserver")[-1]
    assert Subscriber.objects.get().status == "confirmed"
    # As a mail client does it (RFC 8058): a POST with no cookie, no token, no question.
    response = Client(enforce_csrf_checks=True).post(
        one_click, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"

    recent_item(title="More news")
    digests.send_digests(now_regardless_of_schedule=True)
    assert len(mailbox.received) == 2


def test_the_visitor_is_told_the_same_whether_or_not_the_address_is_subscribed(client, mailbox):
    first = subscribe(client)
    client.post(link(mailbox.received[0], "confirm"))
    again = subscribe(client, email=ADDRESS.upper())
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"])
    assert Subscriber.objects.count() == 1
    # The address itself hears of it, with the way to its choices, and nothing changes.
    already = mailbox.received[1]
    assert "already" in already["Subject"]
    assert "subscription" in link(already, "subscription")
    assert Subscriber.objects.get().status == "confirmed"


def test_an_unconfirmed_address_receives_nothing_but_the_confirmation(client, mailbox):
    subscribe(client)
    subscribed(client, mailbox, email="confirmed@example.org")
    recent_item()
    digests.send_digests()
    assert [m["To"] for m in mailbox.received] == ["confirmed@example.org"]


def test_confirming_twice_changes_nothing(client, mailbox):
    subscribe(client)
    confirm = link(mailbox.received[0], "confirm")
    client.post(confirm)
    confirmed_at = Subscriber.objects.get().confirmed_at
    response = client.post(confirm)
    assert response.status_code == 200 and b"already confirmed" in response.content
    assert Subscriber.objects.get().confirmed_at == confirmed_at


def test_an_expired_or_altered_link_is_refused_and_says_what_to_do(client, mailbox):
    week_ago = time.time() - 8 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=week_ago):
        subscribe(client)
    confirm = link(mailbox.received[0], "confirm")
    response = client.post(confirm)
    assert response.status_code == 410 and b"expired" in response.content
    assert Subscriber.objects.get().status == "pending"

    token = confirm.rstrip("/").rsplit("/", 1)[1]
    for altered in (token[:-1] + ("A" if token[-1] != "A" else "B"), "nothing", "a:b:c"):
        assert client.get(f"/news/subscription/confirm/{altered}/").status_code == 400
        assert client.get(f"/news/subscription/{altered}/").status_code == 400
        assert client.post(f"/news/subscription/{altered}/unsubscribe/").status_code == 400
    # A confirmation link cannot open a subscriber's page, nor the other way round.
    assert client.get(f"/news/subscription/{token}/").status_code == 400


def test_a_link_stops_working_once_the_subscription_is_made_again(client, mailbox):
    subscribe(client)
    old = link(mailbox.received[0], "confirm")
    subscribe(client, language="fr")
    assert client.post(old).status_code == 400
    client.post(link(mailbox.received[1], "confirm"))
    assert Subscriber.objects.get().language == "fr"


def test_digests_bring_each_subscriber_their_regions_news_in_their_language(
    client, mailbox, country
):
    africa = Region.objects.get(slug="africa")
    kenyan = OrganisationFactory(name="Kenyan Federation", country=country("KE"))
    argentinian = OrganisationFactory(name="Argentinian Federation", country=country("AR"))
    about_africa = recent_item(title="Africa meets", title_fr="L'Afrique se réunit")
    about_africa.organisations.add(kenyan)
    about_americas = recent_item(title="The Americas meet")
    about_americas.organisations.add(argentinian)
    recent_item(title="The whole network meets")  # about no member in particular
    NewsItemFactory(title="From an old archive", published_at=now_minus(days=400))
    NewsItemFactory(title="A draft", status="draft", published_at=now_minus(hours=1))

    subscribed(client, mailbox, email="africa@example.org", language="fr", regions=[africa])
    subscribed(client, mailbox, email="all@example.org", language="es")
    digests.send_digests()

    (french,) = mailbox.to("africa@example.org")
    text = text_of(french)
    assert "L'Afrique se réunit" in text and "/fr/news/" in text
    assert "The whole network meets (en anglais)" in text  # no French: said so
    assert "The Americas meet" not in text
    assert 'lang="en"' in html_of(french) and "Actualités de CICOPA" in french["Subject"]
    (spanish,) = mailbox.to("all@example.org")
    for title in ("Africa meets", "The Americas meet", "The whole network meets"):
        assert title in text_of(spanish)
    for message in (french, spanish):
        assert "From an old archive" not in text_of(message)
        assert "A draft" not in text_of(message)


def test_a_digest_ends_with_the_events_coming_up_in_the_subscriber_s_regions(
    client, mailbox, country
):
    """#32: under the news, the next events: those in the regions chosen and those for no
    region in particular (online), in the subscriber's language; none that is over."""
    africa = Region.objects.get(slug="africa")

    def event(title, days, **fields):
        return Event.objects.create(
            title_en=title,
            slug=title.lower().replace(" ", "-"),
            summary_en="A meeting.",
            start_date=timezone.localdate() + datetime.timedelta(days=days),
            status="published",
            **fields,
        )

    event("Nairobi forum", 20, city="Nairobi", country=country("KE"))
    event("Lima forum", 10, city="Lima", country=country("PE"))
    event("Global webinar", 30, online_url="https://meet.example.org/w")
    event("Last year's forum", -300, city="Nairobi", country=country("KE"))
    recent_item(title="The whole network meets")
    subscribed(client, mailbox, email="africa@example.org", language="fr", regions=[africa])
    subscribed(client, mailbox, email="all@example.org")
    digests.send_digests()

    (french,) = mailbox.to("africa@example.org")
    text = text_of(french)
    assert text.index("The whole network meets") < text.index("À venir")
    assert text.index("Nairobi forum") < text.index("Global webinar")  # soonest first
    assert "Lima forum" not in text and "Last year's forum" not in text
    assert "Nairobi, Kenya" in text and "/fr/events/" in text
    assert "Nairobi forum" in html_of(french)
    everyone = text_of(mailbox.to("all@example.org")[0])
    assert everyone.index("Lima forum") < everyone.index("Nairobi forum")


def test_a_crash_between_two_subscribers_then_a_rerun_sends_each_once(client, mailbox):
    for n in range(3):
        subscribed(client, mailbox, email=f"reader{n}@example.org")
    recent_item(title="News for everyone")
    mailbox.fail_after = 1  # the mail server goes down after the first digest
    with pytest.raises(Exception, match="421"):
        digests.send_digests()
    assert [m["To"] for m in mailbox.received] == ["reader0@example.org"]

    mailbox.fail_after = None
    digests.send_digests()
    received = sorted(m["To"] for m in mailbox.received)
    assert received == [f"reader{n}@example.org" for n in range(3)]
    assert Digest.objects.get().mails == 3 and Digest.objects.get().finished_at
    digests.send_digests(now_regardless_of_schedule=True)  # nothing new: nothing goes out
    assert len(mailbox.received) == 3


def test_a_refused_address_is_passed_over_and_the_rest_get_theirs(client, mailbox):
    for n in range(3):
        subscribed(client, mailbox, email=f"reader{n}@example.org")
    mailbox.refuse = {"reader1@example.org"}
    recent_item()
    digests.send_digests()
    received = sorted(m["To"] for m in mailbox.received)
    assert received == ["reader0@example.org", "reader2@example.org"]


def test_digests_keep_the_secretariats_schedule(client, mailbox):
    subscribed(client, mailbox)
    assert digests.send_digests() is None  # nothing new: nothing goes out
    recent_item(title="First")
    digests.send_digests()
    recent_item(title="Second")
    digests.send_digests()  # weekly: not yet
    assert [m["Subject"] for m in mailbox.received] and len(mailbox.received) == 1
    Digest.objects.update(created_at=now_minus(days=7))
    digests.send_digests()
    assert len(mailbox.received) == 2 and "Second" in text_of(mailbox.received[1])
    assert "First" not in text_of(mailbox.received[1])

    DigestSchedule.objects.update(every=DigestSchedule.Every.DAY)
    recent_item(title="Third")
    Digest.objects.update(created_at=now_minus(days=1))
    call_command("send_digests")
    assert len(mailbox.received) == 3


def test_a_draft_published_late_still_goes_out_once(client, mailbox):
    subscribed(client, mailbox)
    draft = NewsItemFactory(title="Late", status="draft", published_at=now_minus(days=3))
    recent_item(title="On time")
    digests.send_digests()
    draft.status = "published"
    draft.save()
    Digest.objects.update(created_at=now_minus(days=7))
    digests.send_digests()
    assert ["Late" in text_of(m) for m in mailbox.received] == [False, True]


def test_a_subscriber_changes_language_and_regions_from_the_link_in_every_mail(client, mailbox):
    subscriber = subscribed(client, mailbox)
    recent_item()
    digests.send_digests()
    page = link(mailbox.received[0], "subscription")
    europe = Region.objects.get(slug="europe")
    response = client.post(page, {"language": "es", "regions": [europe.pk]}, follow=True)
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language == "es" and list(subscriber.regions.all()) == [europe]
    assert client.post(page, {"language": "xx"}).status_code == 400


def test_refused_requests_keep_what_was_typed(client, mailbox):
    response = subscribe(client, email="not an address", language="fr")
    assert response.status_code == 400
    assert b'value="not an address"' in response.content
    assert subscribe(client, email=f"{'a' * 250}@example.org").status_code == 400
    assert not mailbox.received and not Subscriber.objects.exists()


def test_a_bot_is_thanked_and_nothing_is_sent(client, mailbox):
    response = subscribe(client, homepage="http://spam.example")
    assert response.status_code == 302
    assert not mailbox.received and not Subscriber.objects.exists()


def test_one_client_and_one_address_are_limited_and_what_was_typed_is_kept(client, mailbox):
    for _ in range(3):
        assert subscribe(client).status_code == 302
    response = subscribe(client)
    assert response.status_code == 429 and response["Retry-After"]
    assert ADDRESS.encode() in response.content
    assert len(mailbox.received) == 3
    for n in range(6):
        subscribe(client, email=f"other{n}@example.org")
    response = subscribe(client, email="eleventh@example.org")
    assert response.status_code == 429
    assert len(mailbox.received) == 9
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert subscribe(other, email="someone@example.org").status_code == 302


def test_the_short_form_carries_the_address_and_leaves_the_pages_public(client):
    home = client.get("/")
    assert b'action="/news/subscribe/"' in home.content and b'method="get"' in home.content
    assert home["Cache-Control"].startswith("public") and not home.cookies
    for path in ("/news/", "/fr/news/"):
        assert b"/news/subscribe/" in client.get(path).content
    page = client.get("/fr/news/subscribe/", {"email": ADDRESS})
    assert f'value="{ADDRESS}"'.encode() in page.content
    assert page.context["form"]["language"].value() == "fr"
    assert "no-store" in page["Cache-Control"]


def test_consent_is_on_record_and_shown_on_the_subscriber_s_own_page(client, mailbox):
    """#31: when they asked, which privacy notice they were shown, when and how they
    confirmed; a later change to the notice is a new version for later subscribers only."""
    notice = Page.objects.get(kind="privacy")
    subscriber = subscribed(client, mailbox)
    assert subscriber.notice_version == notice.updated_at
    assert subscriber.confirmed_by == Subscriber.ConfirmedBy.MAILED_LINK
    value = subscriptions.token(subscriber, subscriptions.MANAGE_SALT)
    html = client.get(f"/news/subscription/{value}/").content.decode()
    consent = html.split("Your consent, as we keep it")[1]
    for moment in (subscriber.consented_at, subscriber.notice_version, subscriber.confirmed_at):
        assert date_format(timezone.localtime(moment), "DATETIME_FORMAT") in consent
    assert "with the button behind the link mailed to the address" in consent
    assert '<a href="/privacy/">' in consent

    notice.body_en += "<p>One more paragraph.</p>"
    notice.save()
    later = subscribed(client, mailbox, email="later@example.org")
    assert later.notice_version == notice.updated_at > subscriber.notice_version
    subscriber.refresh_from_db()
    assert subscriber.notice_version < notice.updated_at  # each keeps the one it was shown


def test_a_link_to_a_deleted_subscriber_is_refused(client, mailbox):
    subscriber = subscribed(client, mailbox)
    value = subscriptions.token(subscriber, subscriptions.MANAGE_SALT)
    subscriber.delete()
    assert client.get(f"/news/subscription/{value}/").status_code == 400
    with pytest.raises(signing.BadSignature):
        subscriptions.subscriber_from(value, subscriptions.MANAGE_SALT)


def test_the_same_address_sent_twice_at_once_is_one_subscription(client, mailbox):
    """The second request's lookup finds nothing; its insert then meets the first's row."""
    from news.models import SubscriberQuerySet

    real = SubscriberQuerySet.with_address
    first = []

    def too_late(queryset, email):
        if not first:  # the other request commits its row just after this one looked
            first.append(
                Subscriber.objects.create(email=email, language="en", consented_at=timezone.now())
            )
            return real(queryset, email).none()
        return real(queryset, email)

    with mock.patch.object(SubscriberQuerySet, "with_address", too_late):
        response = subscribe(client, language="fr")
    assert response.status_code == 302
    assert Subscriber.objects.get().language == "fr"
    assert len(mailbox.to(ADDRESS)) == 1


# One mailbox under the spellings every mail server delivers alike (#35): quoted, escaped,
# its domain in Unicode or in ASCII, in capitals.
VICTIM = "victim@xn--bcher-kva.example"
SPELLINGS = [
    "victim@bücher.example",
    '"victim"@bücher.example',
    '"v\\ictim"@xn--bcher-kva.example',
    "victim@XN--BCHER-KVA.example",
    "victim@Bücher.Example",
]


def test_the_spellings_of_one_mailbox_share_its_allowance_and_one_subscription(mailbox):
    statuses = [
        subscribe(Client(REMOTE_ADDR=f"192.0.2.{n}"), email=email).status_code
        for n, email in enumerate(SPELLINGS, start=1)
    ]
    assert statuses == [302, 302, 302, 429, 429]  # three mails a day, however it is spelled
    assert [message["To"] for message in mailbox.received] == [VICTIM] * 3
    assert list(Subscriber.objects.values_list("email", flat=True)) == [VICTIM]


def test_an_address_that_needs_its_quotes_is_refused_saying_why(client, mailbox):
    response = subscribe(client, email='"ann,bo"@example.org')  # valid, but only quoted
    assert response.status_code == 400
    assert "without quotation marks" in response.content.decode()
    assert not mailbox.received and not Subscriber.objects.exists()


def test_a_bot_s_posts_leave_the_owner_s_allowance_untouched(mailbox):
    for n in range(1, 6):
        bot = Client(REMOTE_ADDR=f"192.0.2.{n}")
        assert subscribe(bot, homepage="http://spam.example").status_code == 302
    assert not mailbox.received
    assert subscribe(Client(REMOTE_ADDR="198.51.100.7")).status_code == 302
    assert len(mailbox.to(ADDRESS)) == 1


def test_the_rows_of_one_mailbox_are_merged_keeping_the_confirmed_one():
    migration = importlib.import_module("news.migrations.0012_canonical_addresses")
    Subscriber.objects.create(email='"ana"@example.org', language="en", consented_at=now_minus())
    confirmed = Subscriber.objects.create(
        email="ana@EXAMPLE.org",
        language="fr",
        status=Subscriber.Status.CONFIRMED,
        consented_at=now_minus(days=30),
        confirmed_at=now_minus(days=30),
    )
    alone = Subscriber.objects.create(
        email="bo@bücher.example", language="es", consented_at=now_minus()
    )
    kept_as_it_is = Subscriber.objects.create(
        email='"ann,bo"@example.org', language="en", consented_at=now_minus()
    )
    migration.merge(django_apps, None)
    assert set(Subscriber.objects.values_list("pk", "email")) == {
        (confirmed.pk, "ana@example.org"),
        (alone.pk, "bo@xn--bcher-kva.example"),
        (kept_as_it_is.pk, '"ann,bo"@example.org'),
    }


def test_every_mail_links_the_privacy_notice(client, mailbox):
    """#31: the confirmation, the link to a subscriber's page and the digest, both parts."""
    subscribed(client, mailbox)
    subscribe(client)  # already subscribed: the link to their page
    recent_item(title="Cooperatives meet")
    digests.send_digests(now_regardless_of_schedule=True)
    assert len(mailbox.received) == 2
    for message in mailbox.received:
        assert "http://testserver/privacy/" in text_of(message)
        assert '<a href="http://testserver/privacy/"' in html_of(message)
