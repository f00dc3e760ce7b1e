from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from velfaerd.caching import versions


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as with an empty database: a record kept by an earlier test (an image
    rendition said to be stored, in a storage another test has since replaced) must not reach the next."""
    cache.clear()


@pytest.fixture
def seeded(db):
    """The site's default content, as `make run` loads it: for the seed's own tests, and for restore, compare and
    conflicts as editors meet them on it."""
    call_command("load_seed", verbosity=0)


@pytest.fixture
def linked_page(db):
    """A published theme page with links to content of every kind, made with the factories (tests/factories.py)."""
    from tests import factories

    return factories.make_linked_page()


def _user_in_group(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """A member of the "Redaktør" group."""
    return _user_in_group(django_user_model, "redaktoer", "Redaktør")


@pytest.fixture
def staff_member(db, django_user_model):
    """A member of the "Medarbejder" group."""
    return _user_in_group(django_user_model, "medarbejder", "Medarbejder")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, staff_member):
    client.force_login(staff_member)
    return client


@pytest.fixture
def page_cache():
    """The page cache on, as visitors meet it (the test settings turn it off)."""
    cache.clear()
    # Each process checks the cache's content version against the database once a second: within a test, once.
    with override_settings(PAGE_CACHE_SECONDS=600), mock.patch.object(versions, "VERSION_CHECK_SECONDS", 3600):
        versions._checked.update(at=-3600, version=None)
        yield
    cache.clear()
