"""Workbooks as Excel writes them, made by changing the parts of one openpyxl wrote (for the workbook tests)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def operate(source: Path, target: Path, edits: dict[str, Callable[[bytes], bytes]], added: dict[str, bytes]) -> Path:
    """A copy of ``source`` whose parts are changed by ``edits`` and which also holds ``added``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item.filename, edits[item.filename](data) if item.filename in edits else data)
        for name, data in added.items():
            new.writestr(name, data)
    return target


def declare_huge(sheet: bytes) -> bytes:
    """The sheet declares A1:XFD1048576 and holds formatted empty cells far away, as a sheet formatted whole does."""
    sheet = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    far = (
        b'<row r="5000"><c r="XFD5000" s="0"/></row>'
        b'<row r="1048576"><c r="A1048576" s="0"/><c r="XFD1048576" s="0"/></row>'
    )
    return sheet.replace(b"</sheetData>", far + b"</sheetData>")


def empty_styles(sheet: bytes) -> bytes:
    """Every cell carries s="" (an empty style attribute, as some Excel versions and exporters write)."""
    return re.sub(rb"<c (?![^>]*\bs=)", b'<c s="" ', sheet)


def _pivot_parts(source_sheet: str, ref: str) -> dict[str, bytes]:
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    definition = (
        f'{xml}<pivotCacheDefinition xmlns="{MAIN_NS}" xmlns:r="{R_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" r:id="rId1" '
        'refreshedBy="ISU" refreshedDate="45678.5" createdVersion="8" refreshedVersion="8" '
        'minRefreshableVersion="3" recordCount="2" xr:uid="{9D5E3F40-1A2B-4C3D-8E9F-000000000001}">'
        f'<cacheSource type="worksheet"><worksheetSource ref="{ref}" sheet="{source_sheet}"/></cacheSource>'
        '<cacheFields count="2"><cacheField name="ISO3" numFmtId="0"><sharedItems count="2">'
        '<s v="PER"/><s v="LAO"/></sharedItems></cacheField>'
        '<cacheField name="Declared" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" '
        'containsNumber="1" containsInteger="1" minValue="500" maxValue="1000"/></cacheField></cacheFields>'
        '<extLst><ext uri="{725AE2AE-9491-48be-B2B4-4EB974FC3084}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:pivotCacheDefinition pivotCacheId="1"/></ext></extLst></pivotCacheDefinition>'
    )
    records = (
        f'{xml}<pivotCacheRecords xmlns="{MAIN_NS}" xmlns:r="{R_NS}" count="2">'
        '<r><x v="0"/><n v="1000"/></r><r><x v="1"/><n v="500"/></r></pivotCacheRecords>'
    )
    table = (
        f'{xml}<pivotTableDefinition xmlns="{MAIN_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" name="PivotTable1" '
        'cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" '
        'applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" '
        'updatedVersion="8" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" '
        'createdVersion="8" indent="0" outline="1" outlineData="1" multipleFieldFilters="0" '
        'xr:uid="{3C1D2B4A-0000-4000-8000-000000000002}">'
        '<location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>'
        '<pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="3">'
        '<item x="1"/><item x="0"/><item t="default"/></items></pivotField>'
        '<pivotField dataField="1" showAll="0"/></pivotFields>'
        '<rowFields count="1"><field x="0"/></rowFields>'
        '<rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems>'
        '<colItems count="1"><i/></colItems>'
        '<dataFields count="1"><dataField name="Sum of Declared" fld="1" baseField="0" baseItem="0"/></dataFields>'
        '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" '
        'showRowStripes="0" showColStripes="0" showLastColumn="1"/>'
        '<extLst><ext uri="{962EF5D1-5CA2-4c93-8EF4-DBF5C05439D2}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:pivotTableDefinition hideValuesRow="1" '
        'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst>'
        "</pivotTableDefinition>"
    )

    def rels(*pairs: tuple[str, str, str]) -> bytes:
        inner = "".join(f'<Relationship Id="{i}" Type="{TYPE}{t}" Target="{target}"/>' for i, t, target in pairs)
        return f'{xml}<Relationships xmlns="{RELS_NS}">{inner}</Relationships>'.encode()

    return {
        "xl/pivotCache/pivotCacheDefinition1.xml": definition.encode(),
        "xl/pivotCache/pivotCacheRecords1.xml": records.encode(),
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels(
            ("rId1", "pivotCacheRecords", "pivotCacheRecords1.xml")
        ),
        "xl/pivotTables/pivotTable1.xml": table.encode(),
        "xl/pivotTables/_rels/pivotTable1.xml.rels": rels(
            ("rId1", "pivotCacheDefinition", "../pivotCache/pivotCacheDefinition1.xml")
        ),
        "xl/worksheets/_rels/sheet2.xml.rels": rels(("rId1", "pivotTable", "../pivotTables/pivotTable1.xml")),
    }


def with_pivot_table(source: Path, target: Path, source_sheet: str, ref: str) -> Path:
    """``source`` (two sheets: the data, then an empty sheet) with a pivot table of the data on its second
    sheet, in the parts, relationships and content types Excel writes."""

    def types(data: bytes) -> bytes:
        overrides = "".join(
            f'<Override PartName="/xl/{name}" ContentType="{CONTENT}{kind}+xml"/>'
            for name, kind in (
                ("pivotTables/pivotTable1.xml", "pivotTable"),
                ("pivotCache/pivotCacheDefinition1.xml", "pivotCacheDefinition"),
                ("pivotCache/pivotCacheRecords1.xml", "pivotCacheRecords"),
            )
        )
        return data.replace(b"</Types>", overrides.encode() + b"</Types>")

    def workbook(data: bytes) -> bytes:
        caches = b'<pivotCaches><pivotCache cacheId="1" r:id="rId99"/></pivotCaches>'
        if b"xmlns:r=" not in data[: data.index(b">")]:
            data = data.replace(b"<workbook ", f'<workbook xmlns:r="{R_NS}" '.encode(), 1)
        return re.sub(rb"(<calcPr[^>]*/>)", rb"\1" + caches, data)

    def workbook_rels(data: bytes) -> bytes:
        rel = (
            f'<Relationship Id="rId99" Type="{TYPE}pivotCacheDefinition" '
            'Target="pivotCache/pivotCacheDefinition1.xml"/>'
        )
        return data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")

    edits = {"[Content_Types].xml": types, "xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": workbook_rels}
    return operate(source, target, edits, _pivot_parts(source_sheet, ref))
