"""The facet table of an indexed site: which facet values each page of the index carries.

The search page shows, beside each facet value, how many of *the reader's results* have
it. Pagefind counts filter values per search, but one query here is several Pagefind
searches merged (one per form of each word), so its counts are not those of the results
shown; and once the browser has loaded every filter, Pagefind counts all of them on every
search, which made each later query about three times slower. So the indexer writes this
table once, ``sop-search/saringan.json``, from Pagefind's own page records (the values it
indexed, under the id each search result carries): the browser filters and counts the
results itself, without asking Pagefind again.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

FACETS_FILE = "saringan.json"
_FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what Pagefind 1.x writes before each page record


@dataclass(frozen=True)
class FacetTable:
    """Facet values, and the values of each page that has any (its index in ``values``)."""

    values: tuple[tuple[str, str], ...]  # (facet, value), sorted by facet then value
    pages: tuple[tuple[str, tuple[int, ...]], ...]  # (Pagefind page id, value indexes), by title

    def to_json(self) -> str:
        data = {"nilai": [list(v) for v in self.values],
                "halaman": [[page_id, *indexes] for page_id, indexes in self.pages]}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def page_records(index_dir: Path) -> Iterator[tuple[str, dict]]:
    """Each page Pagefind indexed: (its id, as search results carry it; its record)."""
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        try:
            raw = gzip.decompress(path.read_bytes())
            if raw.startswith(_FRAGMENT_SIGNATURE):
                raw = raw[len(_FRAGMENT_SIGNATURE):]
            record = json.loads(raw)
        except (OSError, EOFError, ValueError) as exc:  # another Pagefind's format: say which file
            raise RuntimeError(f"{path}: not a Pagefind 1.x page record ({exc})") from exc
        yield path.name[: -len(".pf_fragment")], record


def facet_table(index_dir: Path) -> FacetTable:
    """The table of the index in ``index_dir`` (pages without a facet value are left out)."""
    per_page: list[tuple[str, str, list[tuple[str, str]]]] = []
    for page_id, record in page_records(index_dir):
        pairs = [(facet, value) for facet, values in sorted((record.get("filters") or {}).items())
                 for value in values]
        if pairs:
            title = str((record.get("meta") or {}).get("title") or record.get("url") or "")
            per_page.append((title.casefold(), page_id, pairs))
    values = sorted({pair for _, _, pairs in per_page for pair in pairs},
                    key=lambda pair: (pair[0], pair[1].casefold(), pair[1]))
    position = {pair: i for i, pair in enumerate(values)}
    pages = tuple((page_id, tuple(sorted(position[pair] for pair in set(pairs))))
                  for _, page_id, pairs in sorted(per_page))
    return FacetTable(values=tuple(values), pages=pages)
