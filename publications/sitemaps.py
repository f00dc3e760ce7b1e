from velfaerd.core.sitemaps import NamedPagesSitemap

SITEMAPS = {"publications-lists": NamedPagesSitemap(["publication-list", "survey-report-list"])}
