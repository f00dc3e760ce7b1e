import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from velfaerd.editorial.linkcheck import check_links


class Command(BaseCommand):
    help = (
        "Checks every external address the site shows (web addresses of items and links in rich text) and stores "
        "the results for the content health dashboard. Quiet with --quiet, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer")
        parser.add_argument("--deadline", type=float, help="seconds for one address in all (default: 3 x timeout)")
        parser.add_argument("--run-deadline", type=float, default=600, help="seconds for the whole run")
        parser.add_argument("--retries", type=int, default=2, help="extra tries after a transient error")
        parser.add_argument("--per-host", type=int, default=2, help="requests at a time to one host")
        parser.add_argument("--concurrency", type=int, default=10, help="requests at a time in all")
        parser.add_argument("--quiet", action="store_true", help="print nothing unless something fails")

    def handle(self, *args, **options):
        quiet = options["quiet"] or options["verbosity"] == 0

        def progress(total):
            return tqdm(total=total, desc="Tjekker links", unit="link", disable=quiet or not sys.stderr.isatty())

        checks = check_links(
            progress_factory=progress,
            timeout=options["timeout"],
            retries=options["retries"],
            deadline=options["deadline"],
            run_deadline=options["run_deadline"],
            per_host=options["per_host"],
            concurrency=options["concurrency"],
        )
        broken = [check for check in checks if check.is_broken]
        if not quiet:
            self.stdout.write(f"{len(checks)} links checked, {len(broken)} broken.")
            for check in broken:
                reason = check.status_code or check.error
                self.stdout.write(f"  {check.url}: {reason}")
