"""Responsive images: WebP renditions at several widths, made with django-imagekit from an uploaded image.

Renditions are files named from the source and the spec, made the first time they are asked for and then served
as they are; finding them needs no database query.
"""

import dataclasses

from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit

WIDTHS = (240, 480, 960)


class Rendition(ImageSpec):
    format = "WEBP"
    options = {"quality": 80, "method": 4}

    def __init__(self, source, width):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        super().__init__(source=source)


# Only registered specs are made "just in time", the first time a rendition's address is asked for.
register.generator("velfaerd:rendition", Rendition)


@dataclasses.dataclass(frozen=True)
class Picture:
    src: str
    srcset: str
    width: int
    height: int
    alt: str


def picture(image, alt, width, height, widths=WIDTHS):
    """A ``Picture`` for an uploaded image (an ImageFieldFile), or None when there is none."""
    if not image or not width or not height:
        return None
    usable = [w for w in widths if w < width] + [min(width, widths[-1])]
    files = {w: ImageCacheFile(Rendition(image, w)) for w in sorted(set(usable))}
    srcset = ", ".join(f"{file.url} {w}w" for w, file in files.items())
    largest = max(files)
    return Picture(
        src=files[largest].url,
        srcset=srcset,
        width=largest,
        height=round(height * largest / width),
        alt=alt,
    )
