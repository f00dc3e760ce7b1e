"""Organisations and leadership themes are content: pages show them, so their changes move the page cache."""

from velfaerd.content.models import LeadershipTheme, Organisation
from velfaerd.content.registry import registry

registry.register(Organisation)
registry.register(LeadershipTheme)
