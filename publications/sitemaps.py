from velfaerd.seo.sitemaps import NamedPagesSitemap

from .models import Publication, SurveyReport

SITEMAPS = {
    "publications-lists": NamedPagesSitemap({"publication-list": [Publication], "survey-report-list": [SurveyReport]})
}
