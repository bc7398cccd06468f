"""Scans and photos that officers upload (a signed BAST, a field-visit or monitoring photo).

A file is judged by its content, never by its name or the browser's content type: only PDF,
JPEG, PNG and WebP are taken, up to ``settings.EVIDENCE_MAX_BYTES``. Images are decoded and
written again by Pillow, so what is stored is a plain picture: no EXIF (the camera's GPS
position of a family's home, its serial number, the time), no trailing bytes, no second
format hidden in it. The position is not needed: the case already holds the address, and
the visit its date and officer. A PDF is parsed by qpdf (pikepdf) and written again: what
is stored holds the pages and nothing that acts (open and page actions, JavaScript however it is
spelled or packed, forms, attachments, links, bookmarks), no document metadata, and no bytes
outside its objects (HTML after the header or after the end); a PDF qpdf cannot read, or one
that asks for a password, is refused. Stored files get a random name: an officer's file name
often holds the person's name or NIK.
"""

import io
import uuid

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
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
# Taken off the document catalog: what runs on opening, forms (and their scripts), the name
# trees that hold JavaScript and attachments, bookmarks (each can carry an action), metadata.
CATALOG_DROPPED = ("/OpenAction", "/AA", "/AcroForm", "/Names", "/Outlines", "/Metadata", "/URI")
# Keys that make any other dictionary act: a script, an action, an attached file.
ACTIVE_KEYS = ("/JS", "/JavaScript", "/A", "/AA", "/EF", "/EmbeddedFiles", "/RichMediaContent")


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


def _unreadable_pdf() -> forms.ValidationError:
    return forms.ValidationError(_("PDF rusak, terkunci kata sandi, atau tidak dapat dibaca; unggah hasil pindaian biasa."),
                                 code="pdf_unreadable")


def pdf_rewrite(data: bytes) -> ContentFile:
    """The PDF written again by qpdf with its pages only: nothing in it can act or be attached."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                raise _unreadable_pdf()
            for key in CATALOG_DROPPED:
                if key in pdf.Root:
                    del pdf.Root[key]
            for page in pdf.pages:
                for key in ("/AA", "/Annots"):  # page actions; links, widgets, attachments, media
                    if key in page.obj:
                        del page.obj[key]
            # Whatever is still reachable (an action hidden in a page resource, a packed object stream).
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary):
                    for key in ACTIVE_KEYS:
                        if key in obj:
                            del obj[key]
            pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary())
            out = io.BytesIO()
            # Only reachable objects are written, streams compressed, no encryption kept.
            pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, RecursionError):
        raise _unreadable_pdf() from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.pdf")


def evidence_clean(upload, *, allow_pdf: bool) -> ContentFile:
    """The stored form of an uploaded scan or photo, or a ValidationError in Indonesian."""
    data = _read(upload, limit=settings.EVIDENCE_MAX_BYTES)
    kind = sniff(data[:16])
    if kind == "pdf" and allow_pdf:
        return pdf_rewrite(data)
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


def file_delete_on_commit(field_file) -> None:
    """A scan or photo replaced by a new one: its file goes once the new row is committed (kept if
    the change rolls back). What a rollback leaves on disk is found by the nightly sweep
    (``audit.services.files.media_orphans_delete``)."""
    name, storage = field_file.name, field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
