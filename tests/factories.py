import factory
from django.contrib.auth.models import Group, User

from members.models import Country, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

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
