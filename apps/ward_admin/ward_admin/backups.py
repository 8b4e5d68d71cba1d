"""Backups that restore: the site's database, its public and private files, and its configuration
with the encryption key, in one folder per backup.

The encryption key is what makes a backup restorable: Frappe encrypts every Password field with
it (each unit's `payment_secret` among them), so a database restored without its key cannot
verify a single payment callback. Frappe's own backup copies the site's configuration beside the
database (`*-site_config_backup.json`); this module keeps the pieces of one backup together, says
what is in it (`manifest.json`: versions, row counts of the records that must come back, files),
and keeps the last `ward_backup_keep` (default 7) in the folder.

- `./ward backup SITE [FOLDER]` (`bench --site SITE ward-backup --folder FOLDER`) takes one now;
  FOLDER defaults to the site's `ward_backup_folder`, which also turns on the daily backup
  (`daily`, a `daily_long` scheduler event) into that folder.
- `./ward restore SITE FOLDER` restores one into a new site (see the `ward` script).
"""

import json
import os
import shutil
from pathlib import Path

import frappe
from frappe import _
from frappe.utils import now_datetime

# The records that must come back identical (a test compares them row by row after a restore)
COUNTED = ("Dossier", "Fee Receipt", "Emulation Point Entry", "File", "Administrative Unit")
DEFAULT_KEEP = 7
MANIFEST = "manifest.json"


class BackupError(frappe.ValidationError):
	pass


def backup(folder: str | None = None, keep: int | None = None) -> Path:
	"""Take a backup of the connected site into a new folder under `folder`; returns it."""
	from frappe.utils.backups import new_backup
	from frappe.utils.password import get_encryption_key

	base = folder or frappe.conf.get("ward_backup_folder")
	if not base:
		frappe.throw(
			_("No backup folder: pass one or set ward_backup_folder in the site's configuration"),
			exc=BackupError,
		)
	base = Path(base).expanduser().resolve()
	base.mkdir(parents=True, exist_ok=True)
	target = base / f"{frappe.local.site}-{now_datetime():%Y%m%d-%H%M%S}"
	# the encryption key and the database are in here: only the bench's user may read them
	target.mkdir(mode=0o700)
	get_encryption_key()  # made now if the site never needed one, so the backup carries it
	generator = new_backup(ignore_files=False, backup_path=str(target), force=True)
	paths = {
		"database": generator.backup_path_db,
		"public_files": generator.backup_path_files,
		"private_files": generator.backup_path_private_files,
		"site_config": generator.backup_path_conf,
	}
	config = json.loads(Path(paths["site_config"]).read_text())
	if not config.get("encryption_key"):
		frappe.throw(
			_("The site's configuration has no encryption key: the backup could not be restored"),
			exc=BackupError,
		)
	manifest = {
		"site": frappe.local.site,
		"taken_at": str(now_datetime()),
		"apps": {app: frappe.get_attr(f"{app}.__version__") for app in frappe.get_installed_apps()},
		"counts": {doctype: frappe.db.count(doctype) for doctype in COUNTED},
		"files": {key: os.path.basename(path) for key, path in paths.items()},
	}
	(target / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
	for path in target.iterdir():
		path.chmod(0o600)
	prune(base, keep if keep is not None else int(frappe.conf.get("ward_backup_keep") or DEFAULT_KEEP))
	return target


def prune(base: Path, keep: int) -> None:
	"""Remove all but the `keep` newest backups of this site in `base` (complete ones only)."""
	taken = sorted(
		(p for p in base.glob(f"{frappe.local.site}-*") if (p / MANIFEST).exists()),
		key=lambda p: p.name,
	)
	for old in taken[: max(0, len(taken) - max(1, keep))]:
		shutil.rmtree(old)


def daily() -> None:
	"""The scheduled backup (hooks.py, daily_long): into `ward_backup_folder` when one is set."""
	if frappe.conf.get("ward_backup_folder"):
		backup()
