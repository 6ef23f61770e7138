# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 16, `clip_by_norm`: scale the whole gradient to norm max_norm when it is longer."""

MUTANTS = [
    wrong("per element: np.clip", '''
def clip_by_norm(g, max_norm):
    return np.clip(g, -max_norm, max_norm)
''', expect_diagnosis="clip_by_norm.per_element", expect_message="each entry"),

    wrong("always rescaled, short gradients too", '''
def clip_by_norm(g, max_norm):
    return g * max_norm / np.sqrt(np.sum(g * g))
''', expect_diagnosis="clip_by_norm.always_scales", expect_message="short gradient UP"),

    wrong("the norm of each row", '''
def clip_by_norm(g, max_norm):
    norms = np.linalg.norm(g, axis=-1, keepdims=True)
    return g * np.minimum(1.0, max_norm / norms)
''', expect_diagnosis="clip_by_norm.per_row", expect_message="each row separately"),

    wrong("g scaled in place", '''
def clip_by_norm(g, max_norm):
    norm = np.linalg.norm(g)
    if norm > max_norm:
        g *= max_norm / norm
    return g
''', expect_diagnosis="clip_by_norm.in_place", expect_message="in place"),

    correct("min(1, c / ||g||) with np.linalg.norm of the flattened array", '''
def clip_by_norm(g, max_norm):
    return g * min(1.0, max_norm / np.linalg.norm(np.ravel(g)))
'''),
]
