"""`./ward serve`'s programs (ops/serve.py) as an office runs them: one port for the desk, its
assets and its realtime server; every program restarted when it dies; Ctrl-C stops them all.

The stack is the `stack` fixture's (conftest.py): the configuration ops/serve.py writes, run by
supervisord on free ports; this module runs last in the folder because its last test stops it.
"""

import os
import signal

import pytest
import requests
from conftest import BENCH, wait_for


def test_one_port_serves_the_site_its_assets_and_realtime(stack):
	http = stack.session()
	assert http.get(f"{stack.url}/api/method/ping", timeout=30).json() == {"message": "pong"}
	# the desk's assets come from nginx, straight from sites/assets
	asset = http.get(f"{stack.url}/assets/frappe/images/frappe-framework-logo.svg", timeout=30)
	assert asset.status_code == 200 and asset.content.startswith(b"<svg")
	assert http.get(f"{stack.url}/login", headers={"Accept": "text/html"}, timeout=30).status_code == 200
	# socket.io's handshake answers on the same port (nginx hands /socket.io to the realtime server)
	handshake = http.get(f"{stack.url}/socket.io/?EIO=4&transport=polling", timeout=30)
	assert handshake.status_code == 200 and '"sid"' in handshake.text
	# a logged-in session works through nginx and gunicorn
	admin = stack.login()
	assert admin.get(f"{stack.url}/api/method/frappe.auth.get_logged_user", timeout=30).json() == {
		"message": "Administrator"
	}


def test_every_program_is_restarted_when_it_dies(stack):
	before = stack.pids()
	programs = {
		"web",
		"socketio",
		"worker-default:worker-default-0",
		"worker-short:worker-short-0",
		"worker-long:worker-long-0",
		"nginx",
	}
	assert programs <= set(before), before
	if "schedule" not in before:
		# Frappe runs one scheduler per bench (a file lock): another one of this bench holds it
		assert scheduler_lock_is_held(), stack.supervisorctl("status")
	killed = ("worker-short:worker-short-0", "socketio", "web")
	for name in killed:
		os.kill(before[name], signal.SIGKILL)
	after = wait_for(
		lambda: (p := stack.pids()) and all(p.get(n) not in (None, before[n]) for n in killed) and p,
		60,
		"the killed programs to run again",
		0.5,
	)
	assert programs <= set(after)
	wait_for(
		lambda: requests.get(f"{stack.url}/api/method/ping", headers={"Host": "ops.localhost"}, timeout=5).ok,
		60,
		"gunicorn to answer again",
		0.5,
	)


def scheduler_lock_is_held() -> bool:
	from filelock import FileLock, Timeout

	lock = FileLock(str(BENCH / "config" / "scheduler_process"))
	try:
		lock.acquire(blocking=False)
	except Timeout:
		return True
	lock.release()
	return False


def test_ctrl_c_stops_everything(stack):
	pids = stack.pids()
	assert pids
	stack.supervisord.send_signal(signal.SIGINT)  # what Ctrl-C in ./ward serve's terminal sends
	assert stack.supervisord.wait(timeout=90) == 0

	def gone(pid):
		try:
			os.kill(pid, 0)
		except ProcessLookupError:
			return True
		# a zombie is gone too: it waits only for its parent to read its status
		with open(f"/proc/{pid}/stat") as stat:
			return stat.read().split(") ")[1].startswith("Z")

	assert [name for name, pid in pids.items() if not gone(pid)] == []
	with pytest.raises(requests.ConnectionError):
		requests.get(f"{stack.url}/api/method/ping", timeout=5)
