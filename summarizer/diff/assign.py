"""Optimal one-to-one assignment: which rows go with which columns for the largest total weight.

The shortest augmenting path algorithm (Crouse, "On implementing 2D rectangular assignment algorithms", IEEE TAES
52(4), 2016), written the way SciPy's ``linear_sum_assignment`` runs it: the same transposition of a tall matrix,
the same column order, the same tie-breaking, so both give the same assignment for the same matrix (a test checks
this on random and tied matrices). Small problems, the usual case (claims split into components of a few pairs),
run here in pure Python, with no NumPy or SciPy import; a larger one is handed to SciPy, imported only then, because
the algorithm's cubic worst case is slow in Python.
"""

from __future__ import annotations

from .. import config

_INF = float("inf")


def max_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """The (row, column) pairs of a maximum-weight assignment of a dense rows x columns matrix (every row gets a
    column when rows <= columns, and the other way round), sorted by row."""
    nr = len(weights)
    nc = len(weights[0]) if nr else 0
    if nr == 0 or nc == 0:
        return []
    if nr * nc > config.ASSIGN_PYTHON_MAX_CELLS:
        return _scipy(weights)
    transpose = nc < nr
    if transpose:
        cost = [[-weights[i][j] for i in range(nr)] for j in range(nc)]
        nr, nc = nc, nr
    else:
        cost = [[-w for w in row] for row in weights]
    col4row = _solve(cost, nr, nc)
    if transpose:  # rows of the solved problem are the caller's columns
        return sorted((col4row[k], k) for k in range(nr))
    return [(i, col4row[i]) for i in range(nr)]


def _solve(cost: list[list[float]], nr: int, nc: int) -> list[int]:
    """Minimum-cost assignment of each of ``nr`` rows to one of ``nc >= nr`` columns: the column of each row."""
    u = [0.0] * nr
    v = [0.0] * nc
    path = [-1] * nc
    col4row = [-1] * nr
    row4col = [-1] * nc
    for cur in range(nr):
        shortest = [_INF] * nc
        seen_rows = [False] * nr
        seen_cols = [False] * nc
        remaining = list(range(nc - 1, -1, -1))  # reversed: a constant matrix gives the identity
        min_val = 0.0
        i = cur
        sink = -1
        while sink == -1:
            seen_rows[i] = True
            row, ui = cost[i], u[i]
            index, lowest = -1, _INF
            for it, j in enumerate(remaining):
                r = min_val + row[j] - ui - v[j]
                if r < shortest[j]:
                    path[j] = i
                    shortest[j] = r
                s = shortest[j]
                # among equal costs, prefer a free column: it ends the path
                if s < lowest or (s == lowest and row4col[j] == -1):
                    lowest, index = s, it
            min_val = lowest
            if min_val == _INF:  # cannot happen with finite weights
                raise ValueError("assignment: the cost matrix holds no finite path")
            j = remaining[index]
            if row4col[j] == -1:
                sink = j
            else:
                i = row4col[j]
            seen_cols[j] = True
            remaining[index] = remaining[-1]
            remaining.pop()
        u[cur] += min_val
        for r_ in range(nr):
            if seen_rows[r_] and r_ != cur:
                u[r_] += min_val - shortest[col4row[r_]]
        for c in range(nc):
            if seen_cols[c]:
                v[c] -= min_val - shortest[c]
        j = sink
        while True:  # flip the path: every row on it takes the next column
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == cur:
                break
    return col4row


def _scipy(weights: list[list[float]]) -> list[tuple[int, int]]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(np.asarray(weights, dtype=float), maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)]
