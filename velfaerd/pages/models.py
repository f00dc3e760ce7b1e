"""Pages: sections of the site, theme pages with their parts (page sections, "afsnit") and calls to action, and
information pages.

One word, one meaning: a *section* is a part of the site ("Leder") that holds theme pages; a theme page's parts are
``page.parts`` (PageSection). A call to action's foreign key to its part keeps its stored name ``section``: old
revisions keep it by that name, and restoring them must go on working.

A theme page belongs to a section (the breadcrumb's parent, e.g. "Leder") and consists of an intro and ordered
sections; each section has ordered calls to action that point at exactly one content item.
"""

import functools
import operator

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.content.models import today
from velfaerd.content.publishing import ContentQuerySet, Publishable, PublishableQuerySet, published_q
from velfaerd.content.readability import lix
from velfaerd.content.reviewing import Reviewable
from velfaerd.content.richtext import RichTextField
from velfaerd.knowledge.models import KnowledgeCentreLink


class SectionQuerySet(PublishableQuerySet):
    def with_published_pages(self, limit):
        """With the first ``limit`` theme pages visitors may see, in the section's order (``first_pages``), in one
        more query, and how many there are (``published_pages``)."""
        now = timezone.now()
        pages = ThemePage.objects.published(now).order_by("order", "title", "pk")[:limit]
        return self.prefetch_related(models.Prefetch("pages", queryset=pages, to_attr="first_pages")).annotate(
            published_pages=models.Count("pages", filter=published_q(now, "pages__"))
        )


@reversion.register()
class Section(Publishable):
    """A section of the site, such as "Leder", that holds theme pages."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    intro = RichTextField(_("intro"))
    order = models.PositiveIntegerField(_("order"), default=0)
    require_approval = models.BooleanField(
        _("require approval before publishing"),
        default=False,
        help_text=_(
            "A change to a theme page of this section is published only by another editor than the one who wrote "
            "it: its author saves it as a draft and asks a colleague to read it."
        ),
    )

    objects = SectionQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["order", "title"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("section-detail", kwargs={"slug": self.slug})

    def items_addressed_within(self):
        """Its theme pages: their addresses begin with its own (for redirects when it is renamed)."""
        return list(self.pages.select_related("section"))


class ThemePageQuerySet(PublishableQuerySet):
    def linking_to(self, item):
        """Theme pages with a call to action that points at ``item``, or a link to it in their text (a reference:
        velfaerd/redirects/references.py)."""
        from velfaerd.redirects.references import referring

        ref = referring(item)
        in_text = Q(intro__contains=ref) | Q(parts__body__contains=ref) | Q(parts__calls_to_action__lead__contains=ref)
        try:
            field = CallToAction.target_field_for(item)
        except TypeError:  # a kind no call to action points at (a section, an information page)
            return self.filter(pk__in=self.filter(in_text).values("pk"))
        return self.filter(pk__in=self.filter(Q(**{f"parts__calls_to_action__{field}": item}) | in_text).values("pk"))

    def mark_updated(self, date=None):
        """Move "Sidst opdateret" of these pages to ``date`` (today by default)."""
        pages = self.model.objects.filter(pk__in=self.values("pk"))
        now = timezone.now()
        return pages.update(last_updated=date or today(), updated_at=now, changed_at=now)


@reversion.register(follow=("parts",))
class ThemePage(Reviewable, Publishable):
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("section"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for search engines and link previews."),
    )
    intro = RichTextField(_("intro"))
    order = models.PositiveIntegerField(_("order"), default=0)
    last_updated = models.DateField(
        _("last updated"),
        default=today,
        help_text=_("Shown as “Sidst opdateret”. Moves to today when a substantive change is saved."),
    )

    #: Its "Sidst opdateret" is when it last changed (``last_changed()``).
    LAST_CHANGED = F("last_updated")
    #: Visible only while its section is: in lists, search, feeds, sitemaps and redirects alike.
    PUBLISHED_WITHIN = ("section",)

    objects = ThemePageQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["section__order", "order", "title"]
        verbose_name = _("theme page")
        verbose_name_plural = _("theme pages")
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["section", "slug"],
                name="velfaerd_themepage_unique_slug_in_section",
            ),
        ]
        permissions = [("change_last_updated", "Can change the last updated date")]

    def __str__(self):
        return self.title

    def requires_approval(self):
        """Its section's "Kræv godkendelse før udgivelse": published only by another editor than its author."""
        return self.section.require_approval

    def get_absolute_url(self):
        return reverse(
            "theme-page-detail",
            kwargs={"section": self.section.slug, "slug": self.slug},
        )

    def clean(self):
        super().clean()
        if self.last_updated and self.last_updated > today():
            raise ValidationError({"last_updated": _("“Last updated” cannot be in the future.")})

    def last_changed(self):
        """Its "Sidst opdateret": the date its owner keeps true."""
        return self.last_updated

    def theme_pages_to_mark_updated(self):
        """A substantive change to a theme page moves its own "Sidst opdateret"."""
        return ThemePage.objects.filter(pk=self.pk)


class LastUpdatedDate(ThemePage):
    """A theme page as the section's owner ("Medarbejder") keeps it: its "Sidst opdateret" date and nothing else.

    Its own admin screen; the permission is the theme page's ``change_last_updated``."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("“Sidst opdateret” of a theme page")
        verbose_name_plural = _("“Sidst opdateret” of theme pages")


@reversion.register(follow=("calls_to_action",))
class PageSection(models.Model):
    page = models.ForeignKey(
        ThemePage,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("page"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    subheading = models.CharField(_("subheading"), max_length=300, blank=True)
    body = RichTextField(_("text"))

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("page section")
        verbose_name_plural = _("page sections")

    def __str__(self):
        return self.heading

    #: The item an editor opens to change this one: its page (content/changes.py).
    EDITED_ON = "page"

    def form_prefix(self):
        """Its prefix in the page's change form (the admin's inline formsets list parts in their order)."""
        pks = list(PageSection.objects.filter(page_id=self.page_id).values_list("pk", flat=True))
        return f"parts-{pks.index(self.pk)}" if self.pk in pks else None

    def visible_calls_to_action(self, include_drafts=False):
        """The calls to action whose target visitors may see (uses the prefetched calls and targets).

        With ``include_drafts`` (a staff preview) every call to action is shown.
        """
        now = timezone.now()
        return [cta for cta in self.calls_to_action.all() if include_drafts or cta.target.is_live(now)]

    def lix(self):
        """Readability of the section's text and the text before its links together."""
        return functools.reduce(operator.add, (lix(cta.lead) for cta in self.calls_to_action.all()), lix(self.body))


def _exactly_one_of(fields):
    """A Q that holds when exactly one of ``fields`` is set."""
    return functools.reduce(
        operator.or_,
        (
            Q(
                **{f"{field}__isnull": False},
                **{f"{other}__isnull": True for other in fields if other != field},
            )
            for field in fields
        ),
    )


#: The kinds of content a call to action can point at, one nullable foreign key each.
CALL_TO_ACTION_TARGETS = (
    "publication",
    "survey_report",
    "article",
    "knowledge_centre_link",
)


class CallToActionQuerySet(ContentQuerySet):
    def for_pages(self):
        """With their targets, in the same query, and of the targets only what a page shows of them: the title,
        the address and whether visitors may see it."""
        target_fields = ["slug", "is_published", "publish_at", "expire_at"]
        fields = ["section", "order", "lead", "text", *CALL_TO_ACTION_TARGETS]
        for target in CALL_TO_ACTION_TARGETS:
            title = "name" if target == "knowledge_centre_link" else "title"
            fields += [f"{target}__{field}" for field in (*target_fields, title)]
        return self.select_related(*CALL_TO_ACTION_TARGETS).only(*fields)


@reversion.register()
class CallToAction(models.Model):
    """A link from a page section to exactly one content item, e.g. "Læs publikationen MASKINRUMMET"."""

    TARGET_FIELDS = CALL_TO_ACTION_TARGETS

    section = models.ForeignKey(
        PageSection,
        on_delete=models.CASCADE,
        related_name="calls_to_action",
        verbose_name=_("page section"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    lead = RichTextField(
        _("text before the link"),
        help_text=_("Optional text shown just above the link."),
    )
    text = models.CharField(_("link text"), max_length=200)
    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls_to_action",
        verbose_name=_("publication"),
    )
    survey_report = models.ForeignKey(
        "publications.SurveyReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls_to_action",
        verbose_name=_("survey report"),
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls_to_action",
        verbose_name=_("article"),
    )
    knowledge_centre_link = models.ForeignKey(
        KnowledgeCentreLink,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls_to_action",
        verbose_name=_("knowledge-centre link"),
    )

    objects = CallToActionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_of(CALL_TO_ACTION_TARGETS),
                name="velfaerd_calltoaction_exactly_one_target",
            ),
        ]

    def __str__(self):
        return self.text

    #: The item an editor opens to change this one: its section's page (content/changes.py).
    EDITED_ON = "section__page"

    def form_prefix(self):
        section = self.section.form_prefix()
        pks = list(CallToAction.objects.filter(section_id=self.section_id).values_list("pk", flat=True))
        return f"{section}-calls_to_action-{pks.index(self.pk)}" if section and self.pk in pks else None

    @property
    def target(self):
        for field in self.TARGET_FIELDS:
            if getattr(self, f"{field}_id") is not None:
                return getattr(self, field)
        return None

    def hidden_context(self):
        """What a screen reader should hear after a link text that does not name what it opens.

        "Du kan læse rapporten her" becomes "Du kan læse rapporten her: COK´s lederundersøgelse 2015"; a text that
        already names its target ("Læs publikationen MASKINRUMMET") gets nothing.
        """
        title = str(self.target)
        return "" if title.casefold() in self.text.casefold() else title

    @classmethod
    def target_field_for(cls, item):
        for field in cls.TARGET_FIELDS:
            if isinstance(item, cls._meta.get_field(field).related_model):
                return field
        raise TypeError(f"A call to action cannot point at {type(item).__name__}.")

    def clean(self):
        super().clean()
        chosen = [field for field in self.TARGET_FIELDS if getattr(self, f"{field}_id") is not None]
        if len(chosen) != 1:
            message = _("Choose exactly one item for the link to point at.")
            raise ValidationError(dict.fromkeys(chosen or self.TARGET_FIELDS, message))


@reversion.register()
class InfoPage(Reviewable, Publishable):
    """A page of its own, such as the accessibility statement ("Tilgængelighedserklæring")."""

    ACCESSIBILITY_STATEMENT = "tilgaengelighedserklaering"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    body = RichTextField(_("text"))

    #: An information page has no "substantive change" box: every change it is saved with counts.
    LAST_CHANGED = F("updated_at")

    class Meta(Publishable.Meta):
        ordering = ["title"]
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("info-page-detail", kwargs={"slug": self.slug})

    def last_changed(self):
        return self.updated_at


@reversion.register(follow=["items"])
class Menu(Publishable):
    """One of the site's menus, as editors arrange it: the main menu in the header, the footer's links. Drafts,
    schedules and history as any content; a change shows on every page at once (each page shows the menus)."""

    MAIN = "main"
    FOOTER = "footer"
    KEYS = [(MAIN, _("Main menu")), (FOOTER, _("Footer"))]

    key = models.CharField(_("menu"), max_length=20, choices=KEYS, unique=True)

    class Meta(Publishable.Meta):
        ordering = ["key"]
        verbose_name = _("menu")
        verbose_name_plural = _("menus")

    def __str__(self):
        return str(self.get_key_display())

    def get_absolute_url(self):
        return reverse("home")  # shown on every page; the front page is the first


@reversion.register()
class MenuItem(models.Model):
    """A link of a menu: its text and the address it opens, on this site ("/leder/") or elsewhere (https://…).
    An address on this site must answer visitors when the menu is saved (admin: MenuItemForm)."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items", verbose_name=_("menu"))
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("link text"), max_length=100)
    address = models.CharField(
        _("address"),
        max_length=500,
        help_text=_(
            "A page of this site, such as /leder/ or /om/privatliv/, or a whole address elsewhere (https://…)."
        ),
    )

    objects = ContentQuerySet.as_manager()

    #: Edited on its menu's form (content health checks the menu with its links).
    EDITED_ON = "menu"

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("menu link")
        verbose_name_plural = _("menu links")

    def __str__(self):
        return self.text
