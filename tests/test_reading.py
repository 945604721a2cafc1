"""Reading and decoding: encodings, line ends, and one clear error per kind of bad input."""

from __future__ import annotations

import codecs
import os

import pytest

from brief.errors import EmptyInputError, InputError
from brief.reading import decode, decode_bytes, printable, read_source, source_from_bytes, where_of

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
    from .helpers import SAMPLES

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
    with pytest.raises(InputError, match=r"larger than the limit of [\d,]+ bytes \(max_bytes\)"):
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


# -- almost UTF-8 ---------------------------------------------------------------------------------

ARTICLE = (
    "“We will not back down,” the minister said on Monday.\n"
    "Workers in Zürich and São Paulo – and in Kraków – joined the strike.\n"
) * 3


def test_a_few_stray_bytes_keep_a_utf8_file_utf8() -> None:
    # One Windows-1252 apostrophe pasted into a UTF-8 article: the rest must not turn to mojibake.
    data = ARTICLE.encode("utf-8").replace(b"Monday", b"Monday\x92s", 1)
    decoded = decode_bytes(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == ARTICLE.replace("Monday", "Monday\ufffds", 1)
    assert decoded.warnings == ("1 byte is not valid UTF-8; shown as \ufffd",)


def test_a_character_cut_in_two_is_one_replacement() -> None:
    data = ARTICLE.encode("utf-8") + "€".encode()[:2]  # the file ends mid-character
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == ARTICLE + "\ufffd"
    assert decoded.warnings == ("2 bytes are not valid UTF-8; shown as \ufffd",)


def test_chinese_with_a_stray_byte_keeps_every_character() -> None:
    text = "北京市政府周一宣布，地铁新线路将于明年开通。" * 5
    data = text.encode("utf-8").replace("周一".encode(), b"\xff", 1)
    decoded = decode_bytes(data, "x.txt")
    assert decoded.encoding == "utf-8" and decoded.text == text.replace("周一", "\ufffd", 1)


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "Le café de la gare a rouvert à Noël ; « c’est l’été », dit Hélène.\n" * 3,
        "SÃO PAULO: Ärzte und Bürger protestierten gegen die Schließung.\n",
        "GARÇON’S «ÉTÉ» — À LA UNE.\n",  # capitals before quotes form valid UTF-8 pairs by chance
    ],
)
def test_windows_1252_files_stay_windows_1252(text: str) -> None:
    decoded = decode_bytes(text.encode("cp1252"), "x.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, "cp1252", ())


def test_the_warning_reaches_the_json_brief(tmp_path) -> None:
    import json

    from .helpers import run_brief

    path = tmp_path / "almost.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"Monday", b"Monday\x92s", 1))
    result = run_brief("summarize", str(path), "--json", "--include-text")
    assert result.returncode == 0, result.stderr.decode()
    brief = json.loads(result.stdout.decode("utf-8"))
    assert brief["warnings"] == ["1 byte is not valid UTF-8; shown as \ufffd"]
    assert brief["source"]["encoding"] == "utf-8"
    assert "Zürich" in brief["text"] and "Monday\ufffds" in brief["text"]


# -- names ----------------------------------------------------------------------------------------


def test_printable_names_are_valid_utf8() -> None:
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert printable("café.txt") == "café.txt"
    assert printable("\ud800.txt") == "\\ud800.txt"  # a surrogate no file system gives
    assert printable(printable(os.fsdecode(b"\xff"))) == "\\xff"


def test_where_of_is_one_safe_line() -> None:
    assert where_of("-") == "<stdin>"
    assert where_of("two\nlines.txt") == "two\\x0alines.txt"
    assert where_of("\x1b]0;pwned\x07.txt") == "\\x1b]0;pwned\\x07.txt"
    assert where_of(os.fsdecode(b"caf\xe9\n.txt")) == "caf\\xe9\\x0a.txt"
    assert where_of("http://alice:secret@host/a\nb") == "http://alice:***@host/a\\x0ab"


def _odd_names(tmp_path):
    good = b"Dock workers voted to strike on Monday. The port will close on Friday.\n"
    names = [os.fsdecode(b"caf\xe9 report.txt"), "two\nlines.txt"]
    for name in names:
        (tmp_path / name).write_bytes(good)
        (tmp_path / f"empty {name}").write_bytes(b"")
    return names


def test_odd_file_names_give_valid_utf8_json(tmp_path) -> None:
    import json

    from .helpers import run_brief

    for name in _odd_names(tmp_path):
        result = run_brief("summarize", str(tmp_path / name), "--json")
        assert result.returncode == 0, result.stderr
        brief = json.loads(result.stdout.decode("utf-8"))  # strict: fails on invalid UTF-8
        assert brief["source"]["path"] == printable(str(tmp_path / name))
    assert read_source(str(tmp_path / _odd_names(tmp_path)[0])).path.endswith("caf\\xe9 report.txt")


def test_odd_file_names_give_one_line_errors(tmp_path) -> None:
    from .helpers import run_brief

    for name in _odd_names(tmp_path):
        result = run_brief("summarize", str(tmp_path / f"empty {name}"))
        assert result.returncode == 1
        stderr = result.stderr.decode("utf-8")
        assert stderr.count("\n") == 1 and stderr.endswith(": the file is empty\n"), stderr
        assert where_of(str(tmp_path / f"empty {name}")) in stderr
