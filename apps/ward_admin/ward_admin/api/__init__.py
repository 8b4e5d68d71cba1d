"""Endpoints outside systems call (design §3): thin wrappers over the modules that own the rules."""
