"""The page a BAST's QR leads to: which BAST it is and whether it was recorded received (login required; an
area's officer sees only their own area's; an unknown code and another area's are the same 404)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from disbursements.models import Handover
from disbursements.printing import verification_code_read


@login_required
def bast_check_form(request):
    typed = request.GET.get("kode", "")
    code = verification_code_read(typed[:40])
    if code:
        return redirect("disbursements:bast_check", code=code)
    return render(request, "disbursements/bast_check.html", {
        "typed": typed[:20], "error": _("Kode verifikasi terdiri dari 8 huruf dan angka, mis. K7QX-9M2A.")
        if typed else ""})


@login_required
def bast_check(request, code):
    typed, code = code[:20], verification_code_read(code[:40])
    handover = code and (Handover.objects.visible_to(request.user).filter(verification_code=code)
                         .select_related("candidate__kabupaten", "candidate__kelurahan", "candidate__kecamatan",
                                         "day", "package_type", "recorded_by").first())
    if not handover:
        return render(request, "disbursements/bast_check.html", {
            "typed": typed, "error": _("Tidak ada BAST dengan kode ini di wilayah Anda.")}, status=404)
    return render(request, "disbursements/bast_check.html", {
        "handover": handover, "received": handover.outcome == Handover.Outcome.RECEIVED,
        "code": f"{code[:4]}-{code[4:]}"})
