"""Responsive images: WebP renditions at several widths, made with django-imagekit from an uploaded image.

Renditions are files named from the source and the spec, made the first time they are asked for and then served
as they are; finding them needs no database query.
"""

import dataclasses
import logging

from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit
from PIL import WebPImagePlugin  # noqa: F401  (alone: naming a rendition would load every format Pillow knows)

WIDTHS = (240, 480, 960)


class Rendition(ImageSpec):
    format = "WEBP"
    options = {"quality": 80, "method": 4}

    def __init__(self, source, width):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        super().__init__(source=source)


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
