"""What a PDF gives those who cannot see it: read with pypdf at upload, in a process of its own bounded in time and
memory (a hostile PDF, a million objects, must not hold a worker), and never a reason to refuse the file.

Each check, in Danish with a line of guidance, for the form, the content-health page and the lists: a text layer (not
a scan), tagged (StructTreeRoot and MarkInfo), a document language (/Lang), a title shown as the window's title
(/Title with DisplayDocTitle), fonts embedded, not encrypted against assistive technology, and the page count. The
same reading gives the search the text of the first pages (settings.SEARCH_PDF_PAGES and _CHARS), as "text".

    python -m velfaerd.content.pdfcheck FILE [PAGES CHARS]    # prints the report as JSON
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The bounds of one check: CPU seconds, wall seconds, bytes of memory, pages whose text is read.
CPU_SECONDS = 10
WALL_SECONDS = 15
MEMORY_BYTES = 768 * 1024 * 1024
PAGES_READ = 50
TEXT_CHARS = 100_000

#: The checks, in the order shown; each passes when its value is true.
CHECKS = ("text_layer", "tagged", "language", "title", "fonts_embedded", "open_to_assistive_technology")


def _fonts_embedded(reader, pages):
    for page in pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type3":
                continue  # drawn by the PDF itself
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
    return True


def _flag(value):
    """A PDF boolean (pypdf's BooleanObject is true even when it says false)."""
    return bool(getattr(value, "value", value))


def read(path, pages_read=PAGES_READ, text_chars=TEXT_CHARS):
    """The report of the PDF at ``path`` (run in the bounded process), with the text of its first ``pages_read``
    pages (at most ``text_chars`` characters) as "text"."""
    from pypdf import PdfReader
    from pypdf.constants import UserAccessPermissions

    reader = PdfReader(path, strict=False)
    report = {"encrypted": bool(reader.is_encrypted)}
    # An encrypted PDF that opens without a password (only printing or copying limited) is read as any other; one
    # that needs a password is of no use to visitors.
    if reader.is_encrypted and not reader.decrypt(""):
        return {**report, "needs_password": True}
    root = reader.trailer["/Root"].get_object()
    pages = list(reader.pages)
    text = ""
    for page in pages[: max(pages_read, 1)]:
        if len(text) >= max(text_chars, 1000):  # enough to know there is text, whatever the search keeps
            break
        text += (page.extract_text() or "") + "\n"
    mark_info = root.get("/MarkInfo")
    mark_info = mark_info.get_object() if mark_info is not None else {}
    preferences = root.get("/ViewerPreferences")
    preferences = preferences.get_object() if preferences is not None else {}
    title = (reader.metadata or {}).get("/Title") or ""
    permissions = reader.user_access_permissions if reader.is_encrypted else None
    report.update(
        pages=len(pages),
        text_layer=bool(text.strip()),
        tagged="/StructTreeRoot" in root and _flag(mark_info.get("/Marked")),
        language=str(root.get("/Lang") or ""),
        title=bool(str(title).strip()) and _flag(preferences.get("/DisplayDocTitle")),
        fonts_embedded=_fonts_embedded(reader, pages[:PAGES_READ]),
        open_to_assistive_technology=(
            permissions is None or bool(permissions & UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS)
        ),
        text_chars=len(" ".join(text.split())),
        text=" ".join(text.split())[:text_chars],
    )
    return report


def _bounded():
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def check(upload):
    """The report of an uploaded or stored PDF (a file object); {"error": "unreadable"} when pypdf cannot read it
    (not a PDF), {"error": "timeout"} or {"error": "limits"} when it could not be read within the bounds. Never
    raises. Its "text" is for the search: the report kept with the item leaves it out (it is loaded with every page
    that shows the item)."""
    from django.conf import settings

    bounds = [str(settings.SEARCH_PDF_PAGES), str(settings.SEARCH_PDF_CHARS)]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        upload.seek(0)
        for chunk in iter(lambda: upload.read(1024 * 1024), b""):
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        try:
            done = subprocess.run(  # noqa: S603 - this interpreter and module; the file is our own copy
                [sys.executable, "-m", "velfaerd.content.pdfcheck", copy.name, *bounds],
                capture_output=True,
                timeout=WALL_SECONDS,
                preexec_fn=_bounded,  # only resource limits, set in the child before it runs
                cwd=ROOT,
                env={key: value for key, value in os.environ.items() if key.startswith(("PATH", "PYTHON", "LANG"))},
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": "timeout"}
    if done.returncode != 0:
        return {"error": "limits"}  # out of memory or CPU time: killed, or failed on the way
    try:
        return json.loads(done.stdout)
    except ValueError:
        return {"error": "unreadable"}


def main(path, pages_read=PAGES_READ, text_chars=TEXT_CHARS):
    from pypdf.errors import PyPdfError

    try:
        report = read(path, int(pages_read), int(text_chars))
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        report = {"error": "unreadable"}
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:4])
