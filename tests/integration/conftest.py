import pytest


@pytest.fixture(autouse=True)
def _rollback(db):
	"""Every integration test runs on the real site and is rolled back afterwards."""
	yield
