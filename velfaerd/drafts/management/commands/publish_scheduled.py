from django.core.management.base import BaseCommand

from velfaerd.drafts.drafts import publish_due


class Command(BaseCommand):
    help = "Publish the changes editors scheduled for now or earlier (each exactly once). Run it from cron."

    def handle(self, *args, **options):
        count = publish_due()
        self.stdout.write(f"Published {count} scheduled change(s).")
