"""No control characters come in: a title pasted from Word cannot take the feeds down."""

import pytest

from tests import factories
from tests.admin import change_url, save
from velfaerd.content.text import without_controls

pytestmark = pytest.mark.django_db


def test_without_controls_keeps_words_apart_and_line_breaks_where_they_belong():
    assert without_controls("Linje\x0bto\x00\x1b\x7f\x9f", multiline=True) == "Linje\nto"
    assert without_controls("Linje\x0bto\ttre\r\nfire", multiline=False) == "Linje to tre fire"
    assert without_controls("Æble\tø\nå") == "Æble\tø\nå"


def test_every_text_field_is_cleaned_on_the_way_in_whatever_saves_it(admin_client):
    publication = factories.make_publication(title="Ledelse\x0bi\x01 dag", summary="<p>Tekst\x0cmed\x02 skift</p>")
    publication.refresh_from_db()
    assert publication.title == "Ledelse i dag"
    assert "\x0c" not in publication.summary
    assert "\x02" not in publication.summary
    organisation = factories.make_organisation(name="KL\x0b")
    organisation.refresh_from_db()
    assert organisation.name == "KL "
    response = save(admin_client, change_url(publication), "publication_form", subtitle="Under\x0btitel")
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.subtitle == "Under titel"


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_a_control_character_saved_before_does_not_take_a_feed_down(client, url):
    publication = factories.make_publication(title="God titel")
    # A row written before the cleaning existed (a raw update sends no signal).
    type(publication).objects.filter(pk=publication.pk).update(title="Word\x0btitel", summary="<p>Resumé\x0b</p>")
    response = client.get(url)
    assert response.status_code == 200
    assert "Word titel" in response.content.decode()
