# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 4, `linear_decay_plan`: lr_tau = 1% of lr0, tau = passes * ceil(N / m) iterations."""

MUTANTS = [
    wrong("lr_tau = 10% of lr0", '''
import math


def linear_decay_plan(lr0, n_examples, batch_size, passes):
    return 0.1 * lr0, passes * math.ceil(n_examples / batch_size)
''', expect_diagnosis="linear_decay_plan.ten_percent", expect_message="1%"),

    wrong("tau in epochs, not iterations", '''
def linear_decay_plan(lr0, n_examples, batch_size, passes):
    return 0.01 * lr0, passes
''', expect_diagnosis="linear_decay_plan.epochs_not_iterations", expect_message="counts iterations"),

    wrong("one update per example", '''
def linear_decay_plan(lr0, n_examples, batch_size, passes):
    return 0.01 * lr0, passes * n_examples
''', expect_diagnosis="linear_decay_plan.per_example", expect_message="batch of m examples"),

    wrong("floor division: the last, partial batch forgotten", '''
def linear_decay_plan(lr0, n_examples, batch_size, passes):
    return lr0 / 100, passes * (n_examples // batch_size)
''', expect_diagnosis="linear_decay_plan.partial_batch", expect_message="smaller batch"),

    correct("integer ceiling by negative floor division", '''
def linear_decay_plan(lr0, n_examples, batch_size, passes):
    updates_per_pass = -(-n_examples // batch_size)
    return lr0 / 100, passes * updates_per_pass
'''),
]
