"""{% news_about organisation_or_region as items %} and {% events_of … as events %}: the latest
published news about an organisation, or about any member in a region, and their next events,
for the members' pages (members/ does not import news/)."""

from django import template
from django.templatetags.static import static

from cicopa.templatetags.pictures import largest_picture_url
from cicopa.templatetags.sharing import json_ld, organization, origin
from cicopa.translation import shown_in
from members.models import Organisation, Region

from ..models import Event, NewsItem

register = template.Library()


@register.simple_tag
def news_about(subject, count=5):
    items = NewsItem.objects.published().summaries()
    if isinstance(subject, Region):
        items = items.about_region(subject)
    elif isinstance(subject, Organisation):
        items = items.filter(organisations=subject)
    else:
        raise TypeError(f"No news about a {type(subject).__name__}.")
    return items[:count]


@register.simple_tag
def events_of(subject, count=5):
    """The next published events an organisation organises, or in a region (news.models)."""
    events = Event.objects.published().upcoming().select_related("country")
    if isinstance(subject, Region):
        events = events.in_region(subject)
    elif isinstance(subject, Organisation):
        events = events.filter(organisation=subject)
    else:
        raise TypeError(f"No events of a {type(subject).__name__}.")
    return events[:count]


@register.simple_tag(takes_context=True)
def news_article_ld(context, item):
    """The item as a schema.org NewsArticle, published by CICOPA."""
    request = context["request"]
    url = origin(request) + item.get_absolute_url()
    card = origin(request) + static("icons/card.png")
    publisher = organization(request)
    return json_ld(
        {
            "@type": "NewsArticle",
            "headline": item.title[:110],
            "description": item.summary,
            "inLanguage": shown_in(item, "title"),
            "datePublished": item.published_at.isoformat(),
            "dateModified": item.updated_at.isoformat(),
            "url": url,
            "mainEntityOfPage": url,
            "image": [largest_picture_url(context, item, "lead_image") or card],
            "author": {"@type": "Organization", "name": "CICOPA", "url": publisher["url"]},
            "publisher": {
                "@type": "Organization",
                "name": "CICOPA",
                "logo": {"@type": "ImageObject", "url": publisher["logo"]},
            },
        }
    )


@register.simple_tag(takes_context=True)
def event_ld(context, event):
    """The event as a schema.org Event: its times with their offset, its place or its online
    address, its organiser, and whether it is cancelled."""
    request = context["request"]
    publisher = organization(request)
    if event.all_day:
        start, end = event.start_date.isoformat(), event.end_date.isoformat()
    else:
        start = event.starts_at.isoformat()
        end = event.ends_at.isoformat() if event.ends_at else None
    places = []
    if event.place:
        address = {"@type": "PostalAddress", "addressLocality": event.city}
        if event.country:
            address["addressCountry"] = event.country.code
        places.append({"@type": "Place", "name": event.place, "address": address})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    mode = "Mixed" if len(places) == 2 else ("Online" if event.online_url else "Offline")
    organiser = event.organisation
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "inLanguage": shown_in(event, "title"),
        "startDate": start,
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if event.cancelled else "EventScheduled"),
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "url": origin(request) + event.get_absolute_url(),
        "image": [origin(request) + static("icons/card.png")],
        "organizer": (
            {
                "@type": "Organization",
                "name": organiser.name,
                "url": origin(request) + organiser.get_absolute_url(),
            }
            if organiser
            else {"@type": "Organization", "name": "CICOPA", "url": publisher["url"]}
        ),
    }
    if end:
        data["endDate"] = end
    if event.registration_url:
        data["offers"] = {"@type": "Offer", "url": event.registration_url}
    return json_ld(data)
