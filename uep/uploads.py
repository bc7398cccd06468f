"""Scans and photos that officers upload (a signed BAST, a field-visit or monitoring photo).

A file is judged by its content, never by its name or the browser's content type: only PDF,
JPEG, PNG and WebP are taken, up to ``settings.EVIDENCE_MAX_BYTES``. Images are decoded and
written again by Pillow, so what is stored is a plain picture: no EXIF (the camera's GPS
position of a family's home, its serial number, the time), no trailing bytes, no second
format hidden in it. The position is not needed: the case already holds the address, and
the visit its date and officer. A PDF must start as a PDF and carry no script, launch
action, attachment or HTML. Stored files get a random name: an officer's file name often holds
the person's name or NIK.
"""

import io
import uuid

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Decoded pixels a picture may have (a 48 MP phone camera is under it); Pillow's own guard
# would only warn up to twice its default.
MAX_PIXELS = 60_000_000
# Long side of a stored picture: A4 at 300 dpi is 3,508 px, so a scan stays readable.
MAX_SIDE = 3600

# Pillow format name -> stored format and file extension.
IMAGE_FORMATS = {"JPEG": ("JPEG", "jpg"), "WEBP": ("JPEG", "jpg"), "PNG": ("PNG", "png")}
# Never in a scanned BAST: PDF actions that run code or open other files, and markup a
# browser might render if the file were ever served as HTML.
PDF_FORBIDDEN = (b"/JavaScript", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")
HTML_MARKERS = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe")


def sniff(head: bytes) -> str | None:
    """The format the first bytes say: 'pdf', 'jpeg', 'png', 'webp', or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _read(upload, *, limit: int) -> bytes:
    if upload.size > limit:
        raise forms.ValidationError(
            _("Berkas terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}, code="too_big")
    upload.seek(0)
    return upload.read()


def image_reencode(data: bytes) -> ContentFile:
    """Decode a picture and write it again without metadata, turned upright; refuse what does not decode."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in IMAGE_FORMATS:
                raise forms.ValidationError(_("Foto harus JPG, PNG, atau WebP."), code="format")
            if image.width * image.height > MAX_PIXELS:
                raise forms.ValidationError(_("Ukuran gambar terlalu besar (%(w)s × %(h)s piksel).")
                                            % {"w": image.width, "h": image.height}, code="pixels")
            fmt, extension = IMAGE_FORMATS[image.format]
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(_("Gambar rusak atau tidak dapat dibaca."), code="unreadable") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def pdf_check(data: bytes) -> ContentFile:
    """A PDF as a scanner writes it: the header, no scripts, attachments or markup."""
    if any(marker in data for marker in PDF_FORBIDDEN):
        raise forms.ValidationError(_("PDF berisi skrip atau lampiran; unggah hasil pindaian biasa."),
                                    code="pdf_active")
    if any(marker in data[:1024].lower() for marker in HTML_MARKERS):
        raise forms.ValidationError(_("Berkas ini bukan PDF hasil pindaian."), code="pdf_html")
    return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf")


def evidence_clean(upload, *, allow_pdf: bool) -> ContentFile:
    """The stored form of an uploaded scan or photo, or a ValidationError in Indonesian."""
    data = _read(upload, limit=settings.EVIDENCE_MAX_BYTES)
    kind = sniff(data[:16])
    if kind == "pdf" and allow_pdf:
        return pdf_check(data)
    if kind in ("jpeg", "png", "webp"):
        return image_reencode(data)
    raise forms.ValidationError(
        _("Isi berkas bukan PDF, JPG, PNG, atau WebP.") if allow_pdf else _("Isi berkas bukan foto JPG, PNG, atau WebP."),
        code="format")


class ScanField(forms.FileField):
    """A signed document: PDF, or a photo of it (JPEG, PNG, WebP)."""

    allow_pdf = True
    default_accept = "application/pdf,image/jpeg,image/png,image/webp"

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": self.default_accept}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return evidence_clean(upload, allow_pdf=self.allow_pdf)


class PhotoField(ScanField):
    """A photo (JPEG, PNG, WebP), stored re-encoded without its metadata."""

    allow_pdf = False
    default_accept = "image/jpeg,image/png,image/webp"
