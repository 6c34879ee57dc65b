"""The click sweep in a loop, for bench/redirect.py: runs fraud.services.clicks.clicks_sweep()
every --interval seconds against the benchmark's database while wrk drives the redirect, until
SIGTERM, then prints one line `SWEEPER {...}` (sweeps, flags raised or updated, seconds spent
sweeping, the longest sweep)."""

import argparse
import json
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
stopping = False


def stop(_signum, _frame) -> None:
    global stopping
    stopping = True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from fraud.services.clicks import clicks_sweep

    sweeps, flags, busy, longest = 0, 0, 0.0, 0.0
    print("SWEEPER_READY", flush=True)
    while not stopping:
        started = time.monotonic()
        flags += clicks_sweep()
        spent = time.monotonic() - started
        sweeps, busy, longest = sweeps + 1, busy + spent, max(longest, spent)
        deadline = started + args.interval
        while not stopping and time.monotonic() < deadline:
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
    result = {
        "sweeps": sweeps,
        "flags": flags,
        "busy_s": round(busy, 3),
        "max_s": round(longest, 3),
    }
    print("SWEEPER " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
