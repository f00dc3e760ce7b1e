from velfaerd.search.search import SearchDocument

__all__ = ["SearchDocument"]
