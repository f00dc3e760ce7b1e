"""The PDF check's findings in Danish, each with a line of guidance (the check itself: pdfcheck.py)."""

from django.utils.translation import gettext_lazy as _

#: check -> (what it is when it passes, what it is when it fails, what to do)
CHECKS = {
    "text_layer": (
        _("Has a text layer"),
        _("No text layer: a scan"),
        _(
            "Screen readers and search find nothing in a scanned page. Export the PDF from the original document, or "
            "run text recognition (OCR) on it."
        ),
    ),
    "tagged": (
        _("Tagged"),
        _("Not tagged"),
        _(
            "Without tags, headings, lists and reading order are lost. Export with “Tagged PDF” (Word: Save as PDF, "
            "Options, “Document structure tags for accessibility”)."
        ),
    ),
    "language": (
        _("Has a document language"),
        _("No document language"),
        _(
            "A screen reader then reads Danish with another language’s voice. Set the document’s language before "
            "exporting."
        ),
    ),
    "title": (
        _("Has a title shown in the window"),
        _("No title shown in the window"),
        _("Give the document a title (File, Properties) and export so the title, not the file name, is shown."),
    ),
    "fonts_embedded": (
        _("Fonts embedded"),
        _("Fonts not embedded"),
        _("Text may look wrong or be read wrong on another machine. Export with fonts embedded."),
    ),
    "open_to_assistive_technology": (
        _("Open to assistive technology"),
        _("Locked against assistive technology"),
        _("Its security settings forbid screen readers to read it. Save it without those restrictions."),
    ),
}


def lines(report):
    """[(passed, label, guidance or "")] for a stored report; [] when there is none."""
    if not report or "error" in report:
        return []
    found = []
    for check, (good, bad, guidance) in CHECKS.items():
        passed = bool(report.get(check))
        found.append((passed, good if passed else bad, "" if passed else guidance))
    return found


def problems(report):
    """The labels of the checks a stored report fails."""
    return [label for passed, label, _guidance in lines(report) if not passed]
