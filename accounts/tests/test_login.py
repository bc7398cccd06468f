from uep.tests.factories import PASSWORD


def test_a_user_logs_in_and_out_through_the_pages(client, users):
    response = client.post("/akun/masuk/", {"username": "petugas_smd", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert "Kota Samarinda" in client.get("/").content.decode()

    client.post("/akun/keluar/")
    assert client.get("/").status_code == 302


def test_a_wrong_password_gets_an_indonesian_message(client, users):
    response = client.post("/akun/masuk/", {"username": "petugas_smd", "password": "salah"})

    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "petugas_smd", "password": "salah"})

    response = client.post("/akun/masuk/", {"username": "petugas_smd", "password": PASSWORD})

    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_changes_their_password(client, users):
    client.force_login(users["officer"])

    response = client.post("/akun/ubah-sandi/", {
        "old_password": PASSWORD, "new_password1": "Sandi-Baru-Kaltim-2025", "new_password2": "Sandi-Baru-Kaltim-2025",
    })

    assert response.status_code == 302
    users["officer"].refresh_from_db()
    assert users["officer"].check_password("Sandi-Baru-Kaltim-2025")


def test_the_password_page_writes_kata_sandi_anda_throughout(client, users):
    """Django's own help read "Sandi anda tidak dapat ..." beside "Kata sandi Anda harus ..."."""
    client.force_login(users["officer"])
    page = client.get("/akun/ubah-sandi/").content.decode()

    assert "Kata sandi Anda tidak boleh terlalu mirip" in page and "Sandi anda" not in page
    assert "Kata sandi lama" in page and "Konfirmasi kata sandi baru" in page and "Sandi lama" not in page
