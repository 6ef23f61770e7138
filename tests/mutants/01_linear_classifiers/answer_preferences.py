# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9: which weights L2 and L1 prefer (multiple choice: "w2" and "tie")."""

MUTANTS = [
    wrong("L2 prefers the sparse w1", 'l2_prefers = "w1"\n', replaces="l2_prefers"),
    wrong("L2: a tie", 'l2_prefers = "tie"\n', replaces="l2_prefers"),
    wrong("L1 prefers the sparse w1 (the usual story, not this case)", 'l1_prefers = "w1"\n', replaces="l1_prefers"),
    wrong("L1 prefers w2", 'l1_prefers = "w2"\n', replaces="l1_prefers"),
    correct("L2: computed with your l2_penalty", """
l2_prefers = "w2" if l2_penalty(w2, 1.0)[0] < l2_penalty(w1, 1.0)[0] else "w1"
""", replaces="l2_prefers"),
    correct("L1: computed with your l1_penalty", """
penalty_w1, penalty_w2 = l1_penalty(w1, 1.0)[0], l1_penalty(w2, 1.0)[0]
l1_prefers = "tie" if np.isclose(penalty_w1, penalty_w2) else ("w1" if penalty_w1 < penalty_w2 else "w2")
""", replaces="l1_prefers"),
]
