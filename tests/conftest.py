import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    call_command("load_seed", verbosity=0)


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
