"""A Content-Security-Policy on every response; the app's pages and the admin run under it in Chromium."""

import pytest


def test_every_response_carries_the_policy(client, users):
    client.force_login(users["provincial"])

    for url in ("/", "/akun/masuk/", "/admin/login/", "/health/", "/tidak-ada/"):
        policy = client.get(url).headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_an_inline_script_style_or_handler():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"", re.I)
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.html") if inline.search(path.read_text())]
    assert not offenders, offenders


def watch_csp(page) -> list[str]:
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    return refused


def visit(page, url):
    """The page loaded with its scripts, styles and images (a refusal is reported as each is met);
    the evaluate's round trip delivers the console messages sent before it. Not "networkidle": it
    waits half a second more on every page, and a page that polls a job would never be idle."""
    page.goto(url, wait_until="load")
    page.evaluate("1")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_main_pages_run_without_a_csp_refusal(login_page, users, live_server, programme_year):
    page = login_page(users["provincial"])
    refused = watch_csp(page)
    links = page.eval_on_selector_all("nav.mainnav a, .menu a", "links => links.map(a => a.getAttribute('href'))")
    for href in dict.fromkeys(h for h in links if h and h.startswith("/")):
        visit(page, f"{live_server.url}{href}")

    assert not refused, refused


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_runs_without_a_csp_refusal(login_page, users, live_server, programme_year):
    page = login_page(users["admin"])
    refused = watch_csp(page)
    for url in ("/admin/", "/admin/recipients/person/", "/admin/disbursements/vendor/add/",
                "/admin/disbursements/vendor/import/", "/admin/disbursements/vendor/export/",
                "/admin/monitoring/minimumwage/", "/admin/accounts/user/add/", "/admin/audit/dataaccess/",
                "/admin/pghistory/events/"):
        visit(page, f"{live_server.url}{url}")
        assert page.locator("#content").count() == 1, url

    page.goto(f"{live_server.url}/admin/disbursements/vendor/add/")
    page.fill("#id_name", "CV Uji CSP")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/disbursements/vendor/")
    page.wait_for_load_state("load")
    assert page.locator("#result_list").get_by_role("link", name="CV Uji CSP").count() == 1
    assert not refused, refused
