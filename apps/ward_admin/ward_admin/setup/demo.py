"""The demo ward: a province, Phường Văn An and its neighbours, and a logged-in user for every role.

Loaded by `bench --site SITE load-ward-demo` (which `./ward run` calls) from the repository's
`fixtures/demo.json`. Every step skips what already exists, so loading twice changes nothing.
"""

import json
from pathlib import Path

import click
import frappe
from frappe.utils import get_bench_path, nowdate

from ward_admin.setup.catalogue import ensure_procedure_catalogue
from ward_admin.setup.fees import ensure_fee_settings, ensure_receipt_symbol, set_payment_secret
from ward_admin.setup.holidays import ensure_default_working_calendar
from ward_admin.setup.install import create_roles
from ward_admin.setup.wizard import complete_setup_wizard

DEMO_FLAG = "ward_admin_demo_loaded"


def default_demo_file() -> Path:
	return Path(get_bench_path()) / "fixtures" / "demo.json"


def is_loaded() -> bool:
	return bool(frappe.db.get_default(DEMO_FLAG))


def load(path: str | Path | None = None) -> None:
	data = json.loads(Path(path or default_demo_file()).read_text(encoding="utf-8"))
	steps = [
		("ERPNext setup wizard", lambda: complete_setup_wizard(**_wizard_args(data["setup"]))),
		("Staff roles", create_roles),
		("Working calendar", ensure_default_working_calendar),
		("Procedure catalogue", ensure_procedure_catalogue),
		("Administrative units", lambda: _make_units(data["units"])),
		("Fee accounts and receipt symbols", lambda: _make_fee_setup(data["units"])),
		("Staff users and employees", lambda: _make_users(data["users"], data["password"])),
		("Routing of dossiers to specialists", lambda: _make_routings(data["users"])),
		("Citizens' accounts", lambda: _make_citizens(data.get("citizens", []), data["password"])),
		("Sample dossiers", lambda: _make_dossiers(data.get("dossiers", []), data["users"])),
		("Vietnamese as the default language", _set_language),
	]
	for number, (label, run) in enumerate(steps, 1):
		click.echo(f"  [{number}/{len(steps)}] {label}")
		run()
		frappe.db.commit()
	frappe.db.set_default(DEMO_FLAG, nowdate())
	frappe.db.commit()
	frappe.clear_cache()


def _wizard_args(setup: dict) -> dict:
	args = dict(setup)
	args.pop("language", None)
	return args


def _make_units(units: list[dict]) -> None:
	calendar = ensure_default_working_calendar()
	for row in units:
		if frappe.db.exists("Administrative Unit", row["unit_code"]):
			continue
		company = row.get("company")
		if isinstance(company, dict):
			company = _make_company(company)
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": row["unit_name"],
				"unit_code": row["unit_code"],
				"unit_type": row["unit_type"],
				"is_group": row.get("is_group", 0),
				"parent_administrative_unit": row.get("parent"),
				"company": company,
				"working_calendar": calendar,
				"valid_from": row.get("valid_from"),
			}
		).insert(ignore_permissions=True)


def _make_fee_setup(units: list[dict]) -> None:
	"""Every ward's company posts its receipts; every ward has this year's symbols (its own two
	letters); the wards' payment gateway signs with the secret the demo gives them."""
	for row in units:
		company = frappe.db.get_value("Administrative Unit", row["unit_code"], "company")
		if company:
			ensure_fee_settings(company)
		if row.get("receipt_letters"):
			ensure_receipt_symbol(row["unit_code"], row["receipt_letters"])
		if row.get("payment_secret"):
			set_payment_secret(row["unit_code"], row["payment_secret"])


def _pay(dossier, channel: str) -> None:
	"""The dossier's fee paid: at the counter, or online through the gateway's signed callback."""
	from frappe.utils import now_datetime
	from frappe.utils.password import get_decrypted_password

	from ward_admin.fees.doctype.fee_receipt import online
	from ward_admin.services.receipts import sign

	if not dossier.fee_amount:
		return
	if channel == "Online":
		fields = {
			"transaction_id": f"DEMO-{dossier.name}",
			"dossier": dossier.name,
			"amount": str(int(dossier.fee_amount)),
			"paid_at": now_datetime().isoformat(timespec="seconds"),
		}
		secret = get_decrypted_password("Administrative Unit", dossier.administrative_unit, "payment_secret")
		online.receive({**fields, "signature": sign(fields, secret)}, "127.0.0.1")
		return
	receipt = frappe.get_doc(
		{
			"doctype": "Fee Receipt",
			"dossier": dossier.name,
			"amount": dossier.fee_amount,
			"payment_channel": channel,
		}
	)
	receipt.flags.ignore_permissions = True
	receipt.insert()
	receipt.submit()


def _make_company(company: dict) -> str:
	if not frappe.db.exists("Company", company["company_name"]):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": company["company_name"],
				"abbr": company["abbr"],
				"country": "Vietnam",
				"default_currency": "VND",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)
	return company["company_name"]


def _make_users(users: list[dict], password: str) -> None:
	from frappe.utils.password import update_password

	for row in users:
		if not frappe.db.exists("User", row["email"]):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": row["email"],
					"first_name": row["first_name"],
					"last_name": row["last_name"],
					"gender": row.get("gender"),
					"language": "vi",
					"send_welcome_email": 0,
					"roles": [{"role": row["role"]}],
				}
			)
			user.flags.no_welcome_mail = True
			user.insert(ignore_permissions=True)
			update_password(row["email"], password)
		_restrict_to_unit(row["email"], row["unit"])
		_make_employee(row)


def _make_citizens(citizens: list[dict], password: str) -> None:
	"""Website users with the role Citizen (no desk), as sign-up makes them."""
	from frappe.utils.password import update_password

	from ward_admin.portal.setup import CITIZEN_ROLE, ensure_citizen_role

	ensure_citizen_role()
	for row in citizens:
		if frappe.db.exists("User", row["email"]):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": row["email"],
				"first_name": row["first_name"],
				"last_name": row.get("last_name"),
				"language": "vi",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
		user.add_roles(CITIZEN_ROLE)
		update_password(row["email"], password)


def _restrict_to_unit(user: str, unit: str) -> None:
	if frappe.db.exists("User Permission", {"user": user, "allow": "Administrative Unit", "for_value": unit}):
		return
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": "Administrative Unit",
			"for_value": unit,
			"apply_to_all_doctypes": 1,
			"is_default": 1,
		}
	).insert(ignore_permissions=True)


def _make_employee(row: dict) -> None:
	if frappe.db.exists("Employee", {"user_id": row["email"]}):
		return
	company = frappe.db.get_value("Administrative Unit", row["unit"], "company")
	if designation := row.get("designation"):
		if not frappe.db.exists("Designation", designation):
			frappe.get_doc({"doctype": "Designation", "designation_name": designation}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": row["first_name"],
			"last_name": row["last_name"],
			"gender": row.get("gender") or "Other",
			"date_of_birth": "1990-01-01",
			"date_of_joining": "2025-07-01",
			"company": company,
			"designation": designation,
			"user_id": row["email"],
			"status": "Active",
		}
	).insert(ignore_permissions=True)


def _set_language() -> None:
	frappe.db.set_single_value("System Settings", "language", "vi")
	frappe.db.set_default("lang", "vi")


def _make_routings(users: list[dict]) -> None:
	from ward_admin.setup.assignment import ensure_field_routing

	by_unit: dict[str, list[str]] = {}
	for row in users:
		if row["role"] == "Specialist":
			by_unit.setdefault(row["unit"], []).append(row["email"])
	for unit, specialists in by_unit.items():
		for field in ("Hộ tịch", "Chứng thực"):
			ensure_field_routing(field, specialists, unit)


# who does a workflow action in the demo when several roles may: the one whose work it is
ACTING_ROLES = ("Specialist", "Ward Leader", "One-Stop Officer")


def _as_staff(user: str | None, action, *args):
	"""Run `action` as a member of staff would in the desk (their name in the history, their
	points and KPIs), in Vietnamese."""
	if not user:
		return action(*args)
	lang = frappe.local.lang
	frappe.set_user(user)
	frappe.local.lang = "vi"
	try:
		return action(*args)
	finally:
		frappe.set_user("Administrator")
		frappe.local.lang = lang


def _staff_of(users: list[dict], unit: str, roles) -> str | None:
	for role in ACTING_ROLES:
		if role in roles:
			for row in users:
				if row["unit"] == unit and row["role"] == role:
					return row["email"]
	return None


def _make_dossiers(rows: list[dict], users: list[dict]) -> None:
	"""Dossiers received over the last days and moved along the workflow as the demo file says, each
	step by the demo's member of staff whose work it is."""
	from frappe.model.workflow import apply_workflow
	from frappe.utils import add_to_date, now_datetime

	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	if frappe.db.exists("Dossier", {"administrative_unit": rows[0]["unit"]} if rows else {}):
		return
	transitions = frappe.get_doc("Workflow", {"document_type": "Dossier", "is_active": 1}).transitions
	for row in rows:
		received_at = add_to_date(now_datetime(), hours=-row.get("hours_ago", 0))
		officer = _staff_of(users, row["unit"], ("One-Stop Officer",))
		doc = frappe.get_doc(
			{
				"doctype": "Dossier",
				"administrative_unit": row["unit"],
				"procedure": get_effective_procedure(row["procedure_code"], received_at),
				"channel": row.get("channel", "Direct"),
				"applicant_name": row["applicant_name"],
				"applicant_id_number": row.get("applicant_id_number"),
				"applicant_phone": row.get("applicant_phone"),
				"received_at": received_at if row.get("channel") != "Online" else None,
				"supplement_request": row.get("supplement_request"),
				# the demo citizen's account filed it on the portal (ward_admin.portal)
				"portal_user": row.get("portal_user"),
			}
		)
		doc.run_method("before_insert")
		for document in doc.documents:
			document.received = 1
		# the receipt time is the demo's own (hours ago), so the insert is trusted; its owner and
		# history are the officer's (an online dossier is the citizen's)
		_as_staff(officer if row.get("channel") != "Online" else None, doc.insert, True)
		if row.get("paid"):
			_as_staff(officer if row["paid"] != "Online" else None, _pay, doc, row["paid"])
		for action in row.get("actions", []):
			current = frappe.get_doc("Dossier", doc.name)
			roles = [t.allowed for t in transitions if t.state == current.status and t.action == action]
			_as_staff(_staff_of(users, row["unit"], roles), apply_workflow, current, action)
