"""Bad input always ends in a typed error with a path and a hint, never a raw exception."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from parse_fixtures import make_docx, make_image_only_pdf, make_pdf, resume_pdf_lines

from stackfit.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncodingError,
    EncryptedFileError,
    FileTooLargeError,
    InputError,
    LimitExceededError,
    NoTextLayerError,
    StackfitError,
    UnsupportedFormatError,
)
from stackfit.parse import SUPPORTED_SUFFIXES, ParseLimits, parse_bytes, parse_file, parse_text

MIB = 1024 * 1024


def check(exc: StackfitError, name: str) -> None:
    assert exc.path is not None and exc.path.endswith(name)
    assert exc.hint, "every error says how to fix it"
    assert exc.message


def test_encrypted_pdf() -> None:
    data = make_pdf([resume_pdf_lines()], encrypt="pw")
    with pytest.raises(EncryptedFileError) as ei:
        parse_bytes(data, "locked.pdf")
    check(ei.value, "locked.pdf")
    assert "password" in ei.value.message


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_pdf(keep: float) -> None:
    data = make_pdf([resume_pdf_lines()])
    with pytest.raises(CorruptFileError) as ei:
        parse_bytes(data[: int(len(data) * keep)], "cut.pdf")
    check(ei.value, "cut.pdf")


def test_pdf_without_text_layer() -> None:
    with pytest.raises(NoTextLayerError) as ei:
        parse_bytes(make_image_only_pdf(), "scan.pdf")
    check(ei.value, "scan.pdf")
    assert ei.value.hint == "the PDF is a scan; export it with a text layer or OCR it first"


def test_pdf_with_only_blank_pages() -> None:
    with pytest.raises(NoTextLayerError):
        parse_bytes(make_pdf([[], []]), "blank.pdf")


def _random_bytes(n: int, seed: int) -> bytes:
    data = bytearray(random.Random(seed).randbytes(n))
    data[:2] = b"\x93\x11"  # no accidental magic
    return bytes(data)


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_binary_gives_typed_error(suffix: str, seed: int) -> None:
    name = f"noise{suffix}"
    with pytest.raises(InputError) as ei:
        parse_bytes(_random_bytes(4096, seed), name)
    assert isinstance(ei.value, (CorruptFileError, EncodingError, UnsupportedFormatError))
    check(ei.value, name)


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_fake_magic_then_garbage(suffix: str) -> None:
    head = b"%PDF-1.7\n" if suffix == ".pdf" else b"PK\x03\x04"
    with pytest.raises(CorruptFileError) as ei:
        parse_bytes(head + _random_bytes(2048, 9), f"fake{suffix}")
    check(ei.value, f"fake{suffix}")


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@pytest.mark.parametrize("content", [b"", b"   \n\t \r\n"])
def test_empty_files(tmp_path: Path, suffix: str, content: bytes) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    with pytest.raises(EmptyDocumentError) as ei:
        parse_file(path)
    check(ei.value, path.name)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom-only.txt", b"\xef\xbb\xbf"),
        ("zero-width.txt", "\u200b\u200b\n\ufeff".encode()),
        ("empty.md", b"# \n---\n"),
        ("empty.html", b"<html><head><title>Resume</title></head><body><script>x()</script></body></html>"),
    ],
)
def test_no_visible_text(name: str, data: bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        parse_bytes(data, name)


def test_empty_parse_text() -> None:
    with pytest.raises(EmptyDocumentError) as ei:
        parse_text("  \n ", source="pasted")
    assert ei.value.path == "pasted"


@pytest.mark.parametrize("name", ["resume.xyz", "resume.doc", "resume.rtf", "resume.odt", "photo.png"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormatError) as ei:
        parse_file(path)
    check(ei.value, name)
    assert ".pdf" in ei.value.hint and ".docx" in ei.value.hint


def test_unrecognisable_content_without_suffix() -> None:
    with pytest.raises(UnsupportedFormatError):
        parse_bytes(b"just some words", "upload")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as ei:
        parse_file(tmp_path / "nope.pdf")
    check(ei.value, "nope.pdf")


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Jane Example\n" * 1000)
    with pytest.raises(FileTooLargeError) as ei:
        parse_file(path, limits=ParseLimits(max_bytes=1000))
    check(ei.value, "big.txt")
    with pytest.raises(FileTooLargeError):
        parse_bytes(path.read_bytes(), "big.txt", limits=ParseLimits(max_bytes=1000))


# --------------------------------------------------------------------------- DOCX


def _zip_with(members: dict[str, bytes], big: tuple[str, int] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if big is not None:
            name, size = big
            chunk = b"\0" * MIB
            with zf.open(name, "w", force_zip64=True) as f:
                for _ in range(size // MIB):
                    f.write(chunk)
    return buf.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A valid-looking DOCX plus a 200 MiB member of zeros (~200 KiB compressed)."""
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    members = {i.filename: src.read(i) for i in src.infolist()}
    return _zip_with(members, big=("word/media/image1.bin", 200 * MIB))


def test_docx_zip_bomb_refused_before_inflating(zip_bomb: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(zip_bomb) < 2 * MIB
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    t0 = time.perf_counter()
    with pytest.raises(FileTooLargeError) as ei:
        parse_bytes(zip_bomb, "bomb.docx")
    assert time.perf_counter() - t0 < 1.0
    assert opened == []  # refused from the central directory alone
    check(ei.value, "bomb.docx")
    assert "MiB" in ei.value.message


def test_docx_too_many_members() -> None:
    data = _zip_with({"word/document.xml": b"<x/>", **{f"word/m{i}.xml": b"" for i in range(30)}})
    with pytest.raises(FileTooLargeError) as ei:
        parse_bytes(data, "many.docx", limits=ParseLimits(max_docx_members=20))
    assert "31 files" in ei.value.message


def test_zip_that_is_not_a_word_document() -> None:
    with pytest.raises(CorruptFileError) as ei:
        parse_bytes(_zip_with({"hello.txt": b"hi"}), "archive.docx")
    check(ei.value, "archive.docx")


def test_docx_with_broken_xml() -> None:
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    members = {i.filename: src.read(i) for i in src.infolist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    with pytest.raises(CorruptFileError):
        parse_bytes(_zip_with(members), "broken.docx")


def test_truncated_docx() -> None:
    data = make_docx()
    with pytest.raises(CorruptFileError):
        parse_bytes(data[: len(data) // 2], "cut.docx")


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def test_password_protected_docx() -> None:
    data = OLE + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1000
    with pytest.raises(EncryptedFileError) as ei:
        parse_bytes(data, "locked.docx")
    check(ei.value, "locked.docx")


def test_legacy_doc_renamed_docx() -> None:
    with pytest.raises(UnsupportedFormatError) as ei:
        parse_bytes(OLE + b"WordDocument" + b"\0" * 1000, "old.docx")
    assert ".doc" in ei.value.message


# --------------------------------------------------------------------------- text and JSON


def test_text_with_nul_bytes_is_binary() -> None:
    with pytest.raises(CorruptFileError) as ei:
        parse_bytes(b"Jane\x00\x01\x02\x00\xff\xfe\x00binary", "cv.txt")
    assert "binary" in ei.value.hint


def test_bad_utf16_bom() -> None:
    with pytest.raises(EncodingError):
        parse_bytes(b"\xff\xfeJ\x00a\x00\x00\xd8", "cv.txt")  # lone surrogate


def test_invalid_json() -> None:
    with pytest.raises(CorruptFileError) as ei:
        parse_bytes(b'{"basics": {"name": "Jane"', "cv.json")
    assert "line 1" in ei.value.message
    check(ei.value, "cv.json")


@pytest.mark.parametrize("data", [b"[1, 2, 3]", b'{"name": "package", "version": "1.0"}', b'"just a string"', b"42"])
def test_json_that_is_not_a_resume(data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError) as ei:
        parse_bytes(data, "data.json")
    assert "jsonresume.org" in ei.value.hint


def test_json_resume_with_wrong_types_still_parses() -> None:
    doc = parse_bytes(
        b'{"basics": {"name": "Jane", "summary": 5}, "work": [null, 3, {"position": ["x"], "name": "Acme",'
        b' "startDate": 2020, "highlights": "not a list"}], "skills": {"a": 1}}',
        "odd.json",
    )
    assert doc.text.startswith("Jane")
    assert "Acme" in doc.text


def test_deeply_nested_json() -> None:
    data = b'{"basics": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(InputError):
        parse_bytes(data, "deep.json")


@pytest.mark.parametrize("depth", [1000, 20_000])
def test_deeply_nested_html(depth: int) -> None:
    data = b"<html><body>" + b"<div>" * depth + b"Jane Example, Skills: Python" + b"</div>" * depth + b"</body></html>"
    try:
        doc = parse_bytes(data, "deep.html")
    except (EmptyDocumentError, LimitExceededError):
        assert depth > 1000  # beyond max_html_depth (1,024): a typed error naming the limit
    else:
        assert "Jane Example" in doc.text
