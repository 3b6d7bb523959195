"""Small evidence files built from bytes, for upload tests: each one is recognised by its content.

Every builder takes a `marker` that ends up inside the file, so a test can make files that
differ from each other and look for their bytes where they must not appear (a sealed file).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(marker: str = "threatdesk test image", width: int = 4, height: int = 4) -> bytes:
    """A complete, decodable RGB PNG with a tEXt comment holding `marker`."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"".join(bytes((x * 50 % 256, y * 50 % 256, 180)) for x in range(width)) for y in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"tEXt", b"Comment\x00" + marker.encode("latin-1"))
        + _png_chunk(b"IDAT", zlib.compress(rows))
        + _png_chunk(b"IEND", b"")
    )


def jpeg_bytes(marker: str = "threatdesk test photo") -> bytes:
    """A JPEG/JFIF file structure (SOI, APP0, a comment segment, EOI): enough to be known as JPEG."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = marker.encode()
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", len(app0) + 2)
        + app0
        + b"\xff\xfe"
        + struct.pack(">H", len(comment) + 2)
        + comment
        + b"\xff\xd9"
    )


def mp3_bytes(marker: str = "threatdesk test voicemail", frames: int = 3) -> bytes:
    """An ID3v2.3 tag with a title frame, then silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz)."""
    title = b"\x00" + marker.encode("latin-1")
    frame = b"TIT2" + struct.pack(">I", len(title)) + b"\x00\x00" + title
    size = len(frame)
    synchsafe = bytes(((size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F))
    tag = b"ID3\x03\x00\x00" + synchsafe + frame
    audio_frame = b"\xff\xfb\x90\x00" + b"\x00" * (417 - 4)
    return tag + audio_frame * frames


def pdf_bytes(marker: str = "threatdesk test letter") -> bytes:
    """A one-page PDF whose page shows `marker` (cross-reference offsets computed, so readers open it)."""
    text = marker.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def eml_bytes(marker: str = "threatdesk test email", sender: str = "angry.sender@example.net") -> bytes:
    """An RFC 5322 message as saved by a mail client (.eml)."""
    return (
        f"From: Angry Sender <{sender}>\r\n"
        "To: elections@county.example.gov\r\n"
        "Subject: You have been warned\r\n"
        "Date: Wed, 06 Nov 2024 21:15:00 -0700\r\n"
        "Message-ID: <threat-1@example.net>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{marker}\r\n"
        "We know where you live.\r\n"
    ).encode()


def exe_bytes() -> bytes:
    """The start of a Windows executable (MZ header): a type evidence uploads must refuse."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."
    )


def text_bytes() -> bytes:
    """Plain prose: not an image whatever its name says."""
    return b"Just some words typed into a file and saved with the wrong name.\n"


def use_media_root(settings: Any, path: Path) -> Path:
    """Point MEDIA_ROOT and the default file storage at `path` (pytest-django's `settings` fixture)."""
    settings.MEDIA_ROOT = path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "threatdesk.reports.storage.SyncedFileSystemStorage", "OPTIONS": {"location": path}},
    }
    return path


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file())
