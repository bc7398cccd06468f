"""The checker's pages: the approvals list, one approval, and its approve / send back / cancel buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import object_for
from approvals import selectors, services
from approvals.models import Approval, ApprovalStatus
from approvals.registry import act_for

PAGE_SIZE = 50


def _decorate(approval: Approval) -> Approval:
    act = act_for(approval.kind)
    approval.act_label = act.label
    approval.act_link = act.link(approval) if act.link else None
    return approval


@login_required
def approval_list(request):
    """What waits for this user's check, their own proposals still waiting, then everything, newest first."""
    user = request.user
    waiting = [_decorate(a) for a in selectors.approvals_waiting_for(user)]
    mine = [_decorate(a) for a in selectors.approvals_visible_to(user).filter(
        maker=user, status=ApprovalStatus.PENDING).order_by("made_at", "id")]
    page = Paginator(selectors.approvals_visible_to(user), PAGE_SIZE).get_page(request.GET.get("page"))
    for a in page.object_list:
        _decorate(a)
    return render(request, "approvals/list.html", {"waiting": waiting, "mine": mine, "page": page})


@login_required
def approval_detail(request, pk):
    approval = _decorate(object_for(request.user, selectors.approvals_visible_to(request.user), pk=pk))
    return render(request, "approvals/detail.html", {
        "approval": approval, "may_check": selectors.may_check(request.user, approval),
        "may_cancel": approval.status == ApprovalStatus.PENDING and approval.maker_id == request.user.pk,
    })


def _act(request, pk, do, done: str):
    approval = object_for(request.user, selectors.approvals_visible_to(request.user), pk=pk)
    try:
        do(approval)  # PermissionDenied (the maker, a role that cannot check) answers 403
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("approvals:detail", pk=approval.pk)


@require_POST
@login_required
def approval_approve(request, pk):
    return _act(request, pk, lambda a: services.approval_approve(approval=a, user=request.user),
                _("Usulan disetujui dan dijalankan."))


@require_POST
@login_required
def approval_send_back(request, pk):
    return _act(request, pk, lambda a: services.approval_send_back(approval=a, user=request.user,
                                                                   reason=request.POST.get("reason", "")),
                _("Usulan dikembalikan kepada pengusul."))


@require_POST
@login_required
def approval_cancel(request, pk):
    return _act(request, pk, lambda a: services.approval_cancel(approval=a, user=request.user),
                _("Usulan dibatalkan."))
