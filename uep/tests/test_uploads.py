"""Scans and photos are judged by content, kept small, and stored without their metadata."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from uep.tests.pdf import scan_pdf
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


def with_pikepdf(data: bytes, change, **save) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, **save)
    return out.getvalue()


def objects_of(data: bytes):
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    return pdf, [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)]


def text_of(data: bytes, tmp_path) -> str:
    import subprocess

    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_pdf_scan_is_written_again_under_a_random_name_and_keeps_its_text(tmp_path):
    stored = clean(ScanField(), scan_pdf(), "BAST Siti 6472014703850002.pdf")

    assert stored.name.endswith(".pdf") and "6472" not in stored.name and "Siti" not in stored.name
    assert "BAST 0001/UEP/2025" in text_of(stored.read(), tmp_path)


def test_a_hex_escaped_javascript_action_is_dropped():
    # /J#61vaScript is /JavaScript to a PDF reader, and passed a byte search for "/JavaScript".
    body = scan_pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>")
    assert b"/J#61vaScript" in body and b"/JavaScript" not in body

    stored = clean(ScanField(), body, "bast.pdf").read()

    pdf, objects = objects_of(stored)
    assert "/OpenAction" not in pdf.Root
    assert not any("/JS" in obj or obj.get("/S") == "/JavaScript" for obj in objects)


def test_javascript_packed_in_a_compressed_object_stream_is_dropped():
    import pikepdf

    def add_script(pdf):
        script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        pdf.Root.OpenAction = script
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=script)

    body = with_pikepdf(scan_pdf(), add_script, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert b"JavaScript" not in body  # packed: invisible to a byte search

    pdf, objects = objects_of(clean(ScanField(), body, "bast.pdf").read())

    assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.pages[0].obj
    assert not any("/JS" in obj for obj in objects)


def test_an_attachment_and_a_form_are_dropped():
    import pikepdf

    def attach(pdf):
        pdf.attachments["faktur.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 not a scan", mime_type="application/x-msdownload")
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pikepdf.String("<xdp/>")))

    stored = clean(ScanField(), with_pikepdf(scan_pdf(), attach), "bast.pdf").read()

    pdf, objects = objects_of(stored)
    assert not pdf.attachments and "/AcroForm" not in pdf.Root
    assert b"not a scan" not in stored and not any("/EF" in obj for obj in objects)


def test_html_after_the_first_kilobyte_and_after_the_end_does_not_survive():
    body = scan_pdf()
    body = body.replace(b"%%EOF", b"%<html><body><script>alert(document.cookie)</script>\n%%EOF")
    body += b"<html><script>alert(2)</script></html>"
    assert body.index(b"<script") > 1024

    stored = clean(ScanField(), body, "bast.pdf").read()

    assert b"<script" not in stored.lower() and b"<html" not in stored.lower()


@pytest.mark.parametrize("body", [b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF",
                                  b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>",
                                  b"%PDF-1.7\n" + b"\x00\xff" * 500])
def test_what_qpdf_cannot_read_as_a_pdf_with_pages_is_refused(body):
    with pytest.raises(forms.ValidationError, match="PDF rusak"):
        clean(ScanField(), body, "bast.pdf")


def test_a_pdf_locked_with_a_password_is_refused():
    import pikepdf

    body = with_pikepdf(scan_pdf(), lambda pdf: None, encryption=pikepdf.Encryption(user="rahasia", owner="rahasia"))

    with pytest.raises(forms.ValidationError, match="kata sandi"):
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
