"""Rich text is cleaned on the server, whatever the browser sends."""

import re

import pytest

from tests import factories
from tests.admin import admin_form, change_url
from tests.html import visible_text
from velfaerd.content.richtext import sanitize
from velfaerd.pages.models import ThemePage

HOSTILE = (
    "<p>Før<script>alert('xss')</script></p>"
    '<p><img src="x" onerror="alert(1)">Billede</p>'
    '<p><a href="javascript:alert(1)">farligt link</a></p>'
    '<p onclick="alert(1)" style="color:red">Efter</p>'
)


@pytest.mark.django_db
def test_hostile_rich_text_sent_to_the_admin_is_stored_and_shown_without_it(admin_client, client):
    page = factories.make_theme_page()
    url = change_url(page)
    data = admin_form(admin_client, url, intro=HOSTILE)
    # A link that cannot be one is refused at the field, in Danish, with what the editor typed kept.
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    text = visible_text(refused.content.decode())
    assert "Linket “farligt link” går til “javascript:alert(1)”, som ikke er en webadresse." in text
    page.refresh_from_db()
    assert page.intro == "<p>Intro.</p>"

    data["intro"] = HOSTILE.replace("javascript:alert(1)", "www.kl.dk/velfaerd")
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    shown = client.get(page.get_absolute_url()).content.decode()
    # Less the page's own structured data: JSON-LD in which "<" is always escaped, so nothing can close it.
    shown = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", shown)
    for stored in (page.intro, shown):
        for bad in ("<script", "alert(", "onerror", "javascript:", "onclick", "style="):
            assert bad not in stored
    assert page.intro == (
        '<p>Før</p><p>Billede</p><p><a href="https://www.kl.dk/velfaerd">farligt link</a></p><p>Efter</p>'
    )


@pytest.mark.django_db
def test_rich_text_saved_from_code_is_cleaned_too():
    page = factories.make_theme_page(intro=HOSTILE)
    assert "<script" not in ThemePage.objects.get(pk=page.pk).intro


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h2>Overskrift</h2><h3>Under</h3><h4>Mindre</h4>", "<h2>Overskrift</h2><h3>Under</h3><h4>Mindre</h4>"),
        ("<h1>For stor</h1><h5>For lille</h5>", "For storFor lille"),
        ("<ul><li>a</li></ul><ol><li>b</li></ol>", "<ul><li>a</li></ul><ol><li>b</li></ol>"),
        ("<p><strong>fed</strong> <em>kursiv</em></p>", "<p><strong>fed</strong> <em>kursiv</em></p>"),
        ("<blockquote><p>citat</p></blockquote>", "<blockquote><p>citat</p></blockquote>"),
        ('<p><a href="https://example.org/">link</a></p>', '<p><a href="https://example.org/">link</a></p>'),
        ('<p><a href="mailto:a@example.org">mail</a></p>', '<p><a href="mailto:a@example.org">mail</a></p>'),
        # A link that cannot be one loses its link, never stored as an empty address; a host gets https://.
        ('<p><a href="data:text/html,x">data</a></p>', "<p>data</p>"),
        ('<p><a href="JaVaScRiPt:alert(1)">x</a></p>', "<p>x</p>"),
        ('<p><a href="">tom</a> <a>ingen</a></p>', "<p>tom ingen</p>"),
        ('<p><a href="www.kl.dk/velfaerd">KL</a></p>', '<p><a href="https://www.kl.dk/velfaerd">KL</a></p>'),
        ('<p><a href="kl.dk">KL</a></p>', '<p><a href="https://kl.dk">KL</a></p>'),
        ('<p><a href="navn@kl.dk">skriv</a></p>', '<p><a href="mailto:navn@kl.dk">skriv</a></p>'),
        ('<p><a href="/leder/#afsnit-2">her</a></p>', '<p><a href="/leder/#afsnit-2">her</a></p>'),
        ('<p><a href="rapport.pdf">fil</a></p>', "<p>fil</p>"),
        ("<iframe src=x></iframe><p>tekst</p>", "<p>tekst</p>"),
        ("<style>p{}</style><p>tekst</p>", "<p>tekst</p>"),
        ("<p></p>", ""),
    ],
)
@pytest.mark.django_db  # a link on this site is looked up: is it an item's page?
def test_allow_list(html, expected):
    assert sanitize(html) == expected
