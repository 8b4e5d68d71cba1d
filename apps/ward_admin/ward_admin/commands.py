"""Bench commands of ward_admin: `bench --site SITE load-ward-demo [--path FILE]`."""

import click
from frappe.commands import get_site, pass_context


@click.command("load-ward-demo")
@click.option("--path", help="Demo data file (default: fixtures/demo.json at the bench's root)")
@pass_context
def load_ward_demo(context, path=None):
	"""Load the demo province, wards and a user for every staff role."""
	import frappe

	from ward_admin.setup.demo import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		click.secho(f"Loading the ward_admin demo into {site}", fg="yellow")
		load(path)
		click.secho("Demo loaded", fg="green")
	finally:
		frappe.destroy()


commands = [load_ward_demo]
