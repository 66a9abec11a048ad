"""Factories with boring defaults. Units are created through treebeard (`add_root` / `add_child`)."""

import itertools

import factory
from django.contrib.auth.hashers import make_password

from dvk.accounts.models import User
from dvk.accounts.roles import Role
from dvk.campaigns.models import Phase, Sector
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.units.models import Membership, Unit, UnitKind

_codes = itertools.count(1)


def make_unit(name: str = "", *, parent: Unit | None = None, kind: str = UnitKind.COMMUNE, **fields) -> Unit:
    number = next(_codes)
    values = {
        "code": fields.pop("code", f"T{number:05d}"),
        "name": name or f"Đơn vị thử {number}",
        "kind": kind,
        **fields,
    }
    unit = Unit.objects.add_child(parent, values) if parent is not None else Unit.objects.add_root(values)
    return Unit.objects.get(pk=unit.pk)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = factory.LazyFunction(lambda: make_password("demo"))


def make_user(unit: Unit | None = None, role: str = Role.STAFF, **fields) -> User:
    user = UserFactory(**fields)
    if unit is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def sector() -> Sector:
    return Sector.objects.order_by("order").first()


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    code = factory.Sequence(lambda n: f"MH{n:06d}")
    name = factory.Sequence(lambda n: f"Mô hình dân vận khéo số {n}")
    kind = InitiativeKind.COLLECTIVE
    sector = factory.LazyFunction(sector)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    initiative = factory.SubFactory(InitiativeFactory)
    unit = factory.LazyAttribute(lambda o: o.initiative.unit)
    year = 2022
    status = Status.DRAFT


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    code = "2020-2022"
    name = "Giai đoạn 2020 - 2022"
    start_year = 2020
    end_year = 2022
