"""Organisations and leadership themes are content: pages show them, so their changes move the page cache."""

from .models import LeadershipTheme, Organisation
from .registry import registry

registry.register(Organisation)
registry.register(LeadershipTheme)
