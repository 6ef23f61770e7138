# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 17: AdaGrad's step at t = 100 is eps / sqrt(100) = 0.01; its steps shrink like eps / sqrt(t) (B)."""

MUTANTS = [
    wrong("eps |g| / sqrt(100): the gradient not divided out", "adagrad_step_100 = 0.05\n",
          replaces="adagrad_step_100", tests=["test_adagrad_step_100"]),
    wrong("eps / 100: r taken as t^2 g^2", "adagrad_step_100 = 0.001\n",
          replaces="adagrad_step_100", tests=["test_adagrad_step_100"]),
    wrong("constant steps, like RMSProp", 'adagrad_long_run = "A"\n',
          replaces="adagrad_long_run", tests=["test_adagrad_long_run"]),
    wrong("only the large-gradient coordinate slows down", 'adagrad_long_run = "D"\n',
          replaces="adagrad_long_run", tests=["test_adagrad_long_run"]),
    correct("computed from the recurrence", '''
g = np.array([5.0, -0.01])
r = 100 * g * g
adagrad_step_100 = float(abs(0.1 / (1e-7 + np.sqrt(r[0])) * g[0]))
adagrad_long_run = "B"
'''),
]
