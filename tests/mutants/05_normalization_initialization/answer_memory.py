# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 20-21, the lecture's network: 168 MB, and 480 MB with gradients and Adam's moments."""

MUTANTS = [
    wrong("lecture: MiB instead of MB", "lecture_memory_mb = 42e6 * 4 / 2 ** 20\n",
          replaces="lecture_memory_mb", expect_message="MiB"),
    wrong("lecture: values, not bytes", "lecture_memory_mb = 42\n",
          replaces="lecture_memory_mb", expect_message="4 bytes"),
    correct("lecture: computed, a float", "lecture_memory_mb = (26e6 + 16e6) * 4 / 1e6\n",
            replaces="lecture_memory_mb"),

    wrong("training: the gradients forgotten", "training_memory_mb = (3 * 26 + 16) * 4\n",
          replaces="training_memory_mb", expect_message="gradients"),
    wrong("training: the activations forgotten", "training_memory_mb = 4 * 26 * 4\n",
          replaces="training_memory_mb"),
    wrong("training: the weights counted once (Adam's moments forgotten)", "training_memory_mb = (2 * 26 + 16) * 4\n",
          replaces="training_memory_mb"),
    correct("training: computed with numpy", "training_memory_mb = np.float64((4 * 26e6 + 16e6) * 4 / 1e6)\n",
            replaces="training_memory_mb"),
]
