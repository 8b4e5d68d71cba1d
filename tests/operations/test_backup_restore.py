"""`./ward backup SITE FOLDER` and `./ward restore SITE FOLDER` end to end: a backup of the stack's
site (its own database server) restored into a new site on the bench's database server has every
record and file identical, its payment secrets still verify a gateway's callback, and its dossier
codes and receipt numbers continue without a gap or a duplicate."""

import json
import shutil
import subprocess

import mariadb
from conftest import BENCH, OPS_SITE, run_in_site

RESTORED = "restored-ops.localhost"
SECRET = "backup-gateway-secret"
# the records that must come back identical, and what numbers them
TABLES = (
	"tabDossier",
	"tabDossier Document",
	"tabFee Receipt",
	"tabJournal Entry",
	"tabGL Entry",
	"tabEmulation Point Entry",
	"tabFile",
	"tabAdministrative Unit",
	"tabSeries",
)


def ward_command(*args: str) -> str:
	done = subprocess.run([str(BENCH / "ward"), *args], capture_output=True, text=True, cwd=BENCH)
	assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
	return done.stdout


def rows(port: int, database: str, table: str) -> list[list[str]]:
	return mariadb.query("127.0.0.1", port, f"SELECT * FROM `{database}`.`{table}` ORDER BY 1")


def files(site: str) -> dict[str, bytes]:
	root = BENCH / "sites" / site
	return {
		str(path.relative_to(root)): path.read_bytes()
		for folder in ("public/files", "private/files")
		for path in sorted((root / folder).rglob("*"))
		if path.is_file()
	}


def test_a_backup_restores_into_a_new_site(stack, tmp_path):
	source = run_in_site(
		"""
		from dossier_factory import new_dossier
		from province_data import OVERDUE_ON, overdue_dossiers, ward_with_staff
		from ward_admin.emulation import points
		from ward_admin.fees.doctype.fee_receipt.fee_receipt import outstanding
		from ward_admin.setup.fees import set_payment_secret

		ward = ward_with_staff("999.74.01.H99", "_Test Phường Sao Lưu")
		set_payment_secret(ward["unit"], "backup-gateway-secret")
		overdue_dossiers(ward, 3)
		points.credit_overdue(OVERDUE_ON)  # point entries
		today = [new_dossier(ward["procedure"], unit=ward["unit"]).insert() for _ in range(3)]
		receipt = frappe.get_doc({
			"doctype": "Fee Receipt", "dossier": today[0].name, "payment_channel": "Cash",
			"amount": outstanding(today[0].name, today[0].fee_amount),
		}).insert()
		receipt.submit()
		for private, name in ((0, "thong-bao.txt"), (1, "to-khai-da-quet.txt")):
			frappe.get_doc({
				"doctype": "File", "file_name": name, "is_private": private, "content": f"Nội dung {name}",
				"attached_to_doctype": "Dossier", "attached_to_name": today[1].name,
			}).insert()
		frappe.db.commit()
		print(json.dumps({
			**ward, "today": [d.name for d in today], "unpaid": today[2].name, "fee": today[2].fee_amount,
			"receipt_number": receipt.receipt_number,
			"entries": frappe.db.count("Emulation Point Entry", {"administrative_unit": ward["unit"]}),
		}))
		"""
	)
	assert source["entries"] == 3 and source["fee"] > 0
	folder = tmp_path / "backups"
	ward_command("backup", OPS_SITE, str(folder))
	(backup,) = folder.iterdir()
	manifest = json.loads((backup / "manifest.json").read_text())
	assert manifest["site"] == OPS_SITE and manifest["counts"]["Dossier"] >= 6
	assert oct(backup.stat().st_mode & 0o777) == "0o700"  # the encryption key is in there
	config = json.loads((backup / manifest["files"]["site_config"]).read_text())
	assert config["encryption_key"]

	source_db = json.loads((BENCH / "sites" / OPS_SITE / "site_config.json").read_text())["db_name"]
	try:
		ward_command("restore", RESTORED, str(backup))
		restored = json.loads((BENCH / "sites" / RESTORED / "site_config.json").read_text())
		assert restored["encryption_key"] == config["encryption_key"]
		assert restored["db_name"] != source_db
		for table in TABLES:
			assert rows(3306, restored["db_name"], table) == rows(stack.primary.port, source_db, table), table
		assert files(RESTORED) == files(OPS_SITE) and len(files(RESTORED)) >= 2

		after = run_in_site(
			f"""
			from frappe.utils import now_datetime
			from frappe.utils.password import get_decrypted_password
			from dossier_factory import new_dossier
			from ward_admin.fees.doctype.fee_receipt import online
			from ward_admin.services.receipts import sign

			# the secret decrypts with the restored key and verifies the gateway's signature
			secret = get_decrypted_password("Administrative Unit", {source["unit"]!r}, "payment_secret")
			fields = {{
				"transaction_id": "VNP-RESTORE-0001", "dossier": {source["unpaid"]!r},
				"amount": {int(source["fee"])}, "paid_at": now_datetime().isoformat(timespec="seconds"),
			}}
			receipt = online.receive({{**fields, "signature": sign(fields, secret)}}, "127.0.0.1")
			frappe.db.commit()
			dossier = new_dossier({source["procedure"]!r}, unit={source["unit"]!r}).insert()
			frappe.db.commit()
			print(json.dumps({{
				"secret": secret,
				"receipt_number": frappe.db.get_value("Fee Receipt", receipt, "receipt_number"),
				"dossier": dossier.name,
			}}))
			""",
			site=RESTORED,
		)
		assert after["secret"] == SECRET
		# numbering continues where the backup left it: the next receipt, the next dossier of the day
		assert after["receipt_number"] == source["receipt_number"] + 1
		last = source["today"][-1]
		assert after["dossier"] == f"{last[:-4]}{int(last[-4:]) + 1:04d}"
	finally:
		subprocess.run(
			[
				str(BENCH / "env" / "bin" / "python"),
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"drop-site",
				RESTORED,
				"--no-backup",
				"--force",
				"--db-root-username",
				"root",
				"--db-root-password",
				"",
			],
			cwd=BENCH / "sites",
			input="\n",
			capture_output=True,
			text=True,
		)
		for leftover in (
			BENCH / "sites" / RESTORED,
			BENCH / ".ward" / f"site-{RESTORED}",
			BENCH / ".ward" / f"migrated-{RESTORED}",
			BENCH / "archived" / "sites" / RESTORED,  # where drop-site moves the folder
		):
			if leftover.is_dir():
				shutil.rmtree(leftover)
			elif leftover.exists():
				leftover.unlink()
