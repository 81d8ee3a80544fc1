"""A draft plan's chart on a touch screen (a 390 pixel wide phone, Chromium's touch
emulation): one finger drawn over the chart pans it, even starting on a box; a finger
held on a box takes it, and dropped on another box moves it there in the plan; two
fingers spread apart zoom in. Playwright taps but does not drag or pinch with fingers,
so the fingers are Chromium's own touch events (its DevTools protocol)."""

from __future__ import annotations

import re

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

from .browser_support import signed_in_browser
from .test_browser import shot

pytestmark = pytest.mark.browser

BOXES = "#chart g.node"


@pytest.fixture
def phone(transactional_db, live_server, monkeypatch):
    """An editor's page on a phone-sized touch screen."""
    yield from signed_in_browser(
        live_server,
        monkeypatch,
        "tomas",
        "editor",
        "a long password 1",
        "/plans/",
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
    )


class Fingers:
    """Touches sent to Chromium as a finger would make them."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)

    def _send(self, kind: str, points: list[tuple[float, float]]) -> None:
        touches = [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches})

    def drag(self, start: list[tuple[float, float]], end: list[tuple[float, float]], hold=0):
        """Fingers put down at ``start``, held ``hold`` ms, drawn to ``end``, lifted."""
        self._send("touchStart", start)
        if hold:
            self.page.wait_for_timeout(hold)
        steps = 10
        for k in range(1, steps + 1):
            at = [
                (sx + (ex - sx) * k / steps, sy + (ey - sy) * k / steps)
                for (sx, sy), (ex, ey) in zip(start, end, strict=True)
            ]
            self._send("touchMove", at)
            self.page.wait_for_timeout(16)
        self._send("touchEnd", [])


def view_of(page) -> tuple[float, float, float]:
    """The chart's drawn view: its translation and scale, once the movement settled."""
    page.wait_for_timeout(300)
    t = page.get_attribute("#chart g.charts", "transform")
    x, y, k = (float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", t)[:3])
    return x, y, k


def centre(page, node: str) -> tuple[float, float]:
    b = page.locator(f"{BOXES}[data-id='{node}'] rect").first.bounding_box()
    return b["x"] + b["width"] / 2, b["y"] + b["height"] / 2


def test_a_finger_pans_a_held_box_moves_and_two_fingers_zoom(phone):
    page, base = phone
    plan = draft_plan(Actor("tests"), title="Touch", effective="2030-01-01", plan_id="touch").id
    page.goto(f"{base}/chart/?plan={plan}")
    fingers = Fingers(page)
    frame = page.locator("#chart").bounding_box()
    page.evaluate("window.scrollTo(0, document.querySelector('#chart').offsetTop - 10)")
    frame = page.locator("#chart").bounding_box()
    shot(page, "chart-touch-390.png")

    # One finger drawn from a box pans the chart; nothing is written.
    x0, y0, k0 = view_of(page)
    gx, gy = centre(page, "dg")
    fingers.drag([(gx, gy)], [(gx - 60, gy + 80)])
    x1, y1, k1 = view_of(page)
    assert (round(x1 - x0), round(y1 - y0), k1) == (-60, 80, k0)
    assert not store.current().record.plans[plan].changes
    assert page.locator(".chart-drag").count() == 0

    # Two fingers spread apart zoom in around their middle.
    mx, my = frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2
    fingers.drag([(mx - 30, my), (mx + 30, my)], [(mx - 90, my), (mx + 90, my)])
    _, _, k2 = view_of(page)
    assert k2 == pytest.approx(k1 * 3, rel=0.05)

    # A finger held on a box takes it; dropped on another box, it is moved there.
    page.click("[data-zoom=fit]")
    page.wait_for_timeout(300)
    a, b = centre(page, "media-comms"), centre(page, "der")
    fingers.drag([a], [b], hold=700)
    page.wait_for_function(
        f"() => document.querySelector(\"{BOXES}[data-id='media-comms']\")"
        ".getAttribute('data-parent') === 'der'"
    )
    (change,) = store.current().record.plans[plan].changes
    assert change.op == "move" and change.node == "media-comms" and change.to == "der"

    # A tap chooses a box for the panel, as a click does (one in sight after the redraw).
    node, x, y = page.evaluate(
        """() => {
        const f = document.querySelector('#chart').getBoundingClientRect();
        for (const g of document.querySelectorAll('#chart g.node:not(.ghost)')) {
          const r = g.querySelector('rect').getBoundingClientRect();
          const x = r.x + r.width / 2, y = r.y + r.height / 2;
          if (x > f.left + 10 && x < f.right - 10 && y > f.top + 10 && y < f.bottom - 10)
            return [g.getAttribute('data-id'), x, y];
        }
      }"""
    )
    page.touchscreen.tap(x, y)
    name = page.evaluate(f"window.organogramChart.node({node!r}).name")
    page.wait_for_function(
        f"() => document.querySelector('.chart-box-name').textContent.startsWith({name!r})"
    )
    shot(page, "chart-touch-moved-390.png")
