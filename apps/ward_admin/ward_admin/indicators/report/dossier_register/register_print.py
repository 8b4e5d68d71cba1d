"""Form 07 "Sổ theo dõi hồ sơ" of a period as an A4 landscape PDF, with the unit's official header.

The lines are the Dossier Register report's own (`register_rows`: the reader's units only, the
applicant's address and phone only for roles that may read personal data); the page is the
single dossier's form 07 (its print format's CSS), one line per dossier. A register is a
document to sign, not an export: above `MAX_LINES` lines the reader is asked to narrow the period.
Each PDF is written to Frappe's Access Log, as Frappe does for report exports.
"""

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.utils import get_fullname, getdate, nowdate
from frappe.utils.pdf import get_pdf

from ward_admin import arguments
from ward_admin.indicators.report.dossier_register.dossier_register import register_rows
from ward_admin.printing import unit_header

REPORT = "Dossier Register"
PRINT_FORMAT = "07 Sổ theo dõi hồ sơ"
TEMPLATE = "ward_admin/indicators/report/dossier_register/register_print.html"
MAX_LINES = 3000
# lines per printed page (the first holds the header): wkhtmltopdf neither repeats a table's head
# nor keeps a line whole across pages, so the register is cut into pages of its own
FIRST_PAGE_LINES, PAGE_LINES = 6, 10


class RegisterTooLongError(frappe.ValidationError):
	"""More lines than a printed register holds: narrow the period or the unit."""


def register_html(filters: dict) -> str:
	filters = frappe._dict(filters)
	report = frappe.get_doc("Report", REPORT)
	if not report.is_permitted():
		frappe.throw(_("You may not print the {0}").format(_(REPORT)), exc=frappe.PermissionError)
	rows, personal = register_rows(filters, lang="vi")
	if len(rows) > MAX_LINES:
		frappe.throw(
			_(
				"The register holds {0} dossiers; a printed register takes at most {1}: choose a shorter period or one unit"
			).format(len(rows), MAX_LINES),
			exc=RegisterTooLongError,
			title=_("Register Too Long"),
		)
	unit = filters.administrative_unit or frappe.defaults.get_user_default("Administrative Unit")
	bodies = {
		name: unit_header(name).unit_in_text for name in {row.administrative_unit for row in rows} if name
	}
	for row in rows:
		row["unit_in_text"] = bodies.get(row.administrative_unit, "")
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or to_date.replace(day=1))
	return frappe.render_template(
		TEMPLATE,
		{
			"header": unit_header(unit),
			"pages": pages(rows),
			"personal": personal,
			"from_date": from_date,
			"to_date": to_date,
			"procedure_field": filters.procedure_field,
			"printed_by": get_fullname(frappe.session.user),
			"css": frappe.db.get_value("Print Format", PRINT_FORMAT, "css") or "",
		},
	)


def pages(rows: list) -> list[list]:
	"""The lines cut into printed pages; one empty page when there are none."""
	cut = [rows[:FIRST_PAGE_LINES]]
	cut += [rows[start : start + PAGE_LINES] for start in range(FIRST_PAGE_LINES, len(rows), PAGE_LINES)]
	return cut


@frappe.whitelist()
def download(filters: str | dict | None = None) -> None:
	"""The register of `filters` (the report's) as a PDF download."""
	filters = frappe._dict(arguments.json_value(filters or {}, _("Filters"), dict))
	for key in ("from_date", "to_date"):
		if filters.get(key):
			arguments.date_value(filters[key], _("From Date") if key == "from_date" else _("To Date"))
	for key in ("administrative_unit", "procedure_field"):
		if filters.get(key) is not None and not isinstance(filters[key], str):
			frappe.throw(
				_("{0} is not valid").format(_("Filters")),
				exc=arguments.InvalidArgumentError,
				title=_("Invalid Value"),
			)
	html = register_html(filters)
	make_access_log(report_name=REPORT, file_type="PDF", method="Print", filters=frappe.as_json(filters))
	to_date = getdate(filters.to_date or nowdate())
	frappe.local.response.filename = f"so-theo-doi-ho-so-{to_date:%Y-%m-%d}.pdf"
	frappe.local.response.filecontent = get_pdf(html, {"orientation": "Landscape", "page-size": "A4"})
	frappe.local.response.type = "pdf"
