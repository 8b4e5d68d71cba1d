"""Endpoints outside systems call (docs/contract.md): thin wrappers over the modules that own the rules."""
