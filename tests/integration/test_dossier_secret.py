"""A dossier's lookup secret is the server's: made once at creation, never taken from a client,
readable only by roles that read personal data."""

import frappe
from dossier_factory import make_procedure, make_unit_user, make_ward, new_dossier

from ward_admin.services.lookup_secret import is_well_formed


def test_the_server_makes_the_secret_once(db):
	make_ward()
	procedure = make_procedure()
	officer = make_unit_user("_secret.motcua@example.vn", "One-Stop Officer")
	frappe.set_user(officer)
	try:
		doc = new_dossier(procedure, lookup_secret="AAAAAAAA").insert()
	finally:
		frappe.set_user("Administrator")
	assert is_well_formed(doc.lookup_secret) and doc.lookup_secret != "AAAAAAAA"
	secret = doc.lookup_secret
	doc = frappe.get_doc("Dossier", doc.name)
	doc.applicant_phone = "0912000000"
	doc.save()
	assert frappe.db.get_value("Dossier", doc.name, "lookup_secret") == secret


def test_only_readers_of_personal_data_read_the_secret(db):
	make_ward()
	doc = new_dossier(make_procedure()).insert()
	inspector = make_unit_user("_secret.thanhtra@example.vn", "Inspector")
	frappe.set_user(inspector)
	try:
		seen = frappe.get_doc("Dossier", doc.name)
		seen.apply_fieldlevel_read_permissions()
	finally:
		frappe.set_user("Administrator")
	assert not seen.get("lookup_secret") and not seen.get("applicant_id_number")
