#!/usr/bin/env python3
"""Reads an .xlsx workbook back the way a spreadsheet would, with nothing but the
standard library: every cell as one line "SHEET!REF<TAB>VALUE<TAB>NUMBER-FORMAT", the
sheets in workbook order, shared strings resolved, numbers as written. A sheet's frozen
pane is a line "SHEET!frozen<TAB>TOP-LEFT-CELL" and each column width a line
"SHEET!width:N<TAB>WIDTH". The export tests assert on these lines."""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def text_of(si):
    return "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))


def main(path):
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        strings = [text_of(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter("{%s}numFmt" % NS["m"])}
    xfs = [int(x.get("numFmtId", 0)) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(REL + "Relationship")}
    out = sys.stdout
    for sheet in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", NS):
        name = sheet.get("name")
        target = rels[sheet.get("{%s}id" % NS["r"])]
        xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "")))
        pane = xml.find(".//m:pane", NS)
        if pane is not None and pane.get("state") == "frozen":
            out.write("%s!frozen\t%s\n" % (name, pane.get("topLeftCell")))
        for col in xml.iter("{%s}col" % NS["m"]):
            out.write("%s!width:%s\t%s\n" % (name, col.get("min"), col.get("width")))
        for c in xml.iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            if v is None:
                continue
            value = strings[int(v.text)] if c.get("t") == "s" else v.text
            fmt = formats.get(xfs[int(c.get("s", 0))], "") if c.get("t") != "s" else ""
            out.write("%s!%s\t%s\t%s\n" % (name, c.get("r"), value.replace("\n", "\\n"), fmt))


if __name__ == "__main__":
    main(sys.argv[1])
