"""Responsive images: WebP renditions at several widths, made with django-imagekit from an uploaded image.

Renditions are files named from the source and the spec, made the first time they are asked for and then served
as they are; finding them needs no database query.
"""

import dataclasses
import logging

from django.conf import settings
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState, Simple
from imagekit.processors import ResizeToFit
from imagekit.utils import get_cache, sanitize_cache_key
from PIL import WebPImagePlugin  # noqa: F401  (alone: naming a rendition would load every format Pillow knows)

WIDTHS = (240, 480, 960)
#: How long a rendition may be said to be "being made" before it is made again (a worker that died, a full disk).
GENERATING_SECONDS = 60
#: The methods of content items that give their pictures (a publication's cover, an author's portrait).
PICTURES = ("cover_picture", "portrait_picture")


class Rendition(ImageSpec):
    format = "WEBP"
    options = {"quality": 80, "method": 4}

    def __init__(self, source, width):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        super().__init__(source=source)


class Renditions(Simple):
    """imagekit's plain backend (renditions made when first asked for), whose record of each file in the shared
    cache cannot outlive the file: "being made" lasts a minute, a rendition that could not be made is recorded as
    missing (so it is tried again), and every record expires (IMAGEKIT_CACHE_TIMEOUT). ``heal`` forgets the
    record of a file that is gone (after a restore) and makes it again."""

    def set_state(self, file, state):
        super().set_state(file, state)
        if state == CacheFileState.GENERATING:
            self.cache.set(self.get_key(file), state, GENERATING_SECONDS)

    def generate_now(self, file, force=False):
        try:
            super().generate_now(file, force=force)
        except Exception:
            self.set_state(file, CacheFileState.DOES_NOT_EXIST)
            raise


def heal(item, name):
    """The rendition file ``name`` of ``item`` is missing though it was made: make the item's renditions again."""
    get_cache().delete(sanitize_cache_key(f"{settings.IMAGEKIT_CACHE_PREFIX}{name}-state"))
    for method in PICTURES:
        if callable(getattr(item, method, None)):
            getattr(item, method)()


# Only registered specs are made "just in time", the first time a rendition's address is asked for.
register.generator("velfaerd:rendition", Rendition)

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Picture:
    src: str
    srcset: str
    width: int
    height: int
    alt: str


def picture(image, alt, width, height, widths=WIDTHS):
    """A ``Picture`` for an uploaded image (an ImageFieldFile), or None when there is none.

    Renditions are made the first time they are asked for. When one cannot be made (the media disk is full, the
    original is missing), the page is shown with the original image instead, and the failure is logged."""
    if not image or not width or not height:
        return None
    usable = [w for w in widths if w < width] + [min(width, widths[-1])]
    try:
        files = {w: ImageCacheFile(Rendition(image, w)) for w in sorted(set(usable))}
        urls = {w: file.url for w, file in files.items()}
    except Exception:
        logger.exception("Renditions of %s could not be made; the original is shown.", image.name)
        return Picture(src=image.url, srcset="", width=width, height=height, alt=alt)
    srcset = ", ".join(f"{url} {w}w" for w, url in urls.items())
    largest = max(urls)
    return Picture(
        src=urls[largest],
        srcset=srcset,
        width=largest,
        height=round(height * largest / width),
        alt=alt,
    )
