from velfaerd.redirects.redirects import NotFound, Redirect

__all__ = ["NotFound", "Redirect"]
