import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_logs_in_and_sees_their_own_kabupaten(login_page, users):
    page = login_page(users["officer"])

    assert page.get_by_test_id("home-area").inner_text() == "Wilayah kerja: Kota Samarinda (64.72)"
    assert "Kota Balikpapan" not in page.content()
