import pytest
from django.core.files.base import ContentFile

from exports.models import Job, JobFile


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_poller_follows_a_job_through_failed_fetches_and_offers_the_download(page, live_server, login_page,
                                                                                  users):
    job = Job.objects.create(user=users["officer"], kind="recipients.candidates", status=Job.Status.RUNNING,
                             done=3, total=10)
    login_page(users["officer"])
    failures = []

    def flaky(route):  # the server unreachable for the first three polls
        if len(failures) < 3:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route(f"**/ekspor/{job.id}/kemajuan/", flaky)
    # The page's clock is Playwright's: the pauses after each failed fetch (2, 4 and 8 s) pass at once.
    page.clock.install()
    page.goto(f"{live_server.url}/ekspor/{job.id}/")
    assert page.locator("#job-label").inner_text() == "3 dari 10 selesai"

    Job.objects.filter(id=job.id).update(done=8)
    until(page, lambda: page.locator("#job-label").inner_text().startswith("8 dari 10"))
    assert len(failures) == 3
    assert page.locator("progress").evaluate("bar => bar.value") == 80
    JobFile.objects.create(job=job, name="calon-penerima.xlsx", file=ContentFile(b"PK", name="calon.xlsx"))
    Job.objects.filter(id=job.id).update(status=Job.Status.DONE, done=10)

    until(page, lambda: page.get_by_test_id("job-download").count() == 1)
    assert "calon-penerima.xlsx" in page.get_by_test_id("job-download").inner_text()


def until(page, condition, seconds=60):
    """Move the page's clock on a second at a time (a real pause between, for the fetches to answer)
    until the condition holds; a page that stopped polling never meets it."""
    for _ in range(seconds):
        if condition():
            return
        page.clock.run_for(1000)
        page.wait_for_timeout(50)
    pytest.fail("the page stopped following the job")
