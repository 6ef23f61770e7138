# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 7, `clip_by_global_norm`: one factor for all gradients, the norm before clipping."""

MUTANTS = [
    wrong("each gradient clipped by its own norm", '''
def clip_by_global_norm(grads, max_norm):
    norms = [float(np.sqrt(np.sum(g ** 2))) for g in grads]
    total = float(np.sqrt(sum(n ** 2 for n in norms)))
    return [g * min(1.0, max_norm / n) if n > 0 else g for g, n in zip(grads, norms)], total
''', expect_diagnosis="clip.per_parameter"),

    wrong("every entry clipped with np.clip", '''
def clip_by_global_norm(grads, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in grads], float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
''', expect_diagnosis="clip.elementwise"),

    wrong("the norm after clipping", '''
def clip_by_global_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    clipped = [g * (max_norm / norm) for g in grads] if norm > max_norm else list(grads)
    return clipped, float(np.sqrt(sum(np.sum(g ** 2) for g in clipped)))
''', expect_diagnosis="clip.norm_after"),

wrong("min(1, max_norm / norm) computed first: 0/0 for zero gradients", '''
def clip_by_global_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    scale = min(1.0, max_norm / norm)
    return [g * scale for g in grads], float(norm)
'''),

    correct("in place, with np.linalg.norm of the concatenation", '''
def clip_by_global_norm(grads, max_norm):
    norm = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads])))
    if norm > max_norm:
        for g in grads:
            g *= max_norm / norm
    return grads, norm
'''),

    correct("a scale factor max_norm / max(norm, max_norm), a tuple", '''
def clip_by_global_norm(grads, max_norm):
    norm = float(np.sqrt(np.sum([np.vdot(g, g) for g in grads])))
    scale = max_norm / max(norm, max_norm)
    return tuple(np.asarray(g, dtype=float) * scale for g in grads), norm
'''),
]
