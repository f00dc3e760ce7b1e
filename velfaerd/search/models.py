from velfaerd.search.search import SearchDocument, SearchTerm

__all__ = ["SearchDocument", "SearchTerm"]
