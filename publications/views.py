from django import forms
from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from velfaerd.caching.pagecache import ShowsMixin
from velfaerd.content.keyset import KeysetPaginationMixin
from velfaerd.content.models import LeadershipTheme, Organisation
from velfaerd.drafts.views import PublishedMixin

from .models import Publication, SurveyReport

CHOICE_ERRORS = {"invalid_choice": _("Choose one of the options in the list.")}


def years_of(queryset):
    """The years of ``queryset``'s items, newest first: a walk down the list's index, one step per year (the newest
    item of a year older than the last found), where DISTINCT read every item of the archive."""
    step = queryset.order_by(F("year").desc(nulls_last=True)).values_list("year")
    first = step.filter(year__isnull=False)[:1].query
    after = step.filter(year__lt=RawSQL("walk.year", ()))[:1].query
    first_sql, first_params = first.get_compiler(queryset.db).as_sql()
    after_sql, after_params = after.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE walk(year) AS (SELECT ({first_sql}) UNION ALL "  # noqa: S608 (the ORM's own SQL)
            f"SELECT ({after_sql}) FROM walk WHERE walk.year IS NOT NULL) "
            "SELECT year FROM walk WHERE year IS NOT NULL",
            (*first_params, *after_params),
        )
        return [year for (year,) in cursor.fetchall()]


class PublicationFilter(forms.Form):
    tema = forms.ModelChoiceField(
        label=_("Leadership theme"),
        queryset=LeadershipTheme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
        error_messages=CHOICE_ERRORS,
    )
    organisation = forms.ModelChoiceField(
        label=_("Published by"),
        queryset=Organisation.objects.none(),  # those of published publications: made per request, below
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
        error_messages=CHOICE_ERRORS,
    )
    aar = forms.TypedChoiceField(
        label=_("Year"), coerce=int, required=False, empty_value=None, error_messages=CHOICE_ERRORS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what visitors can find: an organisation that appears only on drafts is not offered (nor accepted).
        published = Publication.objects.published()
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=published.values("publishers")
        ).order_by("name")
        self.fields["aar"].choices = [("", _("All years")), *((y, y) for y in years_of(published))]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["tema"]:
            queryset = queryset.filter(themes=data["tema"])
        if data["organisation"]:
            queryset = queryset.filter(publishers=data["organisation"])
        if data["aar"]:
            queryset = queryset.filter(year=data["aar"])
        return queryset


class PublicationListView(ShowsMixin, KeysetPaginationMixin, ListView):
    shows = (Publication, LeadershipTheme, Organisation)
    model = Publication
    paginate_by = 12
    context_object_name = "publications"

    def get_queryset(self):
        self.filter_form = PublicationFilter(self.request.GET or None)
        queryset = Publication.objects.published().prefetch_related("publishers")
        return self.filter_form.filter(queryset)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            # A filter value the site does not have: shown with the error, never kept by a cache.
            add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        for name in ("page", "efter", "foer"):
            query.pop(name, None)
        return super().get_context_data(filter_form=self.filter_form, filter_query=query.urlencode(), **kwargs)


class PublicationDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = ()
    model = Publication
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("publishers", "themes")


class SurveyReportListView(ShowsMixin, KeysetPaginationMixin, ListView):
    shows = (SurveyReport,)
    model = SurveyReport
    paginate_by = 12
    context_object_name = "reports"

    def get_queryset(self):
        return SurveyReport.objects.published().select_related("organisation")


class SurveyReportDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = ()
    model = SurveyReport
    context_object_name = "report"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation").prefetch_related("findings", "themes")
