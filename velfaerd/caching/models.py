from velfaerd.caching.versions import ContentChange, ContentVersion

__all__ = ["ContentChange", "ContentVersion"]
