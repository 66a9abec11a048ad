"""Search without diacritics: "dan van kheo" finds "Dân vận khéo", "duong" finds "đường", on name, description,
person and unit name, through an index on both databases."""

import pytest
from django.apps import apps
from django.db import connection

from dvk.initiatives.enums import InitiativeKind
from dvk.initiatives.models import Initiative, SearchToken
from dvk.initiatives.search import (
    index_all_initiatives,
    index_initiatives,
    matching_initiative_ids,
    query_words,
    search_initiatives,
    tokens_for,
)
from dvk.units.models import Unit
from tests.factories import InitiativeFactory, sector


def found(query: str) -> set[str]:
    return set(search_initiatives(Initiative.objects.all(), query).values_list("code", flat=True))


@pytest.fixture
def initiatives(tree):
    return {
        "kheo": InitiativeFactory(code="A1", unit=tree.b1, name="Mô hình Dân vận khéo ở thôn Nà Khẻ"),
        "road": InitiativeFactory(
            code="A2",
            unit=tree.b2,
            name="Hiến đất làm giao thông",
            description="<p>Làm <b>đường</b> bê tông</p>",
        ),
        "person": InitiativeFactory(
            code="A3",
            unit=tree.c1,
            kind=InitiativeKind.INDIVIDUAL,
            name="Gương sáng bản làng",
            person_name="Đặng Thị Hoà",
        ),
    }


def test_words_are_folded_stripped_of_html_and_split():
    assert tokens_for("Dân vận KHÉO", "<p>Làm <strong>đường</strong> &amp; cầu</p>") == {
        "dan",
        "van",
        "kheo",
        "lam",
        "duong",
        "cau",
    }
    assert query_words("  đường   dan đường ") == ["duong", "dan"]
    assert query_words("") == []


def test_a_query_without_diacritics_finds_the_name(initiatives):
    assert found("dan van kheo") == {"A1"}
    assert found("DÂN VẬN KHÉO") == {"A1"}


def test_duong_finds_duong_in_the_rich_text_description(initiatives):
    assert found("duong") == {"A2"}
    assert found("be tong") == {"A2"}


def test_the_person_and_the_unit_are_searched(initiatives, tree):
    assert found("dang thi hoa") == {"A3"}
    assert found("xa b2") == {"A2"}
    assert found("huyen") == set()  # the owner's name only, not its ancestors'


def test_words_match_by_prefix_and_all_must_match(initiatives):
    assert found("khe") == {"A1"}  # "khéo" and "Khẻ"
    assert found("dan duong") == set()
    assert found("mo hinh") == {"A1"}
    assert found("  ") == {"A1", "A2", "A3"}


def test_a_query_cannot_inject_patterns(initiatives):
    assert found("%") == {"A1", "A2", "A3"}  # no word at all: nothing to filter on
    assert found("d_ong") == set()
    assert found("*") == {"A1", "A2", "A3"}


def test_saving_an_initiative_reindexes_it(initiatives):
    road = initiatives["road"]
    road.name = "Thắp sáng đường quê"
    road.save(update_fields=["name"])
    assert found("thap sang") == {"A2"}
    assert found("hien dat") == set()


def test_renaming_a_unit_reindexes_its_initiatives(initiatives, tree):
    unit = Unit.objects.get(pk=tree.b1.pk)
    unit.name = "Phường Hòa Bình"
    unit.save()
    assert found("phuong hoa binh") == {"A1"}


def test_bulk_writers_index_with_index_initiatives(tree):
    created = Initiative.objects.bulk_create(
        [
            Initiative(
                code="B1",
                name="Đoàn kết xây dựng nông thôn mới",
                unit=tree.b1,
                kind="collective",
                sector=sector(),
            )
        ]
    )
    assert found("nong thon") == set()
    assert index_initiatives([i.pk for i in created]) == len(tokens_for("B1", created[0].name, tree.b1.name))
    assert found("nong thon") == {"B1"}


def test_the_data_migration_indexes_existing_rows(initiatives):
    from importlib import import_module

    migration = import_module("dvk.initiatives.migrations.0003_index_existing_initiatives")
    SearchToken.objects.all().delete()
    migration.index_existing(apps, None)
    assert found("dan van kheo") == {"A1"}
    assert index_all_initiatives() == SearchToken.objects.count()


def test_the_prefix_match_uses_the_token_index(initiatives):
    subquery = matching_initiative_ids("duong")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = subquery.explain()
    if connection.vendor == "sqlite":
        assert "SEARCH initiatives_searchtoken USING" in plan, plan
        assert "INDEX search_token_prefix" in plan, plan
    else:
        assert "Seq Scan" not in plan, plan
        assert "search_token_prefix" in plan, plan
