# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 6-8: `l2_penalty`, `l1_penalty`, `elastic_net`, each returning (value, gradient).

Each mutant replaces one of the three functions; the other two stay the instructor's.
"""

MUTANTS = [
    # ---- exercise 6: L2
    wrong("L2: the norm, not the sum of squares", """
def l2_penalty(W, lam):
    return float(lam * np.linalg.norm(W)), 2 * lam * W
""", replaces="l2_penalty", expect_diagnosis="l2_penalty.norm_not_squared", expect_message="no square root"),

    wrong("L2: the gradient lacks the factor 2", """
def l2_penalty(W, lam):
    return float(lam * np.sum(W ** 2)), lam * W
""", replaces="l2_penalty", expect_diagnosis="l2_penalty.no_factor_2", expect_message="factor 2"),

    wrong("L2: the mean of the squares", """
def l2_penalty(W, lam):
    return float(lam * np.mean(W ** 2)), 2 * lam * W / W.size
""", replaces="l2_penalty"),

    correct("L2: a loop over the entries, a list [value, gradient]", """
def l2_penalty(W, lam):
    value, grad = 0.0, np.zeros_like(W, dtype=float)
    for index in np.ndindex(W.shape):
        value += W[index] ** 2
        grad[index] = 2 * lam * W[index]
    return [lam * value, grad]
""", replaces="l2_penalty"),

    correct("L2: the squared norm, a numpy float", """
def l2_penalty(W, lam):
    return lam * np.linalg.norm(W.ravel()) ** 2, 2 * lam * W
""", replaces="l2_penalty"),

    # ---- exercise 7: L1
    wrong("L1: the sum of W, not of |W|", """
def l1_penalty(W, lam):
    return float(lam * np.sum(W)), lam * np.sign(W)
""", replaces="l1_penalty", expect_diagnosis="l1_penalty.no_abs", expect_message="|W|"),

    wrong("L1: the gradient with a sign error", """
def l1_penalty(W, lam):
    return float(lam * np.sum(np.abs(W))), -lam * np.sign(W)
""", replaces="l1_penalty", expect_diagnosis="l1_penalty.sign", expect_message="sign"),

    wrong("L1: the gradient at 0 is +lam (W >= 0)", """
def l1_penalty(W, lam):
    return float(lam * np.sum(np.abs(W))), lam * np.where(W >= 0, 1.0, -1.0)
""", replaces="l1_penalty", expect_diagnosis="l1_penalty.subgradient_at_zero", expect_message="exactly 0"),

    correct("L1: W / |W| with the zeros guarded", """
def l1_penalty(W, lam):
    magnitude = np.abs(W)
    grad = np.divide(W, magnitude, out=np.zeros_like(W, dtype=float), where=magnitude > 0)
    return lam * magnitude.sum(), lam * grad
""", replaces="l1_penalty"),

    correct("L1: a loop with if/elif", """
def l1_penalty(W, lam):
    value, grad = 0.0, np.zeros(np.shape(W))
    for index, w in np.ndenumerate(W):
        value += abs(w)
        if w > 0:
            grad[index] = lam
        elif w < 0:
            grad[index] = -lam
    return lam * value, grad
""", replaces="l1_penalty"),

    # ---- exercise 8: elastic net
    wrong("elastic net: beta weighs |W| instead of W**2", """
def elastic_net(W, lam, beta=1.0):
    return float(lam * np.sum(W ** 2 + beta * np.abs(W))), lam * (2 * W + beta * np.sign(W))
""", replaces="elastic_net", expect_diagnosis="elastic_net.beta_on_l1", expect_message="beta weighs the squares"),

    wrong("elastic net: the gradient lacks the factor 2", """
def elastic_net(W, lam, beta=1.0):
    return float(lam * np.sum(beta * W ** 2 + np.abs(W))), lam * (beta * W + np.sign(W))
""", replaces="elastic_net", expect_diagnosis="elastic_net.no_factor_2", expect_message="factor 2"),

    wrong("elastic net: default beta 0.5", """
def elastic_net(W, lam, beta=0.5):
    return float(lam * np.sum(beta * W ** 2 + np.abs(W))), lam * (2 * beta * W + np.sign(W))
""", replaces="elastic_net"),

    correct("elastic net: your L2 and L1 penalties added", """
def elastic_net(W, lam, beta=1.0):
    value2, grad2 = l2_penalty(W, lam * beta)
    value1, grad1 = l1_penalty(W, lam)
    return value2 + value1, grad2 + grad1
""", replaces="elastic_net"),
]
