"""Using the admin in tests as an editor does: open a form, change what the editor changes, press "Gem"."""

from tests.html import form_data


def change_url(obj, action="change"):
    """The admin address of ``obj``'s change form (or of its history, a revision: ``action``)."""
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{action}/"


def admin_form(client, url, form_id=None, **changes):
    """What a browser submits from the form at ``url`` after the editor typed ``changes`` (None: the field is left
    out, as an unticked box is) and pressed "Gem"."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = {**form_data(page.content.decode(), form_id), **changes, "_save": "Gem"}
    return {name: value for name, value in data.items() if value is not None}


def save(client, url, form_id=None, **changes):
    """Open the form at ``url``, type ``changes``, press "Gem": the response."""
    return client.post(url, admin_form(client, url, form_id, **changes))
