"""Full-text search in French, behind a small seam. Whoosh is imported in this folder
and nowhere else.

- `rebuild(catalog, index_dir)` builds a new index from the catalogue and swaps it in;
  `build_index` / `update_index` do the same from index documents;
- `SearchService(index_dir).search(query, filters, page, …)` → `SearchResults`.
"""
from .document import FACET_VOCABULARY, FACETS, IndexDocument
from .indexing import changed_documents, rebuild, update
from .service import SearchResults, SearchService, SearchUnavailable
from .store import build_index, index_exists, indexed_digests, update_index

__all__ = ["FACET_VOCABULARY", "FACETS", "IndexDocument", "SearchResults", "SearchService",
           "SearchUnavailable", "build_index", "changed_documents", "index_exists",
           "indexed_digests", "rebuild", "update", "update_index"]
