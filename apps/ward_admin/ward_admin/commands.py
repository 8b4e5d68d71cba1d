"""Bench commands of ward_admin.

- `bench --site SITE load-ward-demo [--path FILE]`: the demo province;
- `bench --site SITE generate-province ...`: a synthetic province for benchmarks (the generator
  lives with them, in the bench's `benchmarks/synthetic`, outside the installed app);
- `bench [--site SITE] ward-serve --port N`: the development server, as `bench serve`, with
  the app's check of `X-Forwarded-For` (ward_admin.wsgi);
- `bench --site SITE ward-backup [--folder DIR] [--daily]`: a backup that restores
  (ward_admin.backups; `./ward backup` calls it).
"""

import os

import click
from frappe.commands import get_site, pass_context


@click.command("load-ward-demo")
@click.option("--path", help="Demo data file (default: fixtures/demo.json at the bench's root)")
@pass_context
def load_ward_demo(context, path=None):
	"""Load the demo province, wards and a user for every staff role."""
	import frappe

	from ward_admin.framework import install
	from ward_admin.setup.demo import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	install()  # as a request would
	try:
		click.secho(f"Loading the ward_admin demo into {site}", fg="yellow")
		load(path)
		click.secho("Demo loaded", fg="green")
	finally:
		frappe.destroy()


@click.command("generate-province")
@click.option("--units", default=100, show_default=True, help="Wards and communes in the province")
@click.option("--dossiers", default=1_000_000, show_default=True, help="Dossiers over the year")
@click.option(
	"--seed", default=1, show_default=True, help="Random seed: the same seed makes the same province"
)
@click.option("--year", default=2026, show_default=True, help="Year the dossiers are received in")
@click.option("--staff-per-unit", default=15, show_default=True, help="Staff users per unit")
@click.option("--reset", is_flag=True, help="Delete the synthetic province generated before, then generate")
@pass_context
def generate_province(context, units, dossiers, seed, year, staff_per_unit, reset):
	"""Generate a synthetic province for benchmarks: units, staff and a year of dossiers."""
	import time

	import frappe

	from ward_admin.framework import install

	generate = _synthetic_province().generate

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	install()  # as a request would
	try:
		frappe.set_user("Administrator")
		click.secho(
			f"Generating a synthetic province in {site}: {units} units, {dossiers:,} dossiers, "
			f"year {year}, seed {seed}",
			fg="yellow",
		)
		started = time.monotonic()
		try:
			summary = generate(
				units=units,
				dossiers=dossiers,
				seed=seed,
				year=year,
				staff_per_unit=staff_per_unit,
				reset=reset,
			)
		except frappe.ValidationError as e:
			frappe.db.rollback()
			click.secho(frappe.utils.strip_html(str(e)), fg="red")
			raise SystemExit(1)
		elapsed = time.monotonic() - started
		click.echo(
			"  dossiers by status: "
			+ ", ".join(f"{k} {v:,}" for k, v in summary["status"].items() if v)
			+ "\n  by channel: "
			+ ", ".join(f"{k} {v:,}" for k, v in summary["channel"].items())
			+ "\n  resolved: "
			+ ", ".join(f"{k} {v:,}" for k, v in summary["timeliness"].items())
			+ f"; overdue at {summary['as_of']}: {summary['overdue']:,}"
			+ "\n  rows: "
			+ ", ".join(f"{k} {v:,}" for k, v in summary["rows"].items())
			+ f", Series {summary['series_rows']:,}"
			+ f"\n  time in INSERT/COMMIT {summary['insert_seconds']} s, "
			+ f"waiting for the generator {summary['waiting_for_generator_seconds']} s"
			+ (f", deleting the previous province {summary['reset_seconds']} s" if reset else "")
		)
		click.secho(f"Synthetic province generated in {elapsed:.1f} s", fg="green")
	finally:
		frappe.destroy()


def _synthetic_province():
	"""The generator package of the bench's `benchmarks/` folder (a checkout of this repository)."""
	import os
	import sys

	from frappe.utils import get_bench_path

	folder = os.path.join(get_bench_path(), "benchmarks")
	if not os.path.isfile(os.path.join(folder, "synthetic", "__init__.py")):
		raise click.ClickException(f"{folder}/synthetic is missing: generate-province runs in a checkout")
	if folder not in sys.path:
		sys.path.insert(0, folder)
	import synthetic

	return synthetic


@click.command("ward-serve")
@click.option("--port", default=8000, show_default=True)
@click.option("--noreload", "no_reload", is_flag=True, default=False)
@click.option("--nothreading", "no_threading", is_flag=True, default=False)
@pass_context
def ward_serve(context, port=8000, no_reload=False, no_threading=False):
	"""Start the development web server with ward_admin's WSGI application (ward_admin.wsgi)."""
	import frappe.app

	from ward_admin import wsgi

	# Frappe's development server serves the module's `application`; the app's wraps it
	frappe.app.application = wsgi.application
	frappe.app.serve(
		port=port,
		no_reload=no_reload,
		no_threading=no_threading,
		site=context.sites[0] if context.sites else None,
		sites_path=".",
	)


@click.command("ward-backup")
@click.option("--folder", help="Folder to back up into (default: the site's ward_backup_folder)")
@click.option("--daily", is_flag=True, help="Also back up into this folder every day (ward_backup_folder)")
@pass_context
def ward_backup(context, folder=None, daily=False):
	"""Back up the site's database, files and encryption key into a folder of its own."""
	import frappe
	from frappe.installer import update_site_config

	from ward_admin.backups import backup

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		if daily and folder:
			update_site_config("ward_backup_folder", os.path.abspath(folder))
			frappe.local.conf.ward_backup_folder = os.path.abspath(folder)
		target = backup(folder)
		click.secho(f"Backed up {site} into {target}", fg="green")
	finally:
		frappe.destroy()


commands = [load_ward_demo, generate_province, ward_serve, ward_backup]
