import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from tests import factories
from velfaerd.pages.models import CallToAction, ThemePage

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_call_to_action_without_a_target():
    section = factories.add_page_section(factories.make_theme_page())
    with pytest.raises(IntegrityError), transaction.atomic():
        CallToAction.objects.create(section=section, text="Ingen")


def test_the_database_refuses_a_call_to_action_with_two_targets():
    section = factories.add_page_section(factories.make_theme_page())
    with pytest.raises(IntegrityError), transaction.atomic():
        CallToAction.objects.create(
            section=section, text="To", publication=factories.make_publication(), article=factories.make_article()
        )


def test_linked_content_is_protected_from_deletion():
    publication = factories.make_publication()
    factories.add_call_to_action(factories.add_page_section(factories.make_theme_page()), publication)
    with pytest.raises(ProtectedError):
        publication.delete()


def test_publish_until_must_come_after_publish_from():
    article = factories.make_article()
    article.expire_at = article.publish_at
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "expire_at" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_pages_linking_to_an_item():
    publication = factories.make_publication()
    linking = factories.make_theme_page()
    section = factories.add_page_section(linking)
    factories.add_call_to_action(section, publication)
    factories.add_call_to_action(factories.add_page_section(linking), publication)
    factories.make_theme_page()
    assert list(ThemePage.objects.linking_to(publication)) == [linking]


def test_slugs_are_unique_within_a_section():
    page = factories.make_theme_page()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_theme_page(section=page.section, slug=page.slug)
    factories.make_theme_page(slug=page.slug)  # another section may use it
