"""Small inline SVG charts, drawn on the server: no script, no library, a few hundred bytes each."""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 640, 260, 40


def survival_chart(curves: list[tuple[str, list[tuple[int, float | None]]]], *, title: str) -> SafeString:
    """Step curves of survival (0-100 %) against months since the handover; the first curve drawn bold."""
    months = [m for _, points in curves for m, _s in points]
    end = max(months, default=12) or 12
    x = lambda m: PAD + (WIDTH - 2 * PAD) * m / end  # noqa: E731
    y = lambda s: HEIGHT - PAD - (HEIGHT - 2 * PAD) * s  # noqa: E731
    parts = [format_html('<svg viewBox="0 0 {} {}" class="chart" role="img" aria-label="{}">'
                         '<title>{}</title>', WIDTH, HEIGHT, title, title)]
    for pct in (0, 25, 50, 75, 100):
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
                                 '<text x="{}" y="{}" class="axis" text-anchor="end">{}%</text>',
                                 PAD, WIDTH - PAD, y(pct / 100), y(pct / 100), PAD - 4, y(pct / 100) + 4, pct))
    for m in sorted(set(months) | {0}):
        parts.append(format_html('<text x="{}" y="{}" class="axis" text-anchor="middle">{}</text>',
                                 x(m), HEIGHT - PAD + 16, m))
    parts.append(format_html('<text x="{}" y="{}" class="axis" text-anchor="middle">{}</text>',
                             WIDTH / 2, HEIGHT - 6, _("bulan setelah serah terima")))
    for i, (label, points) in enumerate(curves):
        path = [f"M{x(0):.1f},{y(1):.1f}"]
        for m, s in points:
            if s is None:
                continue
            path.append(f"H{x(m):.1f}V{y(s):.1f}")
        parts.append(format_html('<path d="{}" class="{}"><title>{}</title></path>', "".join(path),
                                 "curve main" if i == 0 else f"curve c{i % 6}", label))
        if i == 0:
            for m, s in points:
                if s is not None:
                    parts.append(format_html('<circle cx="{}" cy="{}" r="3.5" class="dot"/>'
                                             '<text x="{}" y="{}" class="value">{}%</text>',
                                             f"{x(m):.1f}", f"{y(s):.1f}", f"{x(m) + 4:.1f}", f"{y(s) - 6:.1f}",
                                             round(100 * s)))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def bar_chart(rows: list[tuple[str, list[tuple[int, str]]]], *, title: str, legend: list[tuple[str, str]]) -> SafeString:
    """Horizontal bars, one row per label, each a list of (value, css class) drawn side by side from zero."""
    top = max((v for _label, values in rows for v, _c in values), default=0) or 1
    row_h, label_w = 22, 130
    height = row_h * len(rows) + 30
    parts = [format_html('<svg viewBox="0 0 {} {}" class="chart" role="img" aria-label="{}"><title>{}</title>',
                         WIDTH, height, title, title)]
    for r, (label, values) in enumerate(rows):
        top_y = 4 + r * row_h
        parts.append(format_html('<text x="{}" y="{}" class="axis" text-anchor="end">{}</text>', label_w - 6,
                                 top_y + 14, label))
        h = (row_h - 6) / max(len(values), 1)
        for i, (value, css) in enumerate(values):
            w = (WIDTH - label_w - 10) * value / top
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" class="{}"><title>{}</title></rect>',
                                     label_w, f"{top_y + i * h:.1f}", f"{w:.1f}", f"{h:.1f}", css, value))
    x = label_w
    for css, label in legend:
        parts.append(format_html('<rect x="{}" y="{}" width="10" height="10" class="{}"/>'
                                 '<text x="{}" y="{}" class="axis">{}</text>', x, height - 16, css, x + 14,
                                 height - 7, label))
        x += 14 + 7 * len(str(label)) + 16
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))

