"""Benchmark: twenty receipts at the counter, from the workspace's "Tiếp nhận hồ sơ" to the saved
dossier (scan the citizen ID card's QR, pick the procedure, tick all documents, save), timed in
Debian's chromium beside opening and saving a plain ToDo, in the same run (issue 13).

It is the `benchmark`-marked test of tests/browser/test_counter_desk.py (it needs that file's
fixtures: the served desk, the browser, the counter's unit and users on the test site), left out
of the suite because a timing loop proves nothing there and costs minutes. Run from the bench root:

	env/bin/python benchmarks/bench_counter_desk.py [--receipts 20]

It prints the medians and means of both and their ratio. Set up the test site first (`./ward test`
does it once).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

BENCH_ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--receipts", type=int, default=20)
	args = parser.parse_args()
	env = {**os.environ, "WARD_COUNTER_RECEIPTS": str(args.receipts)}
	env.setdefault("WARD_TEST_SITE", "test.localhost")
	command = [
		str(BENCH_ROOT / "env" / "bin" / "python"),
		"-m",
		"pytest",
		"tests/browser/test_counter_desk.py::test_twenty_receipts_beside_a_plain_todo",
		"-m",
		"benchmark",
		"-s",
		"-q",
		"-p",
		"no:cacheprovider",
	]
	sys.exit(subprocess.call(command, cwd=BENCH_ROOT, env=env))


if __name__ == "__main__":
	main()
