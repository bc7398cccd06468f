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
    page.goto(f"{live_server.url}/ekspor/{job.id}/")
    assert page.locator("#job-label").inner_text() == "3 dari 10 selesai"

    page.wait_for_function("() => document.querySelector('progress').value > 0")
    Job.objects.filter(id=job.id).update(done=8)
    page.wait_for_function("() => document.querySelector('#job-label').textContent.startsWith('8 dari 10')",
                           timeout=30000)
    assert len(failures) == 3
    JobFile.objects.create(job=job, name="calon-penerima.xlsx", file=ContentFile(b"PK", name="calon.xlsx"))
    Job.objects.filter(id=job.id).update(status=Job.Status.DONE, done=10)

    page.get_by_test_id("job-download").wait_for(timeout=30000)
    assert "calon-penerima.xlsx" in page.get_by_test_id("job-download").inner_text()
