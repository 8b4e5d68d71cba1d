"""The national public-service portal's sync (docs/contract.md, "Integrations"): a new dossier
and each later status change queue one `National Portal` message, `POST
{endpoint_url}/DongBoHoSoMC` with a JSON object in the national field names (the names open-source
provincial systems send, docs/sources.md), delivered by the outbox in order per dossier.

The payload is the dossier as it was at the change (built when the change is saved, not when it is
sent): the portal sees each status the dossier went through, in order. Dates are `yyyyMMddHHmmss`
in Asia/Ho_Chi_Minh. The answer counts as delivered when it is 2xx with JSON `error_code` "0" or
"00"; anything else is retried. The password goes in the request's Basic authentication, never in
the payload or in an error.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, flt, get_system_timezone

from ward_admin.integrations import messages as outbox
from ward_admin.services import dossier_events
from ward_admin.services import outbox as rules

SETTINGS = "National Portal Settings"
SERVICE = "DongBoHoSoMC"
EVENT = "DongBoHoSoMC"
TIMEOUT_SECONDS = 15
# the national portal's form of receipt (HinhThuc): at the counter, online, by post
CHANNEL_CODES = {"Direct": "0", "Online": "1", "Postal": "2"}


class PortalNotConfiguredError(outbox.DeliveryError):
	"""The sync is off or has no address: the message waits (and is retried) until it is set."""


def is_enabled() -> bool:
	return bool(cint(frappe.db.get_single_value(SETTINGS, "enabled", cache=True)))


# ---------------------------------------------------------------- queuing (Dossier on_update)


def messages_for_save(doc) -> list[outbox.Message]:
	"""One message per status change of this save (the first one, code 1 or 2, included)."""
	events = dossier_events.of_save(doc, dossier_events.STATUS_CHANGED)
	if not events or not is_enabled():
		return []
	return [
		outbox.Message(
			outbox.NATIONAL_PORTAL,
			EVENT,
			"Dossier",
			doc.name,
			outbox.idempotency_key(doc.name, event.kind, event.occurrence, outbox.NATIONAL_PORTAL),
			payload(doc, event.to_code, updating=event.from_code is not None),
			administrative_unit=doc.administrative_unit,
		)
		for event in events
	]


def payload(doc, status_code: int | None = None, updating: bool = True) -> dict:
	"""The dossier in the national names (DongBoHoSoMC)."""
	zone = get_system_timezone()

	def date(value):
		return rules.national_date(frappe.utils.get_datetime(value) if value else None, zone)

	procedure = cached(
		"Administrative Procedure", doc.procedure, ("procedure_code", "procedure_name", "procedure_field")
	)
	unit = cached("Administrative Unit", doc.administrative_unit, ("unit_code", "unit_name"))
	code = status_code if status_code is not None else doc.status_code
	data = {
		"MaHoSo": doc.get("national_dossier_id") or doc.name,
		"MaTTHC": procedure.procedure_code or "",
		"TenTTHC": procedure.procedure_name or "",
		"MaLinhVuc": procedure.procedure_field or "",
		"TenLinhVuc": procedure.procedure_field or "",
		"ChuHoSo": doc.applicant_name or "",
		"LoaiDoiTuong": "1",
		"MaDoiTuong": doc.applicant_id_number or "",
		"Email": doc.applicant_email or "",
		"SoDienThoai": doc.applicant_phone or "",
		"TrichYeuHoSo": procedure.procedure_name or "",
		"NgayTiepNhan": date(doc.received_at),
		"NgayHenTra": date(doc.appointment_at),
		"TrangThaiHoSo": str(code or ""),
		"NgayTra": date(doc.returned_at),
		"HinhThuc": CHANNEL_CODES.get(doc.channel, ""),
		"NgayKetThucXuLy": date(doc.resolved_at),
		"DonViXuLy": unit.unit_name or "",
		"MaDonVi": unit.unit_code or "",
		"TaiLieuNop": [{"TenGiayTo": row.document_name} for row in doc.get("documents") or []],
		"DanhSachLePhi": fee_lines(doc),
		"DanhSachHoSoBoSung": supplements(doc, date),
		"isUpdating": bool(updating),
	}
	return data


def cached(doctype: str, name: str | None, fields: tuple[str, ...]) -> frappe._dict:
	"""Fields of a record every save reads and that changes rarely (a procedure version, a unit),
	from Frappe's document cache."""
	values = frappe.get_cached_value(doctype, name, list(fields)) if name else None
	return frappe._dict(zip(fields, values or (None,) * len(fields), strict=True))


def fee_lines(doc) -> list[dict]:
	if not flt(doc.fee_amount):
		return []
	return [
		{
			"TenPhiLePhi": _("Fee of {0}").format(doc.procedure),
			"MaPhiLePhi": doc.procedure or "",
			"HinhThucThu": "1" if doc.channel == "Online" else "0",
			"Gia": int(flt(doc.fee_amount)),
		}
	]


def supplements(doc, date) -> list[dict]:
	"""The apology's new appointment (NgayHenTraTruoc → NgayHenTraMoi), when there was one."""
	if not doc.get("apology_issued_at"):
		return []
	return [
		{
			"NgayHenTraTruoc": date(doc.get("original_appointment_at")),
			"NgayHenTraMoi": date(doc.appointment_at),
		}
	]


# ---------------------------------------------------------------- sending (the outbox's sender)


def secrets() -> tuple[str, ...]:
	return (portal_password() or "",)


def portal_password() -> str | None:
	from frappe.utils.password import get_decrypted_password

	return get_decrypted_password(SETTINGS, SETTINGS, "password", raise_exception=False)


def prepare(message, batch: dict):
	"""The POST of one message, with the settings read once for the batch (in the job's thread)."""
	if "national_portal" not in batch:
		settings = frappe.db.get_singles_dict(SETTINGS)
		batch["national_portal"] = settings, (settings.get("username") or "", portal_password() or "")
	settings, auth = batch["national_portal"]
	if not cint(settings.get("enabled")) or not settings.get("endpoint_url"):
		raise PortalNotConfiguredError(_("The national portal's sync is not enabled or has no address"))
	url = f"{settings.endpoint_url.rstrip('/')}/{SERVICE}"
	body = message.payload

	def transmit():
		import requests

		response = requests.post(
			url,
			data=body.encode("utf-8"),
			headers={"Content-Type": "application/json; charset=utf-8"},
			auth=auth,
			timeout=TIMEOUT_SECONDS,
		)
		try:
			answer = response.json()
		except ValueError:
			answer = None
		if not rules.is_acknowledged(response.status_code, answer):
			detail = answer if isinstance(answer, dict) else response.text[:200]
			raise outbox.DeliveryError(f"HTTP {response.status_code}: {detail}")

	return transmit
