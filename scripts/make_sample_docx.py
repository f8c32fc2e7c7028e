#!/usr/bin/env python3
"""Writes corpus/documents/dominican-border-operations-statement.docx, a fictional government
statement with a civil-society annex, as a minimal but valid Word document.

Usage: python3 scripts/make_sample_docx.py [OUTPUT]
Only the standard library is used (zipfile); the output is deterministic.
"""
import sys
import zipfile
from xml.sax.saxutils import escape

OUTPUT = sys.argv[1] if len(sys.argv) > 1 else "corpus/documents/dominican-border-operations-statement.docx"
TITLE = "Statement on Migration Control Operations in the Northern Border Provinces"

# (style, text): style is "Title", "Heading1", "Heading2", "List" or None; **x** is bold.
PARAGRAPHS = [
    ("Title", TITLE),
    (None, "Issued by the Office of the Spokesperson, Directorate General of Migration\tSanto Domingo, 9 February 2024"),
    ("Heading1", "Purpose of the operations"),
    (None, "The Directorate General of Migration carried out control operations in the provinces of Dajabón, Montecristi and Santiago Rodríguez between 15 January and 5 February. The Directorate reaffirms that the State has the sovereign right to regulate the entry and stay of foreign nationals and will continue to repatriate those found in an irregular situation."),
    (None, "During the period, **4,812 foreign nationals** were detained for verification and 3,960 were repatriated to Haiti through the official crossing points at Dajabón and Elías Piña. According to the Directorate, every person was given food and water and was examined by a doctor before transfer."),
    (None, "The Government rejects claims published in recent days that agents mistreated detainees or entered private homes without a warrant. Any complaint supported by evidence will be referred to the Internal Affairs unit."),
    ("Heading2", "Measures announced"),
    ("List", "Mobile verification units will continue to operate in the three provinces until further notice."),
    ("List", "Pregnant women and unaccompanied children will be referred to the National Council for Children and Adolescents."),
    ("List", "Employers who hire workers without permits will face fines of up to 30 minimum wages."),
    ("Heading1", "Annex: Observations of the Coalition for Migrant Rights"),
    (None, "The Coalition, a network of eleven organisations working in the border region, submitted the following observations after monitoring the operations."),
    (None, "Monitors documented at least 27 cases in which people born in the Dominican Republic to Haitian parents were detained and sent across the border although they carried Dominican identity documents. Several families said that agents tore up their papers at the checkpoint in Loma de Cabrera."),
    (None, "Detainees held at the Haina centre reportedly slept on the floor in overcrowded cells, and two women told monitors that agents demanded 5,000 pesos to release them. A man deported on 28 January said he was beaten with a baton when he asked to call his employer."),
    (None, "Haiti is facing a severe humanitarian and security crisis, and the UN human rights office has called on all States to suspend forced returns to the country. The Coalition urges the Government to halt mass deportations, to give every detained person the chance to show their documents, and to open the detention centres to independent monitors."),
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def runs(text):
    """w:r elements for text with **bold** spans and tabs."""
    out = []
    for i, part in enumerate(text.split("**")):
        if not part:
            continue
        props = "<w:rPr><w:b/></w:rPr>" if i % 2 else ""
        pieces = part.split("\t")
        content = "<w:tab/>".join(
            f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces
        )
        out.append(f"<w:r>{props}{content}</w:r>")
    return "".join(out)


def paragraph(style, text):
    if style == "List":
        props = '<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    elif style:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    else:
        props = ""
    return f"<w:p>{props}{runs(text)}</w:p>"


DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{W_NS}"><w:body>'
    + "".join(paragraph(s, t) for s, t in PARAGRAPHS)
    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
)


def style(style_id, name, size, bold=True, based_on="Normal"):
    b = "<w:b/>" if bold else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based_on}"/><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr>'
        f'<w:rPr>{b}<w:sz w:val="{size}"/></w:rPr></w:style>'
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:pPr><w:spacing w:after="160"/></w:pPr><w:rPr><w:sz w:val="22"/></w:rPr></w:style>'
    + style("Title", "Title", 36)
    + style("Heading1", "heading 1", 30)
    + style("Heading2", "heading 2", 26)
    + style("ListParagraph", "List Paragraph", 22, bold=False)
    + "</w:styles>"
)

NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)

CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">'
    f"<dc:title>{escape(TITLE)}</dc:title><dc:creator>claimscan sample</dc:creator>"
    "</cp:coreProperties>"
)

PARTS = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", ROOT_RELS),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES),
    ("word/numbering.xml", NUMBERING),
    ("docProps/core.xml", CORE),
]

with zipfile.ZipFile(OUTPUT, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, content in PARTS:
        # A fixed timestamp keeps the file byte-for-byte reproducible.
        info = zipfile.ZipInfo(name, date_time=(2024, 2, 9, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, content.encode("utf-8"))
print(f"wrote {OUTPUT}")
