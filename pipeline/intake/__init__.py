"""intake: every input read into typed values that remember where they came from.

:func:`pipeline.intake.inputs.read_inputs` gathers them: meeting.yaml (meeting.py, on the
declared-schema mechanism of schema.py), the templates (templates.py), the drafts (folders.py
chooses each section's file, draft_files.py reads it through pandoc.py, drafts.py and captions.py
normalise it, words.py lists its words), the returned translations (translations.py) and the data
(data.py reads the workbooks with workbook.py against the schema of data_schema.py).
"""
