"""The content health page's sections: what each shows and how, declared once and drawn by one template
(templates/editorial/includes/health_section.html). What is found is health.py's."""

import dataclasses

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

#: How a cell shows a row: the link to fix it, its text, a date, a moment, who, or the places it is used.
CELLS = ("link", "label", "quoted", "detail", "day", "moment", "who", "places")


@dataclasses.dataclass(frozen=True)
class Section:
    name: str  # its rows in health.report()
    title: str
    empty: str  # said when it has no rows
    columns: tuple = ()  # (heading, cell); none: a list of links
    intro: str = ""  # said above it always
    help: str = ""  # said above its rows
    counted: bool = True  # its count in the heading

    def __post_init__(self):
        if unknown := [cell for _heading, cell in self.columns if cell not in CELLS]:
            raise ImproperlyConfigured(f"The health page's section {self.name} has unknown cells: {unknown}.")

    @property
    def anchor(self):
        return self.name.replace("_", "-")


SECTIONS = (
    Section(
        "review_due",
        _("Due for review"),
        _("Nothing is due for review."),
        ((_("Content"), "link"), (_("Due since"), "day"), (_("Owner"), "who")),
    ),
    Section(
        "broken_links",
        _("Broken links"),
        _("No broken links were found at the last check."),
        ((_("Address"), "label"), (_("Answer"), "detail"), (_("Used in"), "places")),
    ),
    Section(
        "weak_link_texts",
        _("Link texts that say nothing on their own"),
        _("All link texts say where they lead."),
        ((_("Link text"), "quoted"), (_("Where"), "link")),
        help=_(
            "Screen reader users often hear links out of context. Say where the link goes, e.g. “Read the report "
            "COK’s leadership survey 2015”."
        ),
    ),
    Section(
        "gone_links",
        _("Links to pages visitors cannot see"),
        _("Every link to a page of the site leads to a page visitors can see."),
        ((_("Link text"), "quoted"), (_("Where"), "link")),
        help=_(
            "The page it leads to is deleted, taken off or not out yet: visitors see the link's words without a "
            "link. Link to another page, or remove the link."
        ),
    ),
    Section("images_without_alt_text", _("Images without alt text"), _("Every image has an alt text.")),
    Section(
        "inaccessible_pdfs",
        _("PDFs that are not accessible"),
        _("Every PDF has text, tags, a language and a title."),
        ((_("PDF"), "link"), (_("What is missing"), "detail")),
        help=_(
            "Public bodies must publish accessible PDFs. Open the file's field to see each check with what to do; "
            "upload a better file when you have one."
        ),
    ),
    Section(
        "hardest_to_read",
        _("Hardest to read"),
        _("There are no texts long enough to measure."),
        ((_("Text"), "link"), (_("Readability"), "detail")),
        counted=False,
    ),
    Section(
        "drafts",
        _("Drafts waiting"),
        _("No drafts are waiting."),
        ((_("Draft"), "link"), (_("Last changed"), "moment")),
    ),
    Section(
        "scheduled",
        _("Scheduled"),
        _("Nothing is scheduled."),
        ((_("Content"), "link"), (_("Published from"), "moment")),
    ),
    Section(
        "not_found",
        _("Addresses not found"),
        _("No address has been asked for twice without being found."),
        ((_("Address"), "link"), (_("Times asked for"), "detail"), (_("Last asked for"), "moment")),
        intro=_(
            "Addresses visitors asked for more than once that have no page, most asked for first (the address "
            "only: nothing about who asked). Send them on to where their content is now."
        ),
    ),
)


def sections(report):
    """Each section with its page of rows, for the template."""
    return [{"section": section, "page": report[section.name]} for section in SECTIONS]
