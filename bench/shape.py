"""The shape of a synthetic organization on its first day: the tree of units and the posts.

A root, departments below it (one of about a fifth of the units and one of about 4%, so
subtrees of those sizes exist), one unit with very many children, and branches whose
depth is drawn from the size's range; posts spread over the units with a long tail.
"""

from __future__ import annotations

import random

from organogram.core.changes import Change, CreatePost, CreateUnit

from .model import Model
from .sizes import GRADE_WEIGHTS, GRADES


def split_budget(rng: random.Random, total: int, k: int) -> list[int]:
    """``total`` split into ``k`` positive random parts."""
    if k <= 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), k - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def build_tree(model: Model) -> tuple[int, list[int], int]:
    """Root, departments and the wide unit with its children; branches to the depths."""
    size, rng = model.size, model.rng
    root = model.new_unit(-1, frozen=True)
    wide = model.new_unit(root, frozen=True)
    model.wide = wide
    for _ in range(size.wide):
        model.new_unit(wide, frozen=True)
    rest = size.units - 2 - size.wide
    n_dept = max(3, min(40, size.units // 2500))
    # One department of about a fifth of the units and one of about 4%, so that
    # subtrees of those sizes exist; the rest share what is left at random.
    big = round(size.units * 0.21)
    mid = round(size.units * 0.042)
    budgets = [big, mid, *split_budget(rng, rest - big - mid, n_dept - 2)]
    departments = []
    stack: list[tuple[int, int, int]] = []
    for budget in budgets:
        d = model.new_unit(root, frozen=True)
        departments.append(d)
        stack.append((d, budget - 1, rng.randint(*size.depth)))
    while stack:
        node, remaining, target = stack.pop()
        if remaining <= 0:
            continue
        levels = max(1, target - model.depth[node])
        branching = remaining ** (1.0 / levels)
        k = max(1, min(remaining, round(branching * rng.uniform(0.6, 1.4))))
        for part in split_budget(rng, remaining, k):
            child = model.new_unit(node)
            stack.append((child, part - 1, target))
    return root, departments, wide


def place_posts(model: Model) -> None:
    """Every unit gets a post, the rest go where lognormal weights draw them."""
    size, rng = model.size, model.rng
    n = len(model.parent)
    weights = [rng.lognormvariate(0, 1) for _ in range(n)]
    homes = list(range(n)) + rng.choices(range(n), weights=weights, k=size.posts - n)
    grades = rng.choices(range(len(GRADES)), weights=GRADE_WEIGHTS, k=size.posts)
    for unit, grade in zip(homes, grades, strict=True):
        model.new_post(unit, grade)


def creations(model: Model) -> list[Change]:
    """Create changes for every unit (parents first) and post, dated the model's day."""
    out: list[Change] = []
    for i in range(len(model.parent)):
        p = model.parent[i]
        parent = model.uid[p] if p >= 0 else None
        out.append(CreateUnit(date=model.fdate, unit=model.spec(i), parent=parent))
    for j, unit in enumerate(model.post_unit):
        out.append(
            CreatePost(
                date=model.fdate,
                post=model.pid[j],
                title=f"Post {j}",
                grade=GRADES[model.post_grade[j]],
                unit=model.uid[unit],
            )
        )
    return out
