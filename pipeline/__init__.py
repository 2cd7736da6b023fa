"""ccm-report: assemble UN official documents from coordinators' drafts and States Parties' data."""

__version__ = "0.1.0"
