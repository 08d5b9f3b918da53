import datetime

import factory
from django.contrib.auth.models import Group, User

from members.models import Country, Organisation
from news.models import NewsItem


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        rename = {"description": "description_en"}  # the English text; tests set the others

    name = factory.Sequence(lambda n: f"Workers' Cooperative Federation {n:04}")
    slug = factory.Sequence(lambda n: f"workers-cooperative-federation-{n:04}")
    country = factory.LazyFunction(lambda: Country.objects.get(code="BE"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


def secretariat_user(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        rename = {"title": "title_en", "summary": "summary_en", "body": "body_en"}

    title = factory.Sequence(lambda n: f"Cooperatives in the news, part {n}")
    slug = factory.Sequence(lambda n: f"cooperatives-in-the-news-{n}")
    summary = factory.LazyAttribute(lambda item: f"Summary of {item.title}.")
    body = "<p>The full story.</p>"
    status = NewsItem.Status.PUBLISHED
    published_at = factory.Sequence(
        lambda n: datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
    )
