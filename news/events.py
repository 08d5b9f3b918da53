"""Events in public (#32): /events/ (what is coming, soonest first, then the past by year), each
event's page, and iCalendar (RFC 5545) for calendar applications: the whole calendar, a
region's, and one event's "Add to calendar".

Times go out as the event's wall-clock times with its time zone (TZID and its VTIMEZONE), so a
calendar shows them right wherever its reader is, across a change to or from summer time.
Each event keeps its UID; a change of its time or place, or its cancellation, raises its
SEQUENCE (news.models.Event.save), and a cancelled event stays in the calendar as CANCELLED, so
subscribed calendars update or strike it rather than add a second one."""

import datetime

import icalendar
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.views.generic import DetailView, ListView, View

from cicopa.pagination import UncountedPaginator
from members.models import Region

from .models import Event

# How far back the calendar feeds reach: a reader subscribing sees this year's past events,
# not the whole archive in every refresh.
CALENDAR_PAST = datetime.timedelta(days=365)


class EventListView(ListView):
    """Upcoming events, soonest first, and the years that have past ones."""

    template_name = "news/event_list.html"
    context_object_name = "upcoming"
    paginate_by = 50
    paginator_class = UncountedPaginator
    query_parameters = ("page",)  # for cicopa.pagecache

    def get_queryset(self):
        return Event.objects.published().upcoming().select_related("country", "organisation")

    def get_context_data(self, **kwargs):
        past = Event.objects.published().past()
        years = [day.year for day in past.dates("start_date", "year", "DESC")]
        return super().get_context_data(past_years=years, **kwargs)


class EventYearView(ListView):
    """The events of a past year, latest first, a page at a time."""

    template_name = "news/event_archive_year.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = UncountedPaginator
    query_parameters = ("page",)

    def get_queryset(self):
        events = Event.objects.published().past().filter(start_date__year=self.kwargs["year"])
        return events.select_related("country", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(year=self.kwargs["year"], **kwargs)
        if not context["events"] and context["page_obj"].number == 1:
            raise Http404("No past event that year.")
        return context


class EventDetailView(DetailView):
    template_name = "news/event_detail.html"
    context_object_name = "event"
    query_parameters = ()

    def get_queryset(self):
        events = Event.objects.visible_to(self.request).filter(start_date__year=self.kwargs["year"])
        return events.select_related("country", "organisation", "region")


def calendar_response(request, events, name, filename):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CICOPA//cicopa.coop events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(vevent(event, request.build_absolute_uri(event.get_absolute_url())))
    calendar.add_missing_timezones()  # a VTIMEZONE for each zone the events use
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def vevent(event, url):
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@cicopa.coop")
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    component.add("summary", event.title)
    component.add("description", event.summary)
    if event.all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.end_date + datetime.timedelta(days=1))  # exclusive
    else:
        component.add("dtstart", event.starts_at)
        if event.ends_at:
            component.add("dtend", event.ends_at)
    location = event.place or event.online_url
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return component


def calendar_events():
    since = timezone.localdate() - CALENDAR_PAST
    events = Event.objects.published().filter(end_date__gte=since)
    return events.select_related("country").order_by("start_date", "start_time", "pk")


class CalendarView(View):
    """/events/calendar.ics: every published event of the past year and to come."""

    query_parameters = ()

    def get(self, request):
        name = translation.gettext("CICOPA events")
        return calendar_response(request, calendar_events(), name, "cicopa-events.ics")


class RegionCalendarView(View):
    """A region's events: organised there, by one of its members, or for it."""

    query_parameters = ()

    def get(self, request, slug):
        region = get_object_or_404(Region, slug=slug)
        events = calendar_events().in_region(region)
        name = translation.gettext("CICOPA events: %(region)s") % {"region": region.name}
        return calendar_response(request, events, name, f"cicopa-events-{region.slug}.ics")


class EventCalendarView(View):
    """One event's "Add to calendar": the same VEVENT, UID and all, as the feeds carry."""

    query_parameters = ()

    def get(self, request, year, slug):
        events = Event.objects.visible_to(request).filter(start_date__year=year)
        event = get_object_or_404(events.select_related("country"), slug=slug)
        return calendar_response(request, [event], event.title, f"{event.slug}.ics")
