import pytest


@pytest.fixture(autouse=True)
def _rollback(db):
	"""Every integration test runs on the real site and is rolled back afterwards."""
	yield


@pytest.fixture
def frozen():
	"""`with frozen("2026-03-02 10:00"):` freezes frappe's clock at a local (system time zone) instant."""
	from contextlib import contextmanager

	import pytz
	from frappe.utils import get_datetime, get_system_timezone
	from freezegun import freeze_time

	@contextmanager
	def freeze(local_time):
		zone = pytz.timezone(get_system_timezone())
		with freeze_time(zone.localize(get_datetime(local_time)).astimezone(pytz.utc)):
			yield

	return freeze
