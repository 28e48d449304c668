"""Adapters to optional third-party tools; each imports its tool only inside functions."""
