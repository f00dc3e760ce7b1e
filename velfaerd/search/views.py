"""The search page."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from velfaerd.reading import counting
from velfaerd.search import search


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=search.MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": _("The search can be at most %(limit_value)d characters long.")},
    )


def search_view(request):
    form = SearchForm(request.GET or None)
    query = ""
    page = None
    too_slow = False
    if form.is_valid():
        query = search.normalise(form.cleaned_data["q"])
        try:
            page = search.search(query, request.GET.get("page", 1))
        except search.TooSlow:
            too_slow = True
        else:
            found_nothing = page is not None and not page.paginator.count
            if found_nothing and settings.READING_COUNT and counting.is_reader(request):
                counting.count_search_miss(query)  # for the editors' "Læsning": kept once several asked it
    context = {
        "form": form,
        "query": query,
        "hits": page.object_list if page else [],
        "page_obj": page,
        "paginator": page.paginator if page else None,
        "is_paginated": bool(page and page.has_other_pages()),
        "query_string": urlencode({"q": query}),
        "too_slow": too_slow,
    }
    return render(request, "search/search.html", context, status=503 if too_slow else 200)
