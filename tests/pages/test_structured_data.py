"""Every public page's structured data expands as JSON-LD (pyld, with schema.org's vocabulary) and carries what
search engines expect of its type, with absolute addresses; every page has Open Graph and Twitter card tags."""

import html
import json
import re

import pytest
from pyld import jsonld

from tests import factories

pytestmark = pytest.mark.django_db
S = "http://schema.org/"
SITE = "http://testserver"


def offline_schema_org(url, options=None):
    """schema.org's context, without fetching it: its vocabulary (what matters for expansion)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}


def expanded(page_html):
    """Every node of every JSON-LD block on the page, expanded: {type: [node, ...]}."""
    nodes = {}
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S):
        for node in jsonld.flatten(json.loads(block), options={"documentLoader": offline_schema_org}):
            for kind in node.get("@type", []):
                nodes.setdefault(kind.removeprefix(S), []).append(node)
    return nodes


def values(node, name):
    return [value.get("@value", value.get("@id")) for value in node.get(S + name, [])]


def one(nodes, kind):
    assert kind in nodes, sorted(nodes)
    [node] = nodes[kind]
    return node


PAGES = {
    "/": "WebPage",
    "/leder/": "CollectionPage",
    "/leder/velfaerdsledelse/": "WebPage",
    "/publikationer/": "CollectionPage",
    "/publikationer/maskinrummet/": "ItemPage",
    "/rapporter/": "CollectionPage",
    "/rapporter/coks-lederundersoegelse-2015/": "ItemPage",
    "/artikler/": "CollectionPage",
    "/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/": "ItemPage",
    "/videncentre/videncenter-for-velfaerdsledelse/": "WebPage",
    "/temaer/": "CollectionPage",
    "/temaer/ledelsesrum-i-velfaerdsinstitutionen/": "CollectionPage",
    "/temaer/ledelsesrum-i-velfaerdsinstitutionen/publikationer/": "CollectionPage",
    "/om/tilgaengelighedserklaering/": "WebPage",
    "/soeg/?q=ledelse": "SearchResultsPage",
}
ITEMS = {
    "/publikationer/maskinrummet/": "Periodical",
    "/rapporter/coks-lederundersoegelse-2015/": "Report",
    "/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/": "Article",
    "/videncentre/videncenter-for-velfaerdsledelse/": "Organization",
}


@pytest.mark.parametrize("address", PAGES)
def test_every_page_s_json_ld_expands_with_absolute_addresses_and_what_its_type_needs(client, seeded, address):
    response = client.get(address)
    assert response.status_code == 200
    text = response.content.decode()
    nodes = expanded(text)
    path = address.split("?")[0]
    page = one(nodes, PAGES[address])
    assert values(page, "url") == [SITE + path]
    assert values(page, "name")
    assert values(page, "inLanguage") == ["da"]
    assert values(page, "image")[0].startswith(SITE + "/static/")
    website = one(nodes, "WebSite")
    assert values(page, "isPartOf") == [website["@id"]]
    organisation = [node for node in nodes["Organization"] if values(node, "name") == ["Velfærd"]]
    assert values(website, "publisher") == [organisation[0]["@id"]]
    if path != "/":
        crumbs = one(nodes, "BreadcrumbList")
        items = sorted(
            (int(values(item, "position")[0]), values(item, "item")[0])
            for item in nodes["ListItem"]
            if item["@id"] in values(crumbs, "itemListElement")
        )
        assert items[0] == (1, SITE + "/")
        assert items[-1] == (len(items), SITE + path)
    if address in ITEMS:
        entity = [node for node in nodes[ITEMS[address]] if node["@id"] in values(page, "mainEntity")]
        assert entity, "the item is the page's main entity"
        assert values(entity[0], "name") or values(entity[0], "headline")
        if ITEMS[address] != "Organization":
            assert values(entity[0], "headline")
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", values(entity[0], "datePublished")[0])
            assert values(entity[0], "publisher") or values(entity[0], "author")
    for url in re.findall(r'"(?:url|item|image|logo|contentUrl)":"([^"]+)"', text):
        assert url.startswith(("http://", "https://")), url
    # Link previews: Open Graph everywhere, with an image, and a Twitter card.
    assert '<meta property="og:title" content="' in text
    assert re.search(r'<meta property="og:image" content="http://testserver/', text)
    assert '<meta name="twitter:card" content="' in text


def test_the_seed_s_dates_are_the_ones_search_engines_read(client, seeded):
    page = one(expanded(client.get("/leder/velfaerdsledelse/").content.decode()), "WebPage")
    assert values(page, "dateModified")[0].startswith("2017-02-13")
    report = one(expanded(client.get("/rapporter/coks-lederundersoegelse-2015/").content.decode()), "Report")
    assert values(report, "datePublished") == ["2015-01-01"]
    assert values(report, "temporalCoverage") == ["2015"]


def test_an_item_s_own_picture_is_its_image(client, seeded):
    from publications.models import Publication

    publication = Publication.objects.get(slug="maskinrummet")
    publication.cover, publication.cover_alt = factories.image_file(), "Forsiden"
    publication.save()
    text = html.unescape(client.get("/publikationer/maskinrummet/").content.decode())
    entity = one(expanded(text), "Periodical")
    assert values(entity, "image")[0].startswith(SITE + "/media/")
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+\.webp">', text)
