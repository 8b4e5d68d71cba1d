"""Which client address to believe behind proxies (ward_admin.services.forwarded)."""

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from ward_admin.services.forwarded import DEFAULT_TRUSTED_PROXIES, client_address, is_trusted, parse_networks

LOOPBACK = parse_networks(DEFAULT_TRUSTED_PROXIES)
PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/8"])

ipv4 = st.builds(lambda n: str(ipaddress.IPv4Address(n)), st.integers(min_value=0, max_value=2**32 - 1))


def test_a_direct_client_cannot_choose_its_address():
	assert client_address("203.0.113.9", "1.2.3.4", LOOPBACK) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_proxy_s_entry_is_believed():
	assert client_address("127.0.0.1", "203.0.113.9", LOOPBACK) == "203.0.113.9"


def test_what_the_client_wrote_before_the_proxy_is_ignored():
	# the client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the real address
	assert client_address("127.0.0.1", "1.2.3.4, 203.0.113.9", LOOPBACK) == "203.0.113.9"


def test_chains_of_trusted_proxies_are_walked():
	assert client_address("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3", PROXIES) == "203.0.113.9"


def test_garbage_in_the_header_falls_back_to_the_connection():
	assert client_address("127.0.0.1", "not-an-address", LOOPBACK) == "127.0.0.1"
	assert parse_networks(["", "nonsense", "10.0.0.0/8"]) == (ipaddress.ip_network("10.0.0.0/8"),)


def test_ipv6_loopback_is_a_trusted_proxy_by_default():
	assert is_trusted("::1", LOOPBACK) and not is_trusted("::2", LOOPBACK)
	assert client_address("::1", "2001:db8::7", LOOPBACK) == "2001:db8::7"


@given(remote=ipv4, forged=st.lists(ipv4, max_size=5))
def test_an_untrusted_connection_is_always_its_own_address(remote, forged):
	if is_trusted(remote, PROXIES):
		return
	assert client_address(remote, ", ".join(forged), PROXIES) == remote


@given(client=ipv4, forged=st.lists(ipv4, max_size=5), hops=st.integers(min_value=0, max_value=3))
def test_behind_trusted_proxies_the_real_client_wins_whatever_it_forged(client, forged, hops):
	if is_trusted(client, PROXIES):
		return
	chain = [*forged, client] + ["10.0.0.1"] * hops
	assert client_address("127.0.0.1", ", ".join(chain), PROXIES) == client
