"""publish: what a build leaves in outputs/, and what the next build needs to know of it.

- outputs: the staging area, one atomic move into outputs/, the manifest and the reports
- keys: each document's key (its inputs, its slice of meeting.yaml, the code, the tools'
  versions) and the reasons a document is made again
- fingerprint: the no-op path, one digest of everything a build could read
- status: the status of every document (lines, JSON, the HTML page)
- issued: the versions issued to the UN, revisions and corrigenda

Rule: the only stage that writes into outputs/; no other stage is imported.
"""
