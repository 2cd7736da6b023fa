"""The orchestrator: the flow of DESIGN.md, one short function per phase.

    intake -> validate -> compute -> render -> verify -> export -> convert -> publish

- run: ``check`` (intake and validate: every finding, errors stopping the build before
  anything is written) and ``build`` (the no-op fast path, then the phases in order)
- plan: compute: the indicators, every document, and which to make now and why (:class:`Plan`)
- make: render, verify and export each document, in its original language and each
  returned translation
- ship: convert to PDF, and publish: one move into ``outputs/``, the manifest, the status
- report: the status a build writes, with the calendar, the outputs and the last status the page needs

The stages do not call one another: this package passes each one's values to the next
and does the I/O between them. A failed build leaves the previous outputs as they were.
"""

from pipeline.build.run import BuildResult, build, check

__all__ = ["BuildResult", "build", "check"]
