"""Regenerates the typed field block of every app controller from its doctype's JSON.

Frappe writes that block when a doctype is saved in developer mode; a doctype edited as JSON (as
ours are, in review) gets it from here:

	bench --site test.localhost execute ward_admin.dev.types.export_all
"""

import json
from pathlib import Path

import frappe


def export_all() -> list[str]:
	from frappe.types.exporter import TypeExporter

	app = Path(frappe.get_app_path("ward_admin"))
	done = []
	for path in sorted(app.glob("*/doctype/*/*.json")):
		if path.stem != path.parent.name:
			continue
		doctype = frappe.get_doc(json.loads(path.read_text()))
		TypeExporter(doctype).export_types()
		done.append(doctype.name)
	return done
