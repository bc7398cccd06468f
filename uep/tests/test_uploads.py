"""Scans and photos are judged by content, kept small, and stored without their metadata."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from uep.uploads import PhotoField, ScanField


def picture(fmt="JPEG", size=(40, 30), exif=None, mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "orange").save(out, fmt, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def gps_exif(orientation=None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (0.0, 30.0, 0.0), "E", (117.0, 9.0, 0.0)  # Samarinda
    if orientation:
        exif[0x0112] = orientation
    return exif


def clean(field, data: bytes, name="berkas"):
    return field.clean(SimpleUploadedFile(name, data, content_type="application/pdf"))


def test_a_30_mb_html_file_named_as_a_scan_is_refused_for_its_size(settings):
    with pytest.raises(forms.ValidationError, match="terlalu besar"):
        clean(ScanField(), b"<html><script>alert(1)</script>" + b" " * (30 * 1024 * 1024), "scan.html")


def test_an_html_file_is_refused_whatever_its_name(settings):
    with pytest.raises(forms.ValidationError, match="bukan PDF, JPG, PNG, atau WebP"):
        clean(ScanField(), b"<html><body>BAST</body></html>", "scan.pdf")


def test_a_pdf_scan_is_kept_as_sent_under_a_random_name():
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    stored = clean(ScanField(), data, "BAST Siti 6472014703850002.pdf")

    assert stored.read() == data
    assert stored.name.endswith(".pdf") and "6472" not in stored.name and "Siti" not in stored.name


@pytest.mark.parametrize("body", [b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF",
                                  b"%PDF-1.4\n<</S/Launch/F(cmd.exe)>>\n%%EOF",
                                  b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>"])
def test_a_pdf_with_a_script_or_html_in_it_is_refused(body):
    with pytest.raises(forms.ValidationError):
        clean(ScanField(), body, "bast.pdf")


def test_a_photo_field_takes_no_pdf():
    with pytest.raises(forms.ValidationError, match="bukan foto"):
        clean(PhotoField(), b"%PDF-1.4\n%%EOF", "foto.jpg")


def test_a_gif_is_refused():
    with pytest.raises(forms.ValidationError):
        clean(PhotoField(), picture("GIF"), "foto.gif")


def test_a_file_that_only_starts_like_a_jpeg_is_refused():
    with pytest.raises(forms.ValidationError, match="rusak"):
        clean(PhotoField(), b"\xff\xd8\xff\xe0" + b"<script>alert(1)</script>" * 10, "foto.jpg")


def test_a_photo_is_stored_without_its_gps_position_and_turned_upright():
    # Orientation 6: the camera was held sideways; the picture is 40 wide as stored.
    sent = picture("JPEG", size=(40, 30), exif=gps_exif(orientation=6))
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)

    stored = clean(PhotoField(), sent, "IMG_0001.jpg")

    image = Image.open(stored)
    assert image.format == "JPEG" and stored.name.endswith(".jpg")
    assert not image.getexif() and not image.getexif().get_ifd(0x8825)
    assert image.size == (30, 40)


def test_bytes_hidden_after_a_picture_are_dropped():
    sent = picture("PNG") + b"<html><script>alert(1)</script></html>"

    stored = clean(PhotoField(), sent, "foto.png").read()

    assert stored.startswith(b"\x89PNG") and b"<script" not in stored


def test_a_webp_photo_is_stored_as_jpeg():
    stored = clean(PhotoField(), picture("WEBP"), "foto.webp")

    assert Image.open(stored).format == "JPEG"


def test_a_huge_picture_is_shrunk_to_a_readable_scan():
    stored = clean(ScanField(), picture("PNG", size=(5000, 200), mode="L"), "bast.png")

    assert Image.open(stored).size == (3600, 144)


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    with pytest.raises(forms.ValidationError, match="terlalu besar"):
        clean(PhotoField(), picture("PNG", size=(9000, 9000), mode="1"), "bom.png")


def test_an_empty_optional_photo_is_none():
    assert PhotoField(required=False).clean(None) is None
