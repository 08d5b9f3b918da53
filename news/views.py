from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, FormView, ListView, TemplateView

from cicopa.clients import over_the_allowance, over_the_limit
from cicopa.pagecache import cached
from cicopa.pagination import UncountedPaginator
from members import network, worldmap
from publications.models import Publication

from . import search, subscriptions
from .forms import SearchForm, SubscribeForm, SubscriptionChoicesForm
from .models import DigestSchedule, Event, NewsItem, Subscriber


class HomeView(TemplateView):
    """The network in figures on its map, the latest news, the next event and the latest
    publication."""

    template_name = "home.html"
    query_parameters = ()  # a page for cicopa.pagecache

    def get_context_data(self, **kwargs):
        by_country = network.members_by_country()
        return super().get_context_data(
            network=network.totals(by_country),
            world_map=worldmap.world_map(by_country),
            legend=worldmap.legend(),
            latest_news=NewsItem.objects.published().summaries()[:5],
            next_events=Event.objects.published().upcoming().select_related("country")[:1],
            latest_publications=Publication.objects.published().defer("text")[:1],
            **kwargs,
        )


class NewsViewMixin:
    """What every news list shares: published items only, newest first, 10 a page, and the
    years that have news."""

    paginate_by = 10
    query_parameters = ("page",)

    def get_queryset(self):
        return NewsItem.objects.published().summaries()

    def get_context_data(self, **kwargs):
        years = cached("news:years", NewsItem.objects.public_years)
        return super().get_context_data(news_years=years, **kwargs)


class NewsListView(NewsViewMixin, ListView):
    """All the news, newest first, in newer and older pages: the years lead further back."""

    template_name = "news/newsitem_list.html"
    paginator_class = UncountedPaginator


class NewsYearArchiveView(NewsViewMixin, ListView):
    """A plain filtered list: YearArchiveView would add a month list and next/previous-year
    queries that the page does not show. A year with no news is a 404."""

    template_name = "news/newsitem_archive_year.html"
    allow_empty = False

    def get_queryset(self):
        return super().get_queryset().filter(published_at__year=self.kwargs["year"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], **kwargs)


class NewsItemDetailView(DetailView):
    """Anyone sees a published item; staff may also preview a draft or a scheduled one."""

    query_parameters = ()

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request)

    def get_context_data(self, **kwargs):
        organisations = self.object.organisations.listed()
        return super().get_context_data(organisations=organisations, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.published_on.year != kwargs["year"]:
            # The date was corrected after publication: old links still arrive.
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))


# Requests to subscribe one client may send in an hour, and mails one address may be sent
# in a day (a confirmation, or the link to a subscriber's page): enough for a typing slip.
SUBSCRIPTIONS_PER_HOUR = 10
MAILS_PER_ADDRESS_PER_DAY = 3


@method_decorator(never_cache, name="dispatch")
class SubscribeView(FormView):
    """ "Subscribe by email". Whether the address is new, waiting or already subscribed, the
    visitor is told the same: check your mail."""

    form_class = SubscribeForm
    template_name = "news/subscribe.html"

    def get_initial(self):
        # The short form on the home and news pages brings the address here.
        return {"language": get_language(), "email": self.request.GET.get("email", "")[:254]}

    def form_valid(self, form):
        retry = over_the_limit("subscriptions", self.request, SUBSCRIPTIONS_PER_HOUR, 60 * 60)
        if retry:
            return self.limited(form, retry)
        if form.is_from_a_bot():  # thanked too, told nothing, and mailing nobody
            return redirect("news:subscribe-sent")
        # The address's allowance counts only requests that send it a mail, by its canonical
        # spelling (the form's): no other spelling, and no bot, uses up its owner's.
        email = form.cleaned_data["email"]
        address = f"subscriptions-address:{subscriptions.address_digest(email)}"
        retry = over_the_allowance(address, MAILS_PER_ADDRESS_PER_DAY, 24 * 60 * 60)
        if retry:
            return self.limited(form, retry)
        with transaction.atomic():
            subscriptions.subscribe(
                email, form.cleaned_data["language"], form.cleaned_data["regions"]
            )
        return redirect("news:subscribe-sent")

    def limited(self, form, retry):
        response = self.render_to_response(
            self.get_context_data(form=form, limited=True), status=429
        )
        response["Retry-After"] = str(retry)
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(schedule=DigestSchedule.current(), **kwargs)


@never_cache
def subscribe_sent(request):
    return render(request, "news/subscribe_sent.html")


def link_refused(request, error):
    expired = isinstance(error, signing.SignatureExpired)
    return render(
        request,
        "news/subscription_link_refused.html",
        {"expired": expired},
        status=410 if expired else 400,
    )


@never_cache
def confirm(request, token):
    """The link in the confirmation mail: a button that confirms (a mail scanner following the
    link confirms nothing); confirming again changes nothing."""
    try:
        subscriber = subscriptions.subscriber_from(
            token, subscriptions.CONFIRM_SALT, max_age=subscriptions.confirm_within()
        )
    except signing.BadSignature as error:
        return link_refused(request, error)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return link_refused(request, signing.BadSignature("unsubscribed since"))
    confirmed_now = False
    if request.method == "POST":
        confirmed_now = subscriptions.confirm(subscriber)
    context = {
        "subscriber": subscriber,
        "confirmed_now": confirmed_now,
        "links": subscriptions.links(subscriber),
    }
    return render(request, "news/subscription_confirm.html", context)


@never_cache
def subscription(request, token):
    """A subscriber's own page, from the link in every mail: their language and regions, and
    the way out."""
    try:
        subscriber = subscriptions.subscriber_from(token, subscriptions.MANAGE_SALT)
    except signing.BadSignature as error:
        return link_refused(request, error)
    form = SubscriptionChoicesForm(
        request.POST or None,
        initial={"language": subscriber.language, "regions": subscriber.regions.all()},
    )
    subscribed = subscriber.status == Subscriber.Status.CONFIRMED
    if request.method == "POST" and subscribed and form.is_valid():
        subscriber.language = form.cleaned_data["language"]
        subscriber.save(update_fields=["language"])
        subscriber.regions.set(form.cleaned_data["regions"])
        messages.success(request, _("Your choices are saved."))
        return redirect("news:subscription", token=token)
    context = {"subscriber": subscriber, "subscribed": subscribed, "form": form, "token": token}
    return render(request, "news/subscription.html", context, status=400 if form.errors else 200)


@never_cache
@csrf_exempt  # a mail client's one-click POST (RFC 8058) carries no token; the link is the key
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """A POST unsubscribes at once, with no sign-in and no further question. A GET (a mail
    client older than RFC 8058, a link opened by hand) leads to the subscriber's page, whose
    button does it: following a link must not unsubscribe anyone."""
    if request.method != "POST":
        return redirect("news:subscription", token=token)
    try:
        subscriber = subscriptions.subscriber_from(token, subscriptions.MANAGE_SALT)
    except signing.BadSignature as error:
        return link_refused(request, error)
    subscriptions.unsubscribe(subscriber)
    return render(request, "news/unsubscribed.html", {"subscriber": subscriber})


class SearchView(TemplateView):
    """/search/?q=: the news and the member organisations together, ranked (news/search.py).
    Searches are answered, never kept (cicopa.pagecache); what cannot be read is a form
    error with a 400."""

    template_name = "search.html"
    query_parameters = ()
    search_parameters = ("q",)

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        valid = form.is_valid()
        text = form.cleaned_data["q"] if valid else ""
        results = search.search(text) if text else []
        # What was typed, shown back; a NUL can be neither searched nor shown.
        typed = self.request.GET.get("q", "").replace("\x00", "")
        return super().get_context_data(form=form, q=text, typed=typed, results=results, **kwargs)

    def render_to_response(self, context, **kwargs):
        status = 400 if context["form"].errors else 200
        return super().render_to_response(context, status=status, **kwargs)
