#!/usr/bin/env python
"""A dependency audit: pip-audit over every package installed in the virtualenv (the pinned requirements and
what they pull in), against the PyPI advisory database.

Exit 0: no known vulnerability. Exit 1: vulnerabilities found (listed). Exit 2: the advisory database could not
be reached, so nothing was checked; it says so plainly rather than reporting "no known vulnerabilities". With
--offline-ok that case exits 0 (for machines without the network), still saying plainly that nothing was checked.

    python scripts/audit.py [--offline-ok]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offline-ok", action="store_true", help="exit 0 when the database cannot be reached")
    args = parser.parse_args()
    result = subprocess.run(
        [str(PIP_AUDIT), "--local", "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None
    packages = (report or {}).get("dependencies", [])
    audited = [p for p in packages if "skip_reason" not in p]
    if report is None or not audited:
        if packages:
            reason = f"all {len(packages)} packages were skipped, e.g. {packages[0]['skip_reason']}"
        else:
            reason = (result.stderr.strip().splitlines() or ["pip-audit said nothing"])[-1]
        print("The vulnerability database could not be reached: NOTHING WAS CHECKED.")
        print(f"  ({reason})")
        return 0 if args.offline_ok else 2
    vulnerable = [p for p in audited if p.get("vulns")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"{package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
    skipped = len(packages) - len(audited)
    print(f"{len(audited)} packages audited, {len(vulnerable)} with known vulnerabilities, {skipped} skipped.")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
