"""The signed BAST scan and the photos are checked by content (uep/uploads.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.models import Handover


def test_an_html_file_named_scan_is_not_accepted_as_a_signed_bast(client, users, samarinda, make_candidate,
                                                                   gorengan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    trained = make_candidate(samarinda, status="trained", created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.post(f"/penyaluran/{trained.id}/serah-terima/", {
        "package_type": gorengan.id, "date": "2025-06-02", "bast_number": "BAST/SMD/9",
        "bast_scan": SimpleUploadedFile("scan.html", b"<html><script>fetch('/calon/ekspor/')</script></html>",
                                        content_type="application/pdf"),
    })

    assert response.status_code == 200
    assert "bukan PDF, JPG, PNG, atau WebP" in response.content.decode()
    assert not Handover.objects.exists()
    assert not list(tmp_path.rglob("*"))
