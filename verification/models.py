"""DTKS/DTSEN registry snapshots, earlier recipients, and verification of candidates."""
