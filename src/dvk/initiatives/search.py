"""Search without diacritics over initiatives, indexed on SQLite and on PostgreSQL.

Commune officers type on phones, often without Vietnamese accents: "dan van kheo" must find "Dân vận khéo",
"duong" must find "đường", in an initiative's name, description (rich text), person's name and unit name.

Design: a token table. `SearchToken(initiative, token)` holds every distinct folded word (`core.text.fold`:
lower case, diacritics stripped, đ → d) of those texts plus the initiative's code. A query of several words
matches the initiatives that have, for *every* word, a token *starting with* it ("kheo" finds "khéo",
"duon" finds "đường"). Each word becomes one `initiative_id IN (SELECT … WHERE token <prefix match>)`, and a
prefix match is a range scan of the index `search_token_prefix` (token, initiative) on both databases, which
also answers the subquery without reading the table:

- PostgreSQL: `token LIKE 'duong%'`. The index is declared with `varchar_pattern_ops`, which serves LIKE
  prefixes whatever the database collation (the planner turns it into `token ~>=~ 'duong' AND token ~<~
  'duonh'`).
- SQLite: `token GLOB 'duong*'`. SQLite's LIKE is case-insensitive and only uses an index declared
  `COLLATE NOCASE`; GLOB is case-sensitive and uses the ordinary (BINARY) index (`token>? AND token<?` in
  the query plan). Tokens are lower case, so both mean the same.

`tests/initiatives/test_search.py` checks both query plans.

Why not the alternatives: `icontains` over a folded column scans every row (no B-tree serves a substring);
PostgreSQL's trigram or full-text indexes have no SQLite twin (FTS5 would be a second, differently-behaving
engine); a prefix scan on words keeps one behaviour on both databases, which is what officers expect.

Keeping tokens true: a post_save receiver (connected in `InitiativesConfig.ready`) re-indexes an initiative
saved one at a time, and a unit's initiatives when the unit is saved (its name is searchable). Code that writes
initiatives in bulk (`bulk_create`, `bulk_update`, `QuerySet.update`: the demo loader, the importer) must call
`index_initiatives(ids)` afterwards. Migration 0003 indexes the rows that existed before this table.
Tokens are derived data, not records: rebuilding one deletes and re-creates its rows.
"""

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import F, Lookup, QuerySet, Value

from dvk.core.text import fold
from dvk.initiatives.models import Initiative, SearchToken

TOKEN_LENGTH = 64  # SearchToken.token's max_length: longer words are cut (a query word is cut the same way)
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")
_BATCH = 500


@lru_cache(maxsize=65_536)
def _fold_word(word: str) -> str:
    return fold(word)[:TOKEN_LENGTH]


def words(text: str | None) -> list[str]:
    """The folded words of `text` (HTML removed), in order, cut to the token length. Words are split on the
    NFC text (every Vietnamese letter is one code point there) and folded one distinct word at a time."""
    if not text:
        return []
    if "<" in text or "&" in text:
        text = html.unescape(_TAG.sub(" ", text))
    return [_fold_word(word) for word in _WORD.findall(unicodedata.normalize("NFC", text))]


def tokens_for(*texts: str | None) -> set[str]:
    """The distinct tokens stored for an initiative whose searchable texts are `texts`."""
    return {word for text in texts for word in words(text)}


def query_words(query: str | None) -> list[str]:
    """The distinct words of what a user typed, longest first (the most selective subquery first)."""
    unique = dict.fromkeys(words(query))
    return sorted(unique, key=len, reverse=True)[:MAX_QUERY_WORDS]


class TokenPrefix(Lookup):
    """`token` starts with the given word, written so that each database uses its index (see above)."""

    lookup_name = "token_prefix"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # PostgreSQL (varchar_pattern_ops index) and others
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        pattern = connection.ops.prep_for_like_query(rhs_params[0]) + "%"
        return f"{lhs} LIKE {rhs}", [*lhs_params, pattern]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        pattern = re.sub(r"([*?\[])", r"[\1]", rhs_params[0]) + "*"
        return f"{lhs} GLOB {rhs}", [*lhs_params, pattern]


def matching_initiative_ids(word: str) -> QuerySet:
    """A subquery: the ids of initiatives having a token that starts with `word`."""
    return SearchToken.objects.filter(TokenPrefix(F("token"), Value(word))).values("initiative_id")


def search_initiatives(queryset: QuerySet, query: str | None, *, field: str = "pk") -> QuerySet:
    """Narrow `queryset` to initiatives matching every word of `query`. `field` is the path to the initiative
    id ("pk" for initiatives, "initiative_id" for registrations). A blank query changes nothing."""
    for word in query_words(query):
        queryset = queryset.filter(**{f"{field}__in": matching_initiative_ids(word)})
    return queryset


def _searchable_texts(initiative) -> tuple[str, ...]:
    unit_name = initiative.unit.name if initiative.unit_id else ""
    return (
        initiative.code,
        initiative.name,
        initiative.person_name,
        initiative.description,
        unit_name,
    )


def insert_tokens(rows: list[tuple[int, str]]) -> None:
    """Write (initiative id, token) rows in one `executemany`: an ORM `bulk_create` of tens of thousands of
    tiny rows spends most of its time building model instances."""
    if not rows:
        return
    table = connection.ops.quote_name(SearchToken._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (initiative_id, token) VALUES (%s, %s)", rows)


@transaction.atomic
def index_initiatives(ids: Iterable[int]) -> int:
    """Rebuild the search tokens of the given initiatives; returns how many tokens were written. Call it
    after writing initiatives in bulk (single saves are indexed by a post_save receiver)."""
    ids = sorted(set(ids))
    written = 0
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        initiatives = Initiative.objects.filter(pk__in=chunk).select_related("unit")
        rows = [
            (initiative.pk, token)
            for initiative in initiatives.only(
                "code", "name", "person_name", "description", "unit_id", "unit__name"
            )
            for token in sorted(tokens_for(*_searchable_texts(initiative)))
        ]
        SearchToken.objects.filter(initiative_id__in=chunk).delete()
        insert_tokens(rows)
        written += len(rows)
    return written


def new_initiative_tokens(initiatives: Iterable[Initiative]) -> list[tuple[int, str]]:
    """The (initiative id, token) rows of initiatives just inserted in bulk, from the instances in memory:
    the tokens `index_initiatives` would write, without reading the initiatives back (one query for the
    units' names)."""
    from dvk.units.models import Unit

    initiatives = list(initiatives)
    ordered = sorted({initiative.unit_id for initiative in initiatives if initiative.unit_id})
    names: dict[int, str] = {}
    for start in range(0, len(ordered), _BATCH):
        names |= dict(Unit.objects.filter(pk__in=ordered[start : start + _BATCH]).values_list("pk", "name"))
    return [
        (initiative.pk, token)
        for initiative in initiatives
        for token in sorted(
            tokens_for(
                initiative.code,
                initiative.name,
                initiative.person_name,
                initiative.description,
                names.get(initiative.unit_id, ""),
            )
        )
    ]


def index_new_initiatives(initiatives: Iterable[Initiative]) -> int:
    """Write the tokens of initiatives just inserted in bulk (they have none yet); returns how many."""
    rows = new_initiative_tokens(initiatives)
    insert_tokens(rows)
    return len(rows)


def index_all_initiatives() -> int:
    """Rebuild every initiative's tokens (after an import from outside DVK, or to repair the index)."""
    return index_initiatives(Initiative.objects.values_list("pk", flat=True))


# Fields whose change alters an initiative's tokens (a save limited to other fields needs no re-indexing).
_SEARCHED_FIELDS = {"code", "name", "person_name", "description", "unit", "unit_id"}


def reindex_saved_initiative(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    """post_save receiver of Initiative (connected in `InitiativesConfig.ready`)."""
    if raw or (update_fields is not None and not _SEARCHED_FIELDS & set(update_fields)):
        return
    index_initiatives([instance.pk])


def reindex_saved_unit(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    """post_save receiver of Unit: its name is part of its initiatives' tokens."""
    if raw or created or (update_fields is not None and "name" not in update_fields):
        return
    index_initiatives(Initiative.objects.filter(unit_id=instance.pk).values_list("pk", flat=True))
