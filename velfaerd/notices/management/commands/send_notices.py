from django.core.management.base import BaseCommand

from velfaerd.notices.mail import deliver_waiting


class Command(BaseCommand):
    help = "Sends the mail to editors that could not be sent when its event happened (the mail server failed)."

    def handle(self, *args, **options):
        sent, waiting = deliver_waiting()
        self.stdout.write(f"Sent {sent} mail(s); {waiting} still waiting.")
