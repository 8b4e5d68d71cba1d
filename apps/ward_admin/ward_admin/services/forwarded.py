"""Which address a request really comes from, when proxies may stand in front of the server.

`X-Forwarded-For` is a list each proxy appends to: `client, proxy1, proxy2`, and the server sees
the last hop as the connection's address. Anyone can send the header, so only the entries added
by proxies the server trusts mean anything. Walking from the connection's address leftwards,
the first address that is not a trusted proxy is the client: everything left of it was written
by that client and is ignored. Frappe takes the leftmost entry instead, so a client that sends
`X-Forwarded-For: 1.2.3.4` chooses the address its failed logins and rate limits count against.
"""

import ipaddress
from collections.abc import Iterable

DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")


def parse_networks(entries: Iterable[str]) -> tuple:
	"""Addresses or networks (CIDR), as written in configuration; unparsable entries are skipped."""
	networks = []
	for entry in entries:
		entry = entry.strip()
		if not entry:
			continue
		try:
			networks.append(ipaddress.ip_network(entry, strict=False))
		except ValueError:
			continue
	return tuple(networks)


def is_trusted(address: str, networks: tuple) -> bool:
	try:
		ip = ipaddress.ip_address(address.strip())
	except ValueError:
		return False
	return any(ip.version == net.version and ip in net for net in networks)


def client_address(remote_addr: str | None, forwarded_for: str | None, networks: tuple) -> str | None:
	"""The client's address: `remote_addr` unless it is a trusted proxy, then the rightmost
	address of `forwarded_for` not written by a trusted proxy."""
	if not remote_addr or not is_trusted(remote_addr, networks) or not forwarded_for:
		return remote_addr
	hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
	for hop in reversed(hops):
		if not is_trusted(hop, networks):
			try:
				return str(ipaddress.ip_address(hop))
			except ValueError:
				return remote_addr  # garbage in the header: the proxy's own address is all we know
	return hops[0] if hops else remote_addr
