"""`./ward serve`'s sizing of gunicorn and RQ workers from the machine (ops/serve.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ops"))

from serve import RESERVED_MB, WORKER_MB, size


def test_workers_follow_the_cores_while_memory_allows():
	assert size(2, 24_000).workers == 5  # 2 x cores + 1
	assert size(8, 64_000).workers == 17
	assert size(2, 24_000).threads == 4


def test_memory_caps_the_workers_and_two_always_serve():
	assert size(16, RESERVED_MB + 3 * WORKER_MB).workers == 3
	assert size(4, 512).workers == 2  # a tiny machine still serves two requests at once
	assert size(1, 100_000).workers == 3


def test_one_rq_worker_per_queue_then_more_with_the_cores():
	assert size(2, 24_000).rq_workers == 1
	assert size(8, 64_000).rq_workers == 2
