"""Reading and decoding: encodings, line ends, and one clear error per kind of bad input."""

from __future__ import annotations

import codecs
import os

import pytest

from brief.errors import EmptyInputError, InputError
from brief.reading import decode, read_source, source_from_bytes

TEXT = "“Café prices rose – by €5,” José Müller said.\nIt’s a big deal.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_come_out_right(data: bytes, encoding: str) -> None:
    assert decode(data, "x.txt") == (TEXT, encoding)


def test_windows_1252_sample_file(tmp_path) -> None:
    from conftest import SAMPLES

    source = read_source(str(SAMPLES / "cp1252_crlf.txt"))
    assert source.encoding == "cp1252"
    assert "José Müller" in source.text and "€" in source.text
    assert "\r\n" in source.text  # line ends are kept: offsets index the text as read


def test_cyrillic_legacy_encoding_is_not_forced_into_1252() -> None:
    text = (
        "Президент России заявил во вторник, что Москва закроет своё постоянное представительство "
        "при НАТО в следующем месяце. Это решение углубляет спор с Западом."
    )
    decoded, encoding = decode(text.encode("cp1251"), "x.txt")
    assert decoded == text and encoding == "cp1251"


def test_sha256_and_size_describe_the_bytes() -> None:
    source = source_from_bytes(b"One sentence.\n", "a.txt")
    import hashlib

    assert source.sha256 == hashlib.sha256(b"One sentence.\n").hexdigest()
    assert source.size == 14 and source.text == "One sentence.\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "white space"),
        (b"text\x00with\x00nul", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_bytes_raise_one_clear_error(data: bytes, problem: str) -> None:
    with pytest.raises((InputError, EmptyInputError)) as raised:
        source_from_bytes(data, "bad.txt")
    assert raised.value.where == "bad.txt"
    assert problem in raised.value.message


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


def test_size_cap(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("A sentence. " * 100)
    with pytest.raises(InputError, match="larger than --max-bytes"):
        read_source(str(path), max_bytes=100)
    assert read_source(str(path), max_bytes=1200).size == 1200


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(tmp_path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Secret.")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(path))


def test_permission_denied_is_reported(tmp_path, monkeypatch) -> None:
    # CI runs as root, for whom no file is unreadable: make open() refuse as the OS would.
    import builtins

    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(tmp_path / "locked.txt"))
