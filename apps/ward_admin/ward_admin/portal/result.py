"""The digitised result a citizen downloads from /ho-so-cua-toi (`ward_admin.api.portal.result`),
and its public check at /ket-qua/<token>.

The owner (the citizen who filed the dossier online) gets the result once the dossier is resolved
(national code 9) or returned (10), as a PDF carrying a QR code in the bottom right corner of its
first page: the QR opens `/ket-qua/<result_token>`, which shows what the result proves (dossier
code, procedure, unit, dates, the file's SHA-256 as attached) and no personal data, as the
receipt's `/bien-lai/` does. A PDF result keeps its pages and gets the stamp; a JPEG or PNG
result becomes a one-page PDF with the stamp under the picture. Anyone else — another citizen, a
dossier not resolved yet, one without a result — gets the same 404.
"""

import base64
import io

import frappe
from frappe import _
from frappe.utils import get_url

from ward_admin.one_stop.doctype.dossier.result import result_file_doc
from ward_admin.portal.lookup import DossierNotFoundError
from ward_admin.printing import html_text, qr_code_svg, vn_date
from ward_admin.services.file_kinds import file_kind

# national status codes at which the result exists: resolved, returned
RESULT_CODES = (9, 10)
CHECKS_PER_MINUTE = 30
# the stamp stands this far (millimetres) from the page's bottom right corner
MARGIN_MM = 8
A4_BARE = {
	"page-size": "A4",
	"margin-top": "0mm",
	"margin-bottom": "0mm",
	"margin-left": "0mm",
	"margin-right": "0mm",
}


def check_url(token: str) -> str:
	return get_url(f"/ket-qua/{token}")


def no_result() -> None:
	"""The one answer for another's dossier, one not resolved, one without a result."""
	frappe.throw(
		_("You have no result to download for this dossier"),
		exc=DossierNotFoundError,
		title=_("Result Not Found"),
	)


def owned_result(code) -> frappe._dict:
	"""The caller's own dossier with a result to download, else the same 404 for every case."""
	row = None
	if isinstance(code, str) and code.strip() and len(code) <= 64:
		row = frappe.db.get_value(
			"Dossier",
			{"name": code.strip(), "portal_user": frappe.session.user},
			["name", "status_code", "result_file", "result_token"],
			as_dict=True,
		)
	if (
		not row
		or int(row.status_code or 0) not in RESULT_CODES
		or not row.result_file
		or not row.result_token
	):
		no_result()
	return row


def download(code) -> tuple[str, bytes]:
	"""(file name, PDF bytes) of the caller's result, stamped with its check's QR code."""
	row = owned_result(code)
	frappe.local.lang = "vi"  # the stamp speaks as the result does
	file = result_file_doc(row)
	content = file.get_content() if file else b""
	if isinstance(content, str):
		content = content.encode()
	kind = file_kind(content)
	if not kind:  # the row was changed under the form's back: nothing safe to hand out
		no_result()
	url = check_url(row.result_token)
	pdf = stamp_pdf(content, url, row.name) if kind == "PDF" else picture_pdf(content, kind, url, row.name)
	return f"ket-qua-{row.name}.pdf", pdf


def stamp_html(url: str, code: str) -> str:
	return f"""<div class="stamp">
		<img src="{qr_code_svg(url)}">
		<div>{html_text(_("Scan to check this result"))}</div>
		<div class="code">{html_text(code)}</div>
		<div class="url">{html_text(url)}</div>
	</div>"""


STAMP_STYLE = """
	html, body { margin: 0; background: transparent; font-family: "DejaVu Sans", sans-serif; }
	.stamp { width: 44mm; padding: 1mm; text-align: center; font-size: 6.5pt; line-height: 1.2;
		background: #fff; border: 0.3mm solid #333; }
	.stamp img { width: 34mm; height: 34mm; display: block; margin: 0 auto 1mm; }
	.stamp .code { font-weight: bold; }
	.stamp .url { font-size: 4.5pt; word-break: break-all; }
"""


def _pdf(html: str, options: dict) -> bytes:
	from frappe.utils.pdf import get_pdf

	return get_pdf(
		f"<html><head><meta charset='utf-8'><style>{STAMP_STYLE}</style></head><body>{html}</body></html>",
		options,
	)


def stamp_pdf(content: bytes, url: str, code: str) -> bytes:
	"""The result's pages, the first with the QR stamp laid over its bottom right corner.

	The stamp is drawn in the corner of an A4 page of its own (wkhtmltopdf lays out an A4 page
	the same way every time) and laid over the result's first page, scaled to that page's size."""
	from pypdf import PdfReader, PdfWriter, Transformation

	overlay = f"""<div style="position: fixed; right: {MARGIN_MM}mm; bottom: {MARGIN_MM}mm">
		{stamp_html(url, code)}</div>"""
	stamp_reader = PdfReader(io.BytesIO(_pdf(overlay, {**A4_BARE, "no-background": None})))
	stamp = without_page_fill(stamp_reader.pages[0], stamp_reader)
	writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
	first = writer.pages[0]
	box, own = first.mediabox, stamp.mediabox
	scale = min(float(box.width) / float(own.width), float(box.height) / float(own.height))
	x = float(box.right) - float(own.width) * scale
	first.merge_transformed_page(stamp, Transformation().scale(scale, scale).translate(x, float(box.bottom)))
	writer.add_metadata({"/Title": _("Result of dossier {0}").format(code), "/Subject": url})
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def without_page_fill(page, reader):
	"""The page without the white rectangle wkhtmltopdf paints over the whole page first (its Qt
	paints it whatever the options say): laid over the result, only the stamp's own box covers it."""
	from pypdf.generic import ContentStream

	content = ContentStream(page.get_contents(), reader)
	operations = content.operations
	largest = max(
		(float(op[0][2]) * float(op[0][3]) for op in operations if op[1] == b"re" and len(op[0]) == 4),
		default=0,
	)
	for index, (operands, operator) in enumerate(operations[:-1]):
		if (
			operator == b"re"
			and largest
			and float(operands[2]) * float(operands[3]) == largest
			and operations[index + 1][1] in (b"f", b"f*")
		):
			del operations[index : index + 2]
			break
	page.replace_contents(content)
	return page


def picture_pdf(content: bytes, kind: str, url: str, code: str) -> bytes:
	"""A JPEG or PNG result on an A4 page, the QR stamp under it."""
	mime = "image/jpeg" if kind == "JPEG" else "image/png"
	picture = f"data:{mime};base64,{base64.b64encode(content).decode()}"
	html = f"""<div style="text-align:center"><img src="{picture}"
		style="max-width:180mm; max-height:215mm"></div>
		<div style="margin: 4mm 0 0 auto; width: 46mm">{stamp_html(url, code)}</div>"""
	return _pdf(html, {"page-size": "A4", "margin-top": "10mm", "margin-bottom": "10mm"})


# ---------------------------------------------------------------- the public check


def check(token) -> frappe._dict | None:
	"""What /ket-qua/<token> shows: the result's facts without personal data, else None."""
	if not isinstance(token, str) or not token.strip() or len(token) > 64:
		return None
	row = frappe.db.get_value(
		"Dossier",
		{"result_token": token.strip()},
		[
			"name",
			"procedure",
			"administrative_unit",
			"status_code",
			"resolved_at",
			"returned_at",
			"result_sha256",
		],
		as_dict=True,
	)
	if not row or not row.result_sha256:
		return None
	return frappe._dict(
		dossier=row.name,
		procedure_name=frappe.db.get_value("Administrative Procedure", row.procedure, "procedure_name"),
		unit_name=frappe.db.get_value("Administrative Unit", row.administrative_unit, "unit_name"),
		resolved=vn_date(row.resolved_at) if row.resolved_at else "",
		returned=vn_date(row.returned_at) if row.returned_at else "",
		sha256=row.result_sha256,
		valid=int(row.status_code or 0) in RESULT_CODES,
	)
