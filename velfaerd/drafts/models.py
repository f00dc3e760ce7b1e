from velfaerd.drafts.drafts import Draft, PreviewLink

__all__ = ["Draft", "PreviewLink"]
