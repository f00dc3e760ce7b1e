from django.core.management.base import BaseCommand

from velfaerd.editorial.digest import send_digests


class Command(BaseCommand):
    help = "Mails each owner what content health found in their items (weekly, from a timer; once a week at most)."

    def handle(self, *args, **options):
        self.stdout.write(f"Mailed {send_digests()} digest(s).")
