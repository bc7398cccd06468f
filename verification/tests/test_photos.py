"""Field-visit photos: stored without their metadata, and never kept in a browser's cache."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from recipients.models import CandidateStatus
from uep.tests.test_uploads import gps_exif, picture
from verification.models import FieldVisitPhoto


@pytest.mark.django_db
def test_a_visit_photo_loses_its_gps_position_and_is_sent_with_no_store(client, new_candidate, samarinda, users,
                                                                         settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_PASSED)
    client.force_login(users["officer"])

    response = client.post(reverse("verification:field_visit", kwargs={"pk": candidate.pk}), {
        "visited_on": "2025-07-02", "business_exists": "on", "matches_proposal": "on",
        "household_condition": "miskin", "verdict": "layak",
        "photos": [SimpleUploadedFile("IMG_rumah.jpg", picture("JPEG", exif=gps_exif()), "image/jpeg")],
    })
    assert response.status_code == 302
    photo = FieldVisitPhoto.objects.get()
    served = client.get(reverse("verification:visit_photo", kwargs={"pk": photo.pk}))

    assert "no-store" in served["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert not image.getexif().get_ifd(0x8825)
    assert "IMG_rumah" not in photo.image.name


@pytest.mark.django_db
def test_a_visit_refuses_a_file_that_is_no_photo(client, new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_PASSED)
    client.force_login(users["officer"])

    response = client.post(reverse("verification:field_visit", kwargs={"pk": candidate.pk}), {
        "visited_on": "2025-07-02", "business_exists": "on", "matches_proposal": "on",
        "household_condition": "miskin", "verdict": "layak",
        "photos": [SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", "image/jpeg")],
    })

    assert response.status_code == 200
    assert "bukan foto JPG, PNG, atau WebP" in response.content.decode()
