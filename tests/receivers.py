"""Real receivers on this machine for the outbox's tests and benchmark: an HTTP server playing the
national portal (or an SMS gateway) and an SMTP server (aiosmtpd), each on 127.0.0.1, each able to
go away and come back on the same port.

The HTTP receiver keeps every request it got, in order, and answers as its `mode` says:
- "ok": 200 {"error_code": "0"} (the national portal's acknowledgement);
- "refuse": 200 {"error_code": "99"} (a portal that read the message and did not take it);
- "error": 500;
- "lose_answer": keeps the request, then closes the connection without answering (the sender cannot
  know it arrived: it sends it again);
- a callable(count) -> one of the above, for a mode that changes request by request.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HttpReceiver:
	def __init__(self, mode="ok", delay: float = 0.0):
		self.mode = mode
		self.delay = delay
		self.requests: list[dict] = []
		self.lock = threading.Lock()
		self.server: ThreadingHTTPServer | None = None
		self.thread: threading.Thread | None = None
		self.port = 0

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.port}"

	def start(self) -> HttpReceiver:
		receiver = self

		class Handler(BaseHTTPRequestHandler):
			# the status line, headers and body leave in one write when the handler ends (unbuffered,
			# the body's write waits on the client's delayed ACK of the headers: 40 ms a request)
			wbufsize = 1 << 16

			def log_message(self, *args):
				pass

			def answer(self):
				length = int(self.headers.get("Content-Length") or 0)
				raw = self.rfile.read(length) if length else b""
				try:
					body = json.loads(raw.decode("utf-8")) if raw else None
				except ValueError:
					body = raw.decode("utf-8", "replace")
				with receiver.lock:
					receiver.requests.append(
						{
							"method": self.command,
							"path": self.path,
							"headers": dict(self.headers),
							"body": body,
							"raw": raw,
						}
					)
					count = len(receiver.requests)
				if receiver.delay:
					time.sleep(receiver.delay)
				mode = receiver.mode(count) if callable(receiver.mode) else receiver.mode
				if mode == "lose_answer":
					self.close_connection = True
					self.connection.shutdown(socket.SHUT_RDWR)
					return
				status, reply = {
					"ok": (200, {"error_code": "0", "message": "OK"}),
					"refuse": (200, {"error_code": "99", "message": "Từ chối"}),
					"error": (500, {"error_code": "500", "message": "Server error"}),
				}[mode]
				data = json.dumps(reply).encode()
				self.send_response(status)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", str(len(data)))
				self.end_headers()
				self.wfile.write(data)

			do_POST = answer
			do_GET = answer

		class Server(ThreadingHTTPServer):
			allow_reuse_address = True
			# the outbox opens up to 8 connections at once: with the default backlog of 5, a connection
			# beyond it is dropped and retried by the client's TCP a second later
			request_queue_size = 128
			daemon_threads = True

		self.server = Server(("127.0.0.1", self.port), Handler)
		self.port = self.server.server_address[1]
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
		self.thread.start()
		return self

	def stop(self) -> None:
		if self.server:
			self.server.shutdown()
			self.server.server_close()
			self.thread.join(timeout=5)
			self.server = None

	def bodies(self, path_suffix: str = "") -> list:
		with self.lock:
			return [r["body"] for r in self.requests if r["path"].endswith(path_suffix)]


class SmtpReceiver:
	"""aiosmtpd's SMTP server, keeping each message it accepts (envelope and content)."""

	def __init__(self):
		self.messages: list[dict] = []
		self.controller = None
		self.port = 0

	def start(self) -> SmtpReceiver:
		from aiosmtpd.controller import Controller

		receiver = self

		class Handler:
			async def handle_DATA(self, server, session, envelope):
				receiver.messages.append(
					{
						"from": envelope.mail_from,
						"to": list(envelope.rcpt_tos),
						"content": envelope.content.decode("utf-8", "replace"),
					}
				)
				return "250 Message accepted for delivery"

		if not self.port:
			with socket.socket() as s:
				s.bind(("127.0.0.1", 0))
				self.port = s.getsockname()[1]
		self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
		self.controller.start()
		return self

	def stop(self) -> None:
		if self.controller:
			self.controller.stop()
			self.controller = None
