"""Uploads that cannot hurt: images and PDFs are checked, and images re-made, before anything is stored.

Images: a byte cap, then the pixel count read from the header before anything is decoded, a format allow-list,
a full decode (a truncated file is refused), the EXIF orientation applied, a colour profile applied (sRGB), and a
fresh encoding that carries no metadata block at all (EXIF with GPS position and camera, XMP, JPEG comments, PNG
text chunks, colour profiles) and nothing appended to the original (HTML in a "polyglot" file).
PDFs: a byte cap, the PDF signature first, and pypdf must open the file and find its pages: an HTML page renamed
.pdf, or one with PDF markers in its comments, is refused. Stored names are plain and safe.
"""

import contextlib
import datetime
import io
import secrets
import shutil
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from prometheus_client import Counter

from velfaerd.content import pdfcheck

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 x 5000
MAX_PDF_BYTES = 50 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
# Headroom kept free on the media disk, beyond the file itself.
DISK_MARGIN = 20 * 1024 * 1024

# Pillow's own guard against decompression bombs, as a second line behind the header check.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


#: For /metrics: uploads refused, by why (too large, not a PDF, an image too large to open, a full disk...).
UPLOADS_REFUSED = Counter("velfaerd_uploads_refused_total", "Uploads refused, by reason", ["reason"])


def safe_name(filename, extension):
    """A plain file name: "Forside (endelig).JPG" becomes "forside-endelig.jpg"."""
    stem = slugify(PurePath(filename or "").stem)[:60] or "fil"
    return f"{stem}.{extension}"


def megabytes(size):
    return f"{size / 1024 / 1024:.0f}"


def check_disk_space(size):
    """Refuse before saving anything when the media disk cannot take the file (object storage has no such disk)."""
    if not isinstance(default_storage, FileSystemStorage):
        return
    try:
        free = shutil.disk_usage(settings.MEDIA_ROOT).free
    except OSError:
        return  # the folder is made on first save; local storage of an unknown disk is checked then
    if free < size + DISK_MARGIN:
        raise ValidationError(
            _("There is no room for the file on the server right now. Nothing was saved; try again later."),
            code="disk_full",
        )


def clean_image(upload):
    """The uploaded image, checked and encoded anew, as a new upload; or a ValidationError in Danish."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is too large. It can be at most %(limit)s MB.") % {"limit": megabytes(MAX_IMAGE_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    too_many_pixels = ValidationError(
        _("The image has too many pixels (at most %(limit)d million). Make it smaller and try again.")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(
                    _("Upload the image as JPEG, PNG or WebP."),
                    code="format",
                )
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_many_pixels
            image.load()  # a full decode: a truncated or broken file fails here
            fmt = image.format
            upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own check, on opening, of far too large images
        raise too_many_pixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image that can be used, or it is damaged. Upload a JPEG, PNG or WebP image."),
            code="invalid_image",
        ) from error

    clean = without_metadata(upright)
    if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    output = io.BytesIO()
    options = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}[fmt]
    # A new file from the pixels alone: no EXIF, XMP, comments, text chunks or colour profile, nothing appended.
    clean.save(output, fmt, **options)
    extension, content_type = IMAGE_FORMATS[fmt]
    return SimpleUploadedFile(safe_name(upload.name, extension), output.getvalue(), content_type=content_type)


def without_metadata(image):
    """The image's pixels alone, in sRGB, with none of what Pillow would otherwise copy into a new file from the
    original (a JPEG comment, XMP, EXIF, a colour profile, PNG text chunks): ``info`` is emptied.

    A colour profile is not kept but applied: the pixels are converted to sRGB, so colours look as intended
    without it. Palette transparency lives in ``info`` too, so such images become RGBA first."""
    if image.mode in ("P", "PA", "LA") or "transparency" in image.info:
        image = image.convert("RGBA")
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile is dropped, the pixels kept as they are
    clean = image.copy()
    clean.info = {}
    return clean


def clean_pdf(upload):
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("The PDF file is too large. It can be at most %(limit)s MB.") % {"limit": megabytes(MAX_PDF_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    not_pdf = ValidationError(_("The file is not a PDF document. Upload a PDF file."), code="not_pdf")
    # A PDF starts with its signature, and a PDF library can open it and find its pages: an HTML page with
    # "%PDF-" in a comment and "%%EOF" at the end is not one.
    if head != b"%PDF-":
        raise not_pdf
    locked = ValidationError(
        _(
            "The PDF is protected by a password, so visitors could not open it. Save it without a password and upload "
            "it again."
        ),
        code="encrypted",
    )
    # Read by pypdf in a process of its own, bounded in time and memory (pdfcheck.py): it must open the file and
    # find its pages. One it cannot finish within the bounds (a million objects) starts as a PDF does and is taken;
    # its report says it could not be checked.
    report = pdfcheck.check(upload)
    if report.get("error") == "unreadable" or report.get("pages") == 0:
        raise not_pdf
    if report.get("needs_password"):
        raise locked
    upload.pdf_report = report  # kept with the item when it is saved (publications' HasDocument)
    upload.name = safe_name(upload.name, "pdf")
    upload.content_type = "application/pdf"
    return upload


# Files chosen in a form whose save failed (another field's error) are held, so the editor need not choose them
# again: stored under HELD (which no item holds, so nobody can download them), named by a signed token in the form
# that comes back, used when it is sent again without a new file, and forgotten after HELD_HOURS.
HELD = "held"
HELD_HOURS = 24
HELD_SALT = "velfaerd.held-upload"


class HeldFile(File):
    """An upload held from a failed save, already checked."""

    def __init__(self, file, name, token):
        super().__init__(file, name)
        self.token = token


def hold(upload):
    """Keep a checked upload for the form's next sending; returns its token."""
    _forget_old_held()
    stored = default_storage.save(f"{HELD}/{secrets.token_hex(16)}/{PurePath(upload.name).name}", upload)
    return signing.dumps(stored, salt=HELD_SALT)


def held(token):
    """The upload a token names, while it is held; or None."""
    try:
        stored = signing.loads(token, salt=HELD_SALT, max_age=HELD_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(stored, str) or not stored.startswith(f"{HELD}/") or not default_storage.exists(stored):
        return None
    return HeldFile(default_storage.open(stored), PurePath(stored).name, token)


def release(token):
    """The form was saved: the upload it held is not needed any more."""
    with contextlib.suppress(signing.BadSignature, OSError):
        stored = signing.loads(token, salt=HELD_SALT)
        if isinstance(stored, str) and stored.startswith(f"{HELD}/"):
            default_storage.delete(stored)


def _forget_old_held():
    with contextlib.suppress(OSError, NotImplementedError):
        folders, _files = default_storage.listdir(HELD)
        limit = timezone.now() - datetime.timedelta(hours=HELD_HOURS)
        for folder in folders:
            for name in default_storage.listdir(f"{HELD}/{folder}")[1]:
                path = f"{HELD}/{folder}/{name}"
                if default_storage.get_modified_time(path) < limit:
                    default_storage.delete(path)


def hold_uploads(form):
    """After a failed save: every file that was chosen and accepted is held, and its field says so."""
    for name, field in form.fields.items():
        if not isinstance(field, CheckedFileFormField) or form.has_error(name):
            continue
        value = getattr(form, "cleaned_data", {}).get(name)
        if isinstance(value, HeldFile):
            field.widget.held = (value.token, value.name)
        elif isinstance(value, UploadedFile):
            with contextlib.suppress(OSError):  # no room to hold it either: the form says nothing was saved
                field.widget.held = (hold(value), PurePath(value.name).name)


class HoldsUpload:
    """For a file input: after a failed save, it names the file it holds ("Beholdt: …") and sends it again unless
    the editor chooses another. Mixed into whatever file input the form uses (the admin's has its own)."""

    held = None  # (token, file name), set by hold_uploads
    held_template = "content/held_file.html"

    @staticmethod
    def held_name(name):
        return f"{name}__beholdt"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None and (token := data.get(self.held_name(name))):
            return held(token)
        return upload

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.held is None:
            return html
        token, filename = self.held
        context = {"name": self.held_name(name), "token": token, "filename": filename, "id": (attrs or {}).get("id")}
        return html + render_to_string(self.held_template, context)


def holding(widget):
    """``widget`` (a class or an instance) as one that holds its upload across a failed save."""
    cls = widget if isinstance(widget, type) else type(widget)
    if not issubclass(cls, HoldsUpload):
        cls = type(f"Held{cls.__name__}", (HoldsUpload, cls), {})
    return cls if isinstance(widget, type) else cls(attrs=widget.attrs)


class CheckedFileFormField(forms.FileField):
    """A file field whose upload is checked (and possibly re-made) by ``check`` before anything is stored."""

    check = staticmethod(lambda upload: upload)

    def __init__(self, *, widget=None, **kwargs):
        super().__init__(widget=holding(widget or self.widget), **kwargs)

    def widget_attrs(self, widget):
        # The admin shows a file field (its current file, "Ændr") as a fieldset with a legend, which names no
        # input: the input is named by the field's label itself.
        attrs = super().widget_attrs(widget)
        return {**attrs, "aria-label": str(self.label)} if self.label else attrs

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            checked = upload if isinstance(upload, HeldFile) else self.check(upload)
            check_disk_space(checked.size)
        except ValidationError as refused:
            UPLOADS_REFUSED.labels(refused.code or "invalid").inc()
            raise
        return checked


class SafeImageFormField(CheckedFileFormField):
    default_error_messages = {"invalid": _("Upload a valid image.")}
    check = staticmethod(clean_image)


class SafePDFFormField(CheckedFileFormField):
    check = staticmethod(clean_pdf)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": "application/pdf,.pdf"}


class SafeImageField(models.ImageField):
    """An ImageField whose uploads go through ``clean_image``."""

    def formfield(self, **kwargs):
        field = super().formfield(**{"form_class": SafeImageFormField, **kwargs})
        field.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")
        return field

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class SafePDFField(models.FileField):
    """A FileField for PDF documents, checked by ``clean_pdf``."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafePDFFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


@deconstructible
class UploadTo:
    """Files go under the model's name and the year: ``publication/covers/2026/name.jpg``."""

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, instance, filename):
        return f"{instance._meta.model_name}/{self.kind}/{timezone.now():%Y}/{filename}"

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.kind == self.kind

    def __hash__(self):
        return hash(self.kind)
