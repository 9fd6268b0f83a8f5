"""A deterministic corpus of hostile and broken resume files, written at test time.

Every file is synthetic (no real person) and made from raw bytes, ``zipfile``, reportlab and
python-docx. ``build(folder)`` writes the files and returns one ``Case`` per file: its name
and the technique it tries. Same bytes on every run (fixed seeds, reportlab ``invariant``).

    python tests/hostile/make_corpus.py OUT_FOLDER [--huge]

``--huge`` adds the few cases that are slow to write or to read (a 50 MB one-line text, a
1 GB zip bomb, a PDF of 10,000 pages with text); the normal corpus keeps the same techniques
at sizes that keep the test suite fast.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MB = 1024 * 1024

RESUME = """Jane Example
Machine Learning Engineer - Lisbon, Portugal - jane@example.com

SUMMARY
ML engineer with six years building retrieval and ranking systems in production.

EXPERIENCE
Senior ML Engineer, Northwind Analytics, 2021 - present
- Built a RAG assistant with LangChain, FAISS and PyTorch, serving 40k requests per day.
- Deployed models on Kubernetes with Docker and monitored drift with Prometheus.
ML Engineer, Blue Harbor, 2018 - 2021
- Trained gradient boosting and transformer models in Python with scikit-learn and Hugging Face.

SKILLS
Python, PyTorch, scikit-learn, FAISS, Kubernetes, Docker, AWS, SQL

EDUCATION
MSc Computer Science, University of Porto, 2018
"""


@dataclass(frozen=True)
class Case:
    name: str
    technique: str


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.cases: list[Case] = []

    def add(self, name: str, technique: str, data: bytes) -> None:
        assert not any(c.name == name for c in self.cases), name
        (self.root / name).write_bytes(data)
        self.cases.append(Case(name, technique))


# --------------------------------------------------------------------------- PDF


def base_pdf(pages: int = 2) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        y = 800.0
        for line in RESUME.splitlines():
            c.drawString(60, y, line)
            y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user: str, owner: str) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(user, ownerPassword=owner, canPrint=0)
    c = canvas.Canvas(buf, encrypt=enc, invariant=1)
    c.drawString(72, 720, "Jane Example, ML Engineer. Built PyTorch models on Kubernetes.")
    c.showPage()
    c.save()
    return buf.getvalue()


def raw_pdf(objects: list[bytes], *, root: int = 1, xref: bool = True, trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object i+1 = objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, start)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 11 Tf 60 780 Td 14 TL (Jane Example - ML Engineer) ' (Python PyTorch Kubernetes) ' ET"


def one_page_pdf(content: bytes, *, page_extra: bytes = b"", catalog_extra: bytes = b"",
                 more: list[bytes] | None = None) -> bytes:
    """Catalog 1, Pages 2, Page 3, content 4, font 5, then ``more``."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R %s>>" % page_extra,
        content,
        FONT,
        *(more or []),
    ])


def deflate_zeros(n: int, fill: bytes = b"\0") -> bytes:
    comp = zlib.compressobj(9)
    chunk = fill * MB
    parts = [comp.compress(chunk) for _ in range(n // MB)]
    parts.append(comp.flush())
    return b"".join(parts)


def many_pages_pdf(n: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (i + 6) for i in range(n))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
             b"/Contents 4 0 R >>"] * n
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< >>",
        stream(TEXT),
        FONT,
        *pages,
    ])


def pdf_cases(c: Corpus, rng: random.Random, huge: bool) -> None:
    good = base_pdf()
    c.add("pdf_good_control.pdf", "control: a valid two-page PDF", good)
    for i in range(24):  # truncated at many points, including inside the header and the xref
        cut = max(1, int(len(good) * (i + 0.5) / 25))
        c.add(f"pdf_truncated_{i:02d}.pdf", "truncated PDF", good[:cut])
    for i in range(24):  # random bytes overwritten
        data = bytearray(good)
        for _ in range(rng.choice((1, 8, 64, 512))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        c.add(f"pdf_corrupt_{i:02d}.pdf", "corrupted PDF (random bytes overwritten)", bytes(data))
    c.add("pdf_header_only.pdf", "PDF header and nothing else", b"%PDF-1.7\n")
    c.add("pdf_no_xref.pdf", "PDF without xref table", raw_pdf([b"<< /Type /Catalog >>"], xref=False))
    c.add("pdf_zero_pages.pdf", "PDF with an empty page tree",
          raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    # decompression bombs: content streams and an unused stream that inflate to hundreds of MB
    for mb in (64, 256) + ((1024,) if huge else ()):
        c.add(f"pdf_bomb_content_{mb}mb.pdf", "decompression bomb in the page content stream",
              one_page_pdf(stream(deflate_zeros(mb * MB, b" "), b"/Filter /FlateDecode ")))
    c.add("pdf_bomb_text_ops.pdf", "compressed stream of 400k text-showing operators (20 MB, 7M characters)",
          one_page_pdf(stream(zlib.compress(TEXT + b" BT /F1 1 Tf 9 9 Td (PyTorch Kubernetes) Tj ET\n" * 400_000, 9),
                              b"/Filter /FlateDecode ")))
    c.add("pdf_bomb_unused_stream.pdf", "decompression bomb in an object no page uses",
          one_page_pdf(stream(TEXT), more=[stream(deflate_zeros(256 * MB), b"/Filter /FlateDecode ")]))
    c.add("pdf_bomb_filter_chain.pdf", "stacked filters (Flate of Flate of zeros)",
          one_page_pdf(stream(zlib.compress(deflate_zeros(128 * MB, b" "), 9),
                              b"/Filter [/FlateDecode /FlateDecode] ")))
    # circular references
    c.add("pdf_loop_pages_self.pdf", "page tree whose Kids contain itself",
          raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]))
    c.add("pdf_loop_pages_pair.pdf", "two page-tree nodes that are each other's kid",
          raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
                   b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]))
    c.add("pdf_loop_parent.pdf", "page whose Parent chain loops", one_page_pdf(stream(TEXT), page_extra=b"/Foo 3 0 R "))
    c.add("pdf_loop_length.pdf", "stream Length that refers to itself",
          one_page_pdf(b"<< /Length 4 0 R >>\nstream\n" + TEXT + b"\nendstream"))
    c.add("pdf_loop_resources.pdf", "Resources dictionary that refers to itself",
          raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R >>", stream(TEXT),
                   b"<< /Font << /F1 6 0 R >> /Self 5 0 R /XObject << /X 5 0 R >> >>", FONT]))
    good_one = one_page_pdf(stream(TEXT))
    loop_prev = good_one.replace(b"trailer\n<<", b"trailer\n<< /Prev %d" % good_one.rindex(b"xref"))
    c.add("pdf_loop_xref_prev.pdf", "xref section whose /Prev points at itself", loop_prev)
    c.add("pdf_xref_bad_offsets.pdf", "xref offsets that point nowhere",
          good_one.replace(b" 00000 n ", b" 99999 n ").replace(b"0000000", b"9999999"))
    c.add("pdf_objstm_self.pdf", "object stream that contains a reference to itself",
          one_page_pdf(stream(TEXT), more=[stream(b"6 0 << /Self 6 0 R >>", b"/Type /ObjStm /N 1 /First 4 ")]))
    c.add("pdf_form_xobject_loop.pdf", "form XObject that draws itself",
          raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> "
                   b"/XObject << /X 6 0 R >> >> /Contents 4 0 R >>",
                   stream(TEXT + b" /X Do"), FONT,
                   stream(b"/X Do " + TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                          b"/Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >> ")]))
    # structure attacks
    c.add("pdf_deep_arrays.pdf", "100k nested arrays in a dictionary", one_page_pdf(stream(TEXT), more=[
        b"<< /Deep " + b"[" * 100_000 + b"]" * 100_000 + b" >>"]))
    c.add("pdf_deep_dicts.pdf", "50k nested dictionaries in the catalog",
          one_page_pdf(stream(TEXT), catalog_extra=b"/D " + b"<< /A " * 50_000 + b">> " * 50_000))
    c.add("pdf_huge_count.pdf", "page tree that claims 2^31 pages",
          one_page_pdf(stream(TEXT)).replace(b"/Count 1", b"/Count 2147483647"))
    c.add("pdf_pages_10k.pdf", "10,000 pages (only max_pages are read)", many_pages_pdf(10_000))
    if huge:
        c.add("pdf_pages_100k.pdf", "100,000 pages", many_pages_pdf(100_000))
    c.add("pdf_javascript.pdf", "OpenAction JavaScript",
          one_page_pdf(stream(TEXT), catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\); while\\(1\\){}) >> "))
    c.add("pdf_launch.pdf", "Launch action that runs a program",
          one_page_pdf(stream(TEXT), catalog_extra=b"/OpenAction << /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) >> >> "))
    c.add("pdf_uri_action.pdf", "URI action to an external host",
          one_page_pdf(stream(TEXT), catalog_extra=b"/OpenAction << /S /URI /URI (http://203.0.113.1/x) >> "))
    c.add("pdf_embedded_file.pdf", "embedded executable attachment", one_page_pdf(stream(TEXT), catalog_extra=(
        b"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>] >> >> "),
        more=[stream(b"\x7fELF" + bytes(200), b"/Type /EmbeddedFile ")]))
    c.add("pdf_bad_font.pdf", "font program that is random bytes", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(TEXT),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Evil /FirstChar 0 /LastChar 255 /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Evil /Flags 32 /FontBBox [0 0 1000 1000] /FontFile2 7 0 R >>",
        stream(rng.randbytes(20_000)),
    ]))
    c.add("pdf_negative_length.pdf", "stream with a negative Length",
          one_page_pdf(b"<< /Length -5000 >>\nstream\n" + TEXT + b"\nendstream"))
    c.add("pdf_huge_length.pdf", "stream with a Length of 2^40",
          one_page_pdf(b"<< /Length 1099511627776 >>\nstream\n" + TEXT + b"\nendstream"))
    c.add("pdf_huge_mediabox.pdf", "page of 10^9 x 10^9 points",
          one_page_pdf(stream(TEXT)).replace(b"[0 0 595 842]", b"[0 0 1000000000 1000000000]"))
    c.add("pdf_image_bomb.pdf", "image XObject of 60000 x 60000 pixels", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> "
        b"/XObject << /I 6 0 R >> >> /Contents 4 0 R >>",
        stream(TEXT + b" q 595 0 0 842 0 0 cm /I Do Q"), FONT,
        stream(deflate_zeros(8 * MB), b"/Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace "
               b"/DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode "),
    ]))
    c.add("pdf_encrypted_user_pw.pdf", "encrypted PDF with a user password", encrypted_pdf("secret", "owner"))
    c.add("pdf_encrypted_owner_only.pdf", "encrypted PDF with an owner password only (opens without one)",
          encrypted_pdf("", "owner"))
    c.add("pdf_bogus_encrypt.pdf", "Encrypt dictionary with an unknown security handler",
          one_page_pdf(stream(TEXT)).replace(b"trailer\n<<", b"trailer\n<< /Encrypt << /Filter /Evil /V 9 /R 9 >>"))
    # things that are not PDFs at all
    c.add("pdf_is_png.pdf", "PNG named .pdf", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000))
    c.add("pdf_is_elf.pdf", "ELF executable named .pdf", b"\x7fELF\x02\x01\x01" + bytes(9) + rng.randbytes(4000))
    c.add("pdf_is_gif.pdf", "GIF named .pdf", b"GIF89a" + rng.randbytes(2000))
    c.add("pdf_is_html.pdf", "HTML page named .pdf", b"<html><body><p>" + RESUME.encode() + b"</p></body></html>")
    c.add("pdf_is_text.pdf", "plain text named .pdf", RESUME.encode())
    c.add("pdf_is_zip.pdf", "zip archive named .pdf", zip_bytes({"a.txt": b"hello"}))
    c.add("pdf_late_header.pdf", "PDF header after 900 bytes of junk", rng.randbytes(900).replace(b"%", b"x") + good)
    c.add("pdf_nul.pdf", "NUL bytes named .pdf", bytes(100_000))
    for i in range(6):
        c.add(f"pdf_random_{i}.pdf", "random bytes named .pdf", rng.randbytes(rng.choice((10, 1000, 100_000))))
    for i in range(6):
        c.add(f"pdf_header_random_{i}.pdf", "PDF header followed by random bytes", b"%PDF-1.4\n" + rng.randbytes(50_000))


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()


# --------------------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOC_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
)


def paragraphs(lines: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r></w:p>" for t in lines).encode()


def document_xml(body: bytes, prolog: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
            + b'<w:document xmlns:w="' + W_NS.encode() + b'" xmlns:r="' + R_NS.encode() + b'"><w:body>' + body
            + b"</w:body></w:document>")


def raw_docx(document: bytes, extra: dict[str, bytes] | None = None, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                      "word/_rels/document.xml.rels": DOC_RELS, "word/document.xml": document, **(extra or {})}, method)


def python_docx() -> bytes:
    import docx

    d = docx.Document()
    for line in RESUME.splitlines():
        d.add_paragraph(line)
    fixed = datetime(2026, 1, 1, tzinfo=UTC)
    d.core_properties.created = d.core_properties.modified = fixed
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as zf:  # re-packed with fixed member dates: the same bytes every run
        return zip_bytes({i.filename: zf.read(i) for i in zf.infolist()})


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the declared uncompressed size of ``member`` in both zip headers."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
        start = zf.start_dir  # type: ignore[attr-defined]
    struct.pack_into("<I", out, info.header_offset + 22, size)
    pos = start
    while out[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<HHH", out, pos + 28)
        if out[pos + 46:pos + 46 + n].decode() == member:
            struct.pack_into("<I", out, pos + 24, size)
        pos += 46 + n + m + k
    return bytes(out)


def docx_cases(c: Corpus, rng: random.Random, huge: bool) -> None:
    good = raw_docx(document_xml(paragraphs(RESUME.splitlines())))
    c.add("docx_good_control.docx", "control: a valid DOCX", good)
    made = python_docx()
    c.add("docx_good_python_docx.docx", "control: a DOCX written by python-docx", made)
    for i in range(16):
        cut = max(1, int(len(made) * (i + 0.5) / 16))
        c.add(f"docx_truncated_{i:02d}.docx", "truncated DOCX", made[:cut])
    for i in range(16):
        data = bytearray(made)
        for _ in range(rng.choice((1, 16, 256))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        c.add(f"docx_corrupt_{i:02d}.docx", "corrupted DOCX (random bytes overwritten)", bytes(data))
    c.add("docx_empty.docx", "0-byte DOCX", b"")
    c.add("docx_only_pk.docx", "zip magic and nothing else", b"PK\x03\x04")
    c.add("docx_empty_zip.docx", "empty zip archive", zip_bytes({}))
    c.add("docx_no_document.docx", "zip without word/document.xml", zip_bytes({"[Content_Types].xml": CONTENT_TYPES}))
    c.add("docx_document_not_xml.docx", "word/document.xml that is random bytes", raw_docx(rng.randbytes(5000)))
    c.add("docx_document_empty.docx", "empty word/document.xml", raw_docx(b""))
    c.add("docx_stored.docx", "DOCX with stored (uncompressed) members",
          raw_docx(document_xml(paragraphs(RESUME.splitlines())), method=zipfile.ZIP_STORED))
    # zip bombs
    for mb in (50, 150) + ((1024,) if huge else ()):
        body = b"<w:p><w:r><w:t>" + b" " * (mb * MB) + b"</w:t></w:r></w:p>"
        c.add(f"docx_bomb_{mb}mb.docx", f"zip bomb: document.xml inflates to {mb} MB",
              raw_docx(document_xml(body)))
    c.add("docx_bomb_many_members.docx", "zip bomb: 12 members of 10 MB of zeros each",
          raw_docx(document_xml(paragraphs(["x"])), {f"word/media/image{i}.png": bytes(10 * MB) for i in range(12)}))
    c.add("docx_bomb_lying_size.docx", "zip bomb whose headers declare 1 KB for 80 MB",
          lie_about_size(raw_docx(document_xml(b"<w:p><w:r><w:t>" + b"a" * (80 * MB) + b"</w:t></w:r></w:p>")),
                         "word/document.xml", 1024))
    c.add("docx_members_100k.docx", "100,000 zip members",
          raw_docx(document_xml(paragraphs(["x"])), {f"customXml/item{i}.xml": b"" for i in range(100_000)},
                   method=zipfile.ZIP_STORED))
    inner = raw_docx(document_xml(paragraphs(RESUME.splitlines())))
    nested = inner
    for _ in range(5):
        nested = zip_bytes({"word/document.xml": nested, "[Content_Types].xml": CONTENT_TYPES})
    c.add("docx_nested_zips.docx", "document.xml that is itself a zip, five levels deep", nested)
    c.add("docx_embedded_docx.docx", "DOCX with another DOCX embedded",
          raw_docx(document_xml(paragraphs(RESUME.splitlines())), {"word/embeddings/x.docx": inner}))
    # XML attacks on document.xml
    text = paragraphs(["Jane Example", "&xxe;"]).replace(b"&amp;xxe;", b"&xxe;")
    c.add("docx_xxe_file.docx", "XXE: external entity reading /etc/passwd",
          raw_docx(document_xml(text, b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')))
    c.add("docx_xxe_http.docx", "XXE: external entity fetched over HTTP (must not hang without network)",
          raw_docx(document_xml(text, b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://203.0.113.1/x">]>')))
    c.add("docx_xxe_parameter.docx", "XXE: external parameter entity / DTD",
          raw_docx(document_xml(text, b'<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;'
                                      b'<!ENTITY xxe "x">]>')))
    c.add("docx_xxe_external_dtd.docx", "external DTD by SYSTEM id",
          raw_docx(document_xml(paragraphs(["Jane"]), b'<!DOCTYPE w:document SYSTEM "file:///etc/passwd">')))
    c.add("docx_xxe_in_rels.docx", "XXE in the relationships part",
          raw_docx(document_xml(paragraphs(["Jane"])), {"_rels/.rels": RELS.replace(
              b"<Relationships", b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Relationships', 1)
              .replace(b'Target="word/document.xml"', b'Target="word/document.xml" Foo="&xxe;"')}))
    laughs = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    c.add("docx_billion_laughs.docx", "billion laughs entity expansion",
          raw_docx(document_xml(paragraphs(["Jane", "&l9;"]).replace(b"&amp;l9;", b"&l9;"),
                                b'<!DOCTYPE w:document [<!ENTITY l0 "ha">' + laughs + b"]>")))
    c.add("docx_quadratic_blowup.docx", "quadratic blowup (one 50 kB entity used 20k times)",
          raw_docx(document_xml(b"<w:p><w:r><w:t>" + b"&a;" * 20_000 + b"</w:t></w:r></w:p>",
                                b'<!DOCTYPE w:document [<!ENTITY a "' + b"x" * 50_000 + b'">]>')))
    c.add("docx_deep_nesting.docx", "XML nested 100k elements deep",
          raw_docx(document_xml(b"<w:p>" * 100_000 + b"</w:p>" * 100_000)))
    c.add("docx_many_paragraphs.docx", "300k empty paragraphs", raw_docx(document_xml(b"<w:p/>" * 300_000)))
    c.add("docx_wide_table.docx", "a table row of 20k cells", raw_docx(document_xml(
        b"<w:tbl><w:tr>" + b"<w:tc><w:p><w:r><w:t>PyTorch</w:t></w:r></w:p></w:tc>" * 20_000 + b"</w:tr></w:tbl>")))
    c.add("docx_utf16_xml.docx", "document.xml in UTF-16 with a lying UTF-8 declaration",
          raw_docx(document_xml(paragraphs(["Jane"])).decode().encode("utf-16-le")))
    c.add("docx_bad_utf8.docx", "document.xml with invalid UTF-8",
          raw_docx(document_xml(b"<w:p><w:r><w:t>Jane \xff\xfe\xc0\xaf</w:t></w:r></w:p>")))
    c.add("docx_path_traversal.docx", "zip members named ../../etc/x and /abs",
          raw_docx(document_xml(paragraphs(["Jane"])), {"../../../../tmp/stackfit-pwned": b"x", "/abs/x": b"y"}))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    c.add("docx_ole_encrypted.docx", "password-protected Word file (OLE with EncryptionInfo)",
          ole + "EncryptionInfo".encode("utf-16-le") + rng.randbytes(3000))
    c.add("docx_legacy_doc.docx", "legacy .doc renamed .docx", ole + rng.randbytes(3000))
    c.add("docx_is_pdf.docx", "PDF named .docx", base_pdf(1))
    c.add("docx_is_text.docx", "text named .docx", RESUME.encode())
    for i in range(6):
        c.add(f"docx_random_{i}.docx", "random bytes named .docx", rng.randbytes(rng.choice((10, 1000, 100_000))))
    for i in range(4):
        c.add(f"docx_pk_random_{i}.docx", "zip magic followed by random bytes", b"PK\x03\x04" + rng.randbytes(20_000))


# --------------------------------------------------------------------------- text, Markdown, HTML, JSON


def text_cases(c: Corpus, rng: random.Random, huge: bool) -> None:
    r = RESUME
    c.add("txt_good_control.txt", "control: a valid text resume", r.encode())
    c.add("txt_empty.txt", "empty file", b"")
    c.add("txt_whitespace.txt", "only whitespace", b" \n\t\r\n" * 1000)
    c.add("txt_bom_only.txt", "a UTF-8 byte-order mark and nothing else", b"\xef\xbb\xbf")
    c.add("txt_nul_1mb.txt", "1 MB of NUL bytes", bytes(MB))
    c.add("txt_nul_sprinkled.txt", "text with NUL bytes between the lines", r.replace("\n", "\0\n").encode())
    c.add("txt_one_line_19mb.txt", "19 MB on one line (under max_bytes)", b"PyTorch engineer " * (19 * MB // 17))
    c.add("txt_one_line_25mb.txt", "25 MB on one line (over max_bytes)", b"a" * (25 * MB))
    if huge:
        c.add("txt_one_line_50mb.txt", "50 MB on one line", b"PyTorch " * (50 * MB // 8))
    big = 5 if huge else 1  # the slow-to-read cases grow 5x with --huge
    c.add("txt_many_lines.txt", f"{big * 500}k short lines", b"x\n" * (big * 500_000))
    c.add("txt_many_headings.txt", f"{big * 40}k lines that look like section headings",
          b"EXPERIENCE\n2019 - 2020\n" * (big * 20_000))
    c.add("txt_many_dates.txt", "100k date ranges", b"Engineer, Acme, Jan 2019 - Mar 2020\n" * 100_000)
    c.add("txt_long_word.txt", "one 10 MB word", b"Kubernetes" * MB)
    c.add("txt_control_chars.txt", "control characters", bytes(range(1, 32)) * 10_000)
    for enc in ("utf-16-le", "utf-16-be"):
        c.add(f"txt_{enc}_no_bom.txt", f"{enc.upper()} without a BOM", r.encode(enc))
    c.add("txt_utf16_bom.txt", "UTF-16 with a BOM", r.encode("utf-16"))
    c.add("txt_utf32_bom.txt", "UTF-32 with a BOM", r.encode("utf-32"))
    c.add("txt_utf16_bom_odd.txt", "UTF-16 BOM with an odd number of bytes", b"\xff\xfe" + r.encode("utf-16-le") + b"x")
    c.add("txt_utf8_bom_invalid.txt", "UTF-8 BOM then invalid UTF-8", b"\xef\xbb\xbf" + r.encode() + b"\xff\xfe\xc3")
    c.add("txt_invalid_utf8.txt", "invalid UTF-8 sequences", r.encode().replace(b"e", b"\xc3\x28"))
    c.add("txt_overlong_utf8.txt", "overlong UTF-8 encodings of '/' and NUL", r.encode() + b"\xc0\xaf\xe0\x80\xaf\xc0\x80" * 100)
    c.add("txt_surrogates.txt", "UTF-8-encoded lone surrogates (CESU)", r.encode() + b"\xed\xa0\x80\xed\xbf\xbf" * 50)
    for enc in ("latin-1", "cp1252", "shift_jis", "koi8-r", "gb18030", "utf-7"):
        text = r.replace("Lisbon", "Lisboa São Paulo Kraków") if enc in ("cp1252", "gb18030", "utf-7") else r
        c.add(f"txt_{enc}.txt", f"resume in {enc}", text.encode(enc, "replace"))
    c.add("txt_mixed_encodings.txt", "UTF-8, Latin-1 and UTF-16 pieces in one file",
          r.encode() + "Zoë Müller".encode("latin-1") + "Jane".encode("utf-16-le"))
    c.add("txt_bidi_overrides.txt", "right-to-left overrides and zero-width characters",
          ("\u202e" + r + "\u200b" * 10_000).encode())
    c.add("txt_combining_marks.txt", "100k combining marks on one letter", ("a" + "\u0301" * 100_000 + "\n" + r).encode())
    for i in range(8):
        ext = (".txt", ".md", ".json", ".html")[i % 4]
        c.add(f"bin_random_{i}{ext}", f"random binary data named {ext}", rng.randbytes(rng.choice((100, 10_000, 1_000_000))))
    c.add("bin_elf.txt", "ELF executable named .txt", b"\x7fELF\x02\x01\x01" + bytes(9) + rng.randbytes(8000))
    c.add("bin_png.md", "PNG named .md", b"\x89PNG\r\n\x1a\n" + rng.randbytes(8000))
    c.add("bin_gzip.txt", "gzip bomb named .txt", b"\x1f\x8b\x08\x00" + deflate_zeros(64 * MB))
    c.add("bin_zip.txt", "zip archive named .txt", zip_bytes({"resume.txt": r.encode()}))
    c.add("bin_pdf.txt", "PDF named .txt", base_pdf(1))
    c.add("bin_docx.md", "DOCX named .md", raw_docx(document_xml(paragraphs(r.splitlines()))))
    c.add("bin_sqlite.txt", "SQLite database named .txt", b"SQLite format 3\0" + bytes(4080))
    # Markdown
    c.add("md_good_control.md", "control: a valid Markdown resume", ("# Jane Example\n\n## Experience\n" + r).encode())
    c.add("md_nested_quotes.md", "100k nested block quotes", b">" * 100_000 + b" Jane\n")
    c.add("md_nested_lists.md", "list nested 5k levels", b"".join(b"  " * i + b"- item\n" for i in range(5000)))
    c.add("md_emphasis_bomb.md", "unclosed emphasis runs (quadratic in naive parsers)", b"*a **a " * 200_000)
    c.add("md_link_bomb.md", "100k nested link brackets", b"[" * 100_000 + b"x" + b"](y)" * 1000)
    c.add("md_backticks.md", "200k unmatched backticks", b"`a" * 200_000)
    c.add("md_html_deep.md", "raw HTML nested 50k deep inside Markdown", b"<div>" * 50_000 + b"Jane")
    c.add("md_long_table.md", f"a table of {big * 20}k rows", b"| a | b |\n|---|---|\n" + b"| PyTorch | 5 |\n" * (big * 20_000))
    c.add("md_headings.md", f"{big * 40}k headings", b"# EXPERIENCE\n" * (big * 40_000))
    # HTML
    c.add("html_good_control.html", "control: a valid HTML resume",
          ("<html><body><h1>Jane Example</h1><p>" + r.replace("\n", "<br>") + "</p></body></html>").encode())
    for depth in (1_000, 100_000):
        c.add(f"html_nested_div_{depth}.html", f"<div> nested {depth} deep",
              b"<html><body>" + b"<div>" * depth + b"Jane Example, PyTorch" + b"</div>" * depth + b"</body></html>")
    c.add("html_nested_unclosed.html", "200k unclosed <span>", b"<html><body>" + b"<span>x" * 200_000)
    c.add("html_nested_tables.html", "tables nested 20k deep", b"<html><body>" + b"<table><tr><td>" * 20_000 + b"Jane")
    c.add("html_many_elements.html", "1 million <p> elements", b"<html><body>" + b"<p>x</p>" * 1_000_000)
    c.add("html_many_attributes.html", "one element with 200k attributes",
          b"<html><body><p " + b" ".join(b"a%d=x" % i for i in range(200_000)) + b">Jane</p></body></html>")
    c.add("html_entity_bomb.html", "XHTML with a billion-laughs DTD",
          b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "ha">' + b"".join(
              b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
          + b']><html><body><p>&l9;</p></body></html>')
    c.add("html_xxe.html", "XHTML with an external entity reading /etc/passwd",
          b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
          b"<html><body><p>Jane Example &x;</p></body></html>")
    c.add("html_numeric_entities.html", "2 million numeric character references",
          b"<html><body><p>" + b"&#x41;&#0;&#xD800;&#1114112;" * 500_000 + b"</p></body></html>")
    c.add("html_unclosed_comment.html", "an unclosed comment swallowing the page", b"<html><body><!-- " + r.encode() * 100)
    c.add("html_script_only.html", "only a 5 MB script", b"<html><script>" + b"while(1){}" * 500_000 + b"</script></html>")
    c.add("html_bad_charset.html", "a meta charset that does not exist",
          b'<html><head><meta charset="x-evil-9"></head><body>' + r.encode("latin-1") + b"</body></html>")
    c.add("html_utf7_charset.html", "a UTF-7 meta charset", b'<html><head><meta charset="utf-7"></head><body>+ADw-script+AD4-'
          + r.encode() + b"</body></html>")
    c.add("html_nul.html", "HTML with NUL bytes", b"<html><body>" + b"\0" * 10_000 + b"Jane</body></html>")
    c.add("html_long_line.html", f"a {big * 3} MB text node", b"<html><body><p>" + b"PyTorch " * (big * 3 * MB // 8) + b"</p></body></html>")
    c.add("html_wide_table.html", "a table row of 100k cells", b"<html><body><table><tr>" + b"<td>a</td>" * 100_000 + b"</tr></table>")
    c.add("html_svg_bomb.html", "SVG with nested <use> references",
          b'<html><body><p>Jane</p><svg><g id="a0"><text>x</text></g>' + b"".join(
              b'<g id="a%d"><use href="#a%d"/><use href="#a%d"/></g>' % (i, i - 1, i - 1) for i in range(1, 40)) + b"</svg></body></html>")
    # JSON
    c.add("json_good_control.json", "control: a JSON Resume", (
        b'{"basics": {"name": "Jane Example", "label": "ML Engineer"}, "work": [{"name": "Northwind", '
        b'"position": "ML Engineer", "startDate": "2021-01", "highlights": ["Built RAG with PyTorch and FAISS"]}], '
        b'"skills": [{"name": "ML", "keywords": ["Python", "PyTorch", "Kubernetes"]}]}'))
    c.add("json_deep_arrays.json", "arrays nested 100k deep", b"[" * 100_000 + b"]" * 100_000)
    c.add("json_deep_objects.json", "objects nested 100k deep", b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
    c.add("json_deep_basics.json", "JSON Resume whose basics nest 50k deep",
          b'{"basics": ' + b'{"name":' * 50_000 + b'"x"' + b"}" * 50_000 + b"}")
    c.add("json_huge_int.json", "an integer of 1 million digits", b'{"basics": {"name": ' + b"9" * MB + b"}}")
    c.add("json_huge_float.json", "floats that overflow", b'{"basics": {"name": 1e999999}, "work": [' + b"-1e400," * 1000 + b"0]}")
    c.add("json_many_keys.json", "an object of 500k keys",
          b"{" + b",".join(b'"k%d": %d' % (i, i) for i in range(500_000)) + b"}")
    c.add("json_wrong_types.json", "JSON Resume with every field of the wrong type",
          b'{"basics": [1, 2], "work": {"a": null}, "skills": "Python", "education": 7, "projects": [[[]]]}')
    c.add("json_truncated.json", "truncated JSON", b'{"basics": {"name": "Jane", "label": "ML')
    c.add("json_nan.json", "NaN and Infinity literals", b'{"basics": {"name": NaN, "label": Infinity}, "work": [-Infinity]}')
    c.add("json_duplicate_keys.json", "200k duplicate keys", b"{" + b'"basics": {},' * 200_000 + b'"x": 1}')
    c.add("json_long_string.json", f"a {big * 3} MB string", b'{"basics": {"summary": "' + b"PyTorch " * (big * 3 * MB // 8) + b'"}}')
    c.add("json_utf16.json", "JSON in UTF-16 without a BOM", b'{"basics": {"name": "Jane Example"}}'.decode().encode("utf-16-le"))
    c.add("json_bad_escape.json", "invalid escapes and lone surrogates", b'{"basics": {"name": "\\ud800\\x\\u12"}}')
    c.add("json_array_top.json", "a top-level array of 1M numbers", b"[" + b"1," * MB + b"1]")


BUILDERS: tuple[Callable[[Corpus, random.Random, bool], None], ...] = (pdf_cases, docx_cases, text_cases)


def build(root: Path, *, huge: bool = False) -> list[Case]:
    """Write the corpus into ``root`` (created if missing); the same bytes on every call."""
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root)
    for i, builder in enumerate(BUILDERS):
        builder(corpus, random.Random(1000 + i), huge)
    return corpus.cases


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--huge"]
    if len(args) != 1:
        sys.exit(__doc__)
    cases = build(Path(args[0]), huge="--huge" in sys.argv)
    print(f"{len(cases)} files in {args[0]}")
