"""Site search for a built handbook: Pagefind's index plus Indonesian root words.

Runs on the built HTML of any generator (the MkDocs plugin's post-build step, or
``mkdocs-sop search-index SITE_DIR`` for Zensical, ProperDocs or any other), so it
imports no generator. ``indexer`` builds the index, ``excluded`` drops what it skips,
``vocabulary`` the root-word and code tables the browser needs, ``roots`` the Indonesian
root of a word, ``facets`` the facet table.
"""

from .indexer import INDEX_FOLDERS, SearchIndexReport, build_search_index

__all__ = ["INDEX_FOLDERS", "SearchIndexReport", "build_search_index"]
