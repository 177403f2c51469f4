"""Experiments the pages cite: run once by a make target, stored, checked by the tests."""
