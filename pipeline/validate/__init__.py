"""validate: pure rules over everything intake read, each finding a Diagnostic with its place.

Rule: no I/O and no parser; imports only the model, the reference data and errors.
"""
