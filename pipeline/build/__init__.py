"""The orchestrator: the flow of DESIGN.md, one short function per phase.

    intake -> validate -> compute -> render -> verify -> export -> convert -> publish

- run: ``check`` (intake and validate: every finding, errors stopping the build before
  anything is written) and ``build`` (the no-op fast path, then the phases in order)
- plan: compute: the indicators, every document, and which to make now and why (:class:`Plan`)
- make: render, verify and export each document, in its original language and each
  returned translation
- ship: convert to PDF, and publish: one move into ``outputs/``, the manifest, the status
- remind: ``ccm-report remind``: check, the Article 7 reports overdue on a day, the reminders
  composed, written into ``outputs/reminders/`` and sent on request
- progress: the :class:`Step` a build tells as it goes, for a display
- watch: a build, then another each time the inputs change
- report: the status a build writes, with the calendar, the outputs and the last status the page needs

The stages do not call one another: this package passes each one's values to the next
and does the I/O between them. A failed build leaves the previous outputs as they were.
"""

from pipeline.build.progress import Step
from pipeline.build.run import BuildResult, build, check

__all__ = ["BuildResult", "Step", "build", "check"]
