"""What the registry (DTKS/DTSEN) said of a candidate, for the case page once it is verified.

A tag of the verification app, so that the case page (recipients) shows it without recipients
importing verification.
"""

from django import template

from verification.models import VerificationResult
from verification.reasons import explain

register = template.Library()


@register.simple_tag
def registry_result(candidate) -> dict | None:
    """The newest desk verification of an already scoped candidate: the registry's own record (name,
    desil, area) as the snapshot held it, and the verdict in plain words; None before verification."""
    result = (VerificationResult.objects.filter(candidate=candidate).select_related("job__snapshot")
              .order_by("-created_at", "-id").first())
    if result is None:
        return None
    facts = result.facts or {}
    return {"snapshot_date": result.job.snapshot.extract_date, "name": facts.get("registry_name"),
            "desil": facts.get("desil"), "kabupaten": facts.get("registry_kabupaten"), "passed": result.passed,
            "reasons": [explain(code, facts) for code in result.reasons]}
