"""In Chromium: provincial staff enter a vendor, an item, its price and a contract shared among two areas, typing
amounts the Indonesian way; the officer receives goods, two of them broken, and the vendor's replacement, then
finds damage in the warehouse; the reconciliation balances."""

import pytest

from disbursements.models import Contract, StockBalance
from disbursements.tests.test_purchasing import _approve_pending


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_contract_from_the_vendor_to_the_reconciliation(page, live_server, login_page, users, samarinda,
                                                          balikpapan, programme_year):
    url = live_server.url
    login_page(users["provincial"])
    page.goto(f"{url}/penyaluran/penyedia/baru/")
    page.fill("#id_name", "CV Mitra Usaha Kaltim")
    page.get_by_role("button", name="Simpan").click()
    page.goto(f"{url}/penyaluran/barang/baru/")
    page.fill("#id_code", "MESIN-JAHIT")
    page.fill("#id_name", "Mesin jahit")
    page.fill("#id_unit", "unit")
    page.select_option("#id_kind", "equipment")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/penyaluran/barang/")
    page.get_by_role("link", name="Atur harga").click()
    page.fill("#id_unit_price", "Rp 1.250.000")
    page.get_by_role("button", name="Simpan").click()
    assert "Rp 1.250.000" in page.get_by_role("status").first.inner_text()  # proposed: waits for a second person
    _approve_pending(users["admin"])

    page.goto(f"{url}/penyaluran/kontrak/baru/")
    page.select_option("#id_vendor", label="CV Mitra Usaha Kaltim")
    page.fill("#id_number", "027/KONTRAK-UEP/2025")
    page.fill("#id_signed_on", "2025-04-14")
    page.select_option("#id_baris-0-item", label="Mesin jahit (unit)")
    page.fill("#id_baris-0-quantity", "5")
    page.fill("#id_baris-0-unit_price", "1.250.000")
    page.fill(f"#id_baris-0-alloc_{samarinda.id}", "3")
    page.fill(f"#id_baris-0-alloc_{balikpapan.id}", "1")
    page.get_by_role("button", name="Simpan").click()
    assert "berjumlah 4, sedangkan jumlah kontrak 5" in page.get_by_role("alert").inner_text()
    page.fill(f"#id_baris-0-alloc_{balikpapan.id}", "2")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/penyaluran/kontrak/?tahun=2025")
    _approve_pending(users["admin"])
    contract = Contract.objects.get(number="027/KONTRAK-UEP/2025")
    line = contract.lines.get()

    page.context.clear_cookies()
    login_page(users["officer"])
    page.goto(f"{url}/penyaluran/kontrak/")
    assert "Kota Samarinda 3" in page.content() and "Kota Balikpapan" not in page.content()
    page.goto(f"{url}/penyaluran/kontrak/{contract.id}/terima/")
    page.fill("#id_received_on", "2025-05-15")
    page.fill("#id_vendor_bast_number", "BAST-CV/05/014")
    page.fill(f"#id_stated_{line.id}", "3")
    page.fill(f"#id_received_{line.id}", "3")
    page.fill(f"#id_damaged_{line.id}", "2")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Catat penggantian dari penyedia").click()
    page.fill("#id_received_on", "2025-05-22")
    page.fill("#id_vendor_bast_number", "BAST-CV/05/020")
    page.fill(f"#id_stated_{line.id}", "2")
    page.fill(f"#id_received_{line.id}", "2")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/penyaluran/penerimaan/")
    assert StockBalance.objects.get(kabupaten=samarinda).on_hand == 3

    page.goto(f"{url}/penyaluran/stok/")
    page.get_by_role("link", name="Catat barang rusak").click()
    page.select_option("#id_item", label="Mesin jahit (unit)")
    page.fill("#id_quantity", "1")
    page.fill("#id_reason", "Jarum patah, tidak bisa dipakai")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/penyaluran/stok/mutasi/")
    assert "Jarum patah" in page.content()

    page.goto(f"{url}/penyaluran/rekonsiliasi/")
    assert "Tidak ada selisih" in page.get_by_test_id("differences").inner_text()
