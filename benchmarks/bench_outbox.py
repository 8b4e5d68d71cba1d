"""Benchmark: the outbox's throughput to a local receiver, and what queuing costs a dossier's save.

Run from the bench root with the bench's Python, against a benchmark site (never the test site):

	./ward site bench.localhost && env/bin/python benchmarks/bench_outbox.py --site bench.localhost

Targets (issue 20): the throughput is printed (messages per second to a receiver that answers at
once); queuing a dossier's messages adds at most 10% to the save that causes them.

(a) Throughput. An HTTP server in this process (tests/receivers.py, answering
{"error_code": "0"} at once) plays the national portal. ``--messages`` National Portal messages
(default 2,000) of ``--streams`` dossiers (default 200: a dossier's messages go one after another,
several dossiers at once) are written and committed, with a payload of the national fields' usual
size; then ``ward_admin.integrations.outbox.deliver()`` runs until none is left, as the scheduler's
job would, and the wall time from the first run to the last delivery is timed. The receiver shares
the process (and its GIL) with the sender's threads, so the figure is a floor. The messages are
deleted afterwards.

(b) Cost on a save. The real path of a counter receipt (``frappe.get_doc({...}).insert()`` of a
Direct dossier of procedure 1.004873, every document ticked) as Administrator, ``--n`` times
(default 300, after ``--warmup``) with the national portal's sync on and every Citizen Notification
Template enabled (the receipt queues three messages: the portal's sync, an e-mail and an SMS),
alternated with the same receipt with the sync off and every template disabled (nothing queued).
Median of each and the difference. Everything in (b) runs in a transaction rolled back at the end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

BENCH_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH_ROOT / "benchmarks"))
sys.path.insert(0, str(BENCH_ROOT / "tests"))

import frappe
from benchlib import connected, ms, rerun_command, rolled_back

UNIT = "999.99.20.B20"
PROCEDURE = "1.004873"
PREFIX = "BENCH-OUTBOX-"


def sample_payload(i: int) -> dict:
	return {
		"MaHoSo": f"{UNIT}-260302-{i:04d}",
		"MaTTHC": PROCEDURE,
		"TenTTHC": "Đăng ký khai sinh",
		"MaLinhVuc": "Hộ tịch",
		"TenLinhVuc": "Hộ tịch",
		"ChuHoSo": "Nguyễn Văn An",
		"LoaiDoiTuong": "1",
		"MaDoiTuong": "001090012345",
		"Email": "an@example.com",
		"SoDienThoai": "0912345678",
		"TrichYeuHoSo": "Đăng ký khai sinh",
		"NgayTiepNhan": "20260302100000",
		"NgayHenTra": "20260305100000",
		"TrangThaiHoSo": "2",
		"NgayTra": "",
		"HinhThuc": "0",
		"NgayKetThucXuLy": "",
		"DonViXuLy": "Phường Benchmark",
		"MaDonVi": UNIT,
		"TaiLieuNop": [{"TenGiayTo": "Tờ khai đăng ký khai sinh"}, {"TenGiayTo": "Giấy chứng sinh"}],
		"DanhSachLePhi": [],
		"DanhSachHoSoBoSung": [],
		"isUpdating": False,
	}


def remove_bench_messages() -> None:
	frappe.db.rollback()
	names = frappe.get_all("Outbox Message", filters={"reference_name": ("like", f"{PREFIX}%")}, pluck="name")
	for chunk in range(0, len(names), 1000):
		part = names[chunk : chunk + 1000]
		frappe.db.delete("Outbox Attempt", {"parent": ("in", part)})
		frappe.db.delete("Outbox Message", {"name": ("in", part)})
	frappe.db.commit()


def set_portal(url: str | None) -> None:
	settings = frappe.get_single("National Portal Settings")
	if url:
		settings.update({"enabled": 1, "endpoint_url": url, "username": "bench", "password": "bench-pass"})
	else:
		settings.enabled = 0
	settings.save()


def throughput(messages: int, streams: int) -> tuple[float, int]:
	from receivers import HttpReceiver

	from ward_admin.integrations import outbox

	receiver = HttpReceiver().start()
	previous = frappe.db.get_singles_dict("National Portal Settings")
	remove_bench_messages()
	try:
		set_portal(receiver.url)
		for i in range(messages):
			stream = i % streams
			outbox.queue(
				outbox.NATIONAL_PORTAL,
				"DongBoHoSoMC",
				"Dossier",
				f"{PREFIX}{stream:05d}",
				f"{PREFIX}{i}",
				sample_payload(i),
			)
		frappe.db.commit()
		started = time.perf_counter()
		sent = 0
		while sent < messages:
			delivered = outbox.deliver()
			if not delivered:
				break
			sent += delivered
		elapsed = time.perf_counter() - started
		received = len(receiver.requests)
		return (sent / elapsed if elapsed else 0.0), received
	finally:
		receiver.stop()
		remove_bench_messages()
		settings = frappe.get_single("National Portal Settings")
		settings.enabled = previous.get("enabled") or 0
		settings.save()
		frappe.db.commit()


def ensure_unit() -> None:
	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	if not frappe.db.exists("Administrative Unit", UNIT):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": "Phường Benchmark Outbox",
				"unit_code": UNIT,
				"unit_type": "Ward",
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert()


def receipt(procedure: str) -> float:
	started = time.perf_counter()
	doc = frappe.get_doc(
		{
			"doctype": "Dossier",
			"administrative_unit": UNIT,
			"procedure": procedure,
			"channel": "Direct",
			"applicant_name": "Nguyễn Văn An",
			"applicant_id_number": "001090012345",
			"applicant_phone": "0912345678",
			"applicant_email": "an@example.com",
		}
	)
	doc.run_method("before_insert")
	for row in doc.documents:
		row.received = 1
	doc.insert()
	return time.perf_counter() - started


def save_cost(n: int, warmup: int) -> tuple[float, float, tuple]:
	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	with rolled_back():
		ensure_unit()
		procedure = get_effective_procedure(PROCEDURE)
		templates = frappe.get_all("Citizen Notification Template", pluck="name")

		def switch(on: bool) -> None:
			from ward_admin.integrations.national_portal import is_enabled
			from ward_admin.integrations.notifications import clear_template_cache, enabled_templates

			set_portal("http://127.0.0.1:9" if on else None)
			frappe.db.set_value(
				"Citizen Notification Template", {"name": ("in", templates)}, "enabled", int(on)
			)
			clear_template_cache()  # set_value runs no hook: the cached list goes here
			# a site's steady state: the settings and templates are in the caches before a save
			enabled_templates()
			is_enabled()

		for i in range(warmup):
			switch(i % 2 == 0)
			receipt(procedure)
		with_queue, without = [], []
		for i in range(n):
			for on in (True, False) if i % 2 == 0 else (False, True):
				switch(on)
				(with_queue if on else without).append(receipt(procedure))
		queued = frappe.db.sql(
			"select channel, count(*) from `tabOutbox Message` where administrative_unit = %s group by channel",
			UNIT,
		)
		return statistics.median(with_queue), statistics.median(without), queued


def main(argv=None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--site", default="bench.localhost")
	parser.add_argument("--messages", type=int, default=2000)
	parser.add_argument("--streams", type=int, default=200)
	parser.add_argument("--n", type=int, default=300)
	parser.add_argument("--warmup", type=int, default=20)
	parser.add_argument("--skip-throughput", action="store_true")
	args = parser.parse_args(argv)

	with connected(args.site):
		print(f"bench_outbox on {args.site}")
		if not args.skip_throughput:
			rate, received = throughput(args.messages, args.streams)
			print(
				f"(a) throughput: {rate:,.0f} messages/s to a local receiver "
				f"({args.messages} messages of {args.streams} dossiers; the receiver got {received})"
			)
		with_queue, without, queued = save_cost(args.n, args.warmup)
		added = with_queue - without
		print(
			f"(b) counter receipt, median of {args.n}: {ms(with_queue)} queuing 3 messages, "
			f"{ms(without)} queuing none: +{ms(added).strip()} ({added / without:+.1%}; target <= +10%)"
		)
		print(f"    messages queued during (b), by channel, rolled back: {dict(queued)}")
		print(
			json.dumps(
				{
					"throughput_per_s": round(rate, 1) if not args.skip_throughput else None,
					"save_added_share": round(added / without, 4),
				}
			)
		)
	print(f"rerun: {rerun_command('bench_outbox.py', argv)}")


if __name__ == "__main__":
	main()
