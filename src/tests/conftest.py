"""A small unit tree and one user per role, shared by the tests.

tỉnh A (province)
  huyện B (district)             ← secretariat, reviewer
    xã B1 (commune)             ← staff
    xã B2 (commune)
  huyện C (district)             ← sibling subtree that must never leak into B's
    xã C1 (commune)             ← staff_c
"""

from types import SimpleNamespace

import pytest

from dvk.accounts.roles import Role
from tests.factories import make_unit, make_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with the production hasher costs ~0.3 s a user; tests don't need that strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def default_catalogues(transactional_db):
    """The sectors and award forms of the data migration, for a transactional test: the flush that ends an
    earlier transactional test empties them."""
    from importlib import import_module

    from django.apps import apps

    import_module("dvk.campaigns.migrations.0002_default_catalogues").create(apps, None)


@pytest.fixture
def tree(db):
    from dvk.units.models import UnitKind

    province = make_unit("Tỉnh A", kind=UnitKind.PROVINCE)
    district_b = make_unit("Huyện B", parent=province, kind=UnitKind.DISTRICT)
    commune_b1 = make_unit("Xã B1", parent=district_b)
    commune_b2 = make_unit("Xã B2", parent=district_b)
    district_c = make_unit("Huyện C", parent=province, kind=UnitKind.DISTRICT)
    commune_c1 = make_unit("Xã C1", parent=district_c)
    return SimpleNamespace(
        province=province, b=district_b, b1=commune_b1, b2=commune_b2, c=district_c, c1=commune_c1
    )


@pytest.fixture
def people(tree):
    return SimpleNamespace(
        admin=make_user(username="root_admin", is_superuser=True, is_staff=True),
        secretariat=make_user(tree.b, Role.SECRETARIAT, username="tt_b"),
        reviewer=make_user(tree.b, Role.REVIEWER, username="hd_b"),
        staff=make_user(tree.b1, Role.STAFF, username="cb_b1"),
        staff_c=make_user(tree.c1, Role.STAFF, username="cb_c1"),
        secretariat_c=make_user(tree.c, Role.SECRETARIAT, username="tt_c"),
        viewer=make_user(tree.province, Role.VIEWER, username="ld_a"),
        nobody=make_user(username="khong_phan_cong"),
    )


@pytest.fixture
def as_user(client):
    """`as_user(user)` is the test client signed in as `user`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
