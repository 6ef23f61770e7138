# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 10, `db12_factors`: the set of elementary factors of dL/db12, b12 -> a2 -> z2 -> a3 -> z3 -> L."""

MUTANTS = [
    wrong("dL/dz2 taken as elementary: a factor that skips a3 and z3", '''
db12_factors = {"dL/dz2", "dz2/da2", "da2/db12"}
''', expect_message="is not elementary"),

    wrong("through the wrong hidden unit, z1", '''
db12_factors = {"dL/dz3", "dz3/da3", "da3/dz1", "dz1/da1", "da2/db12"}
'''),

    wrong("da3/dw22 for da3/dz2: the weight instead of the unit", '''
db12_factors = {"dL/dz3", "dz3/da3", "da3/dw22", "dz2/da2", "da2/db12"}
'''),

    correct("the notebook's other spellings", '''
db12_factors = {"∂L/∂z_3", "dz3/da3", "da3 / dz2", "DZ2/DA2", "da_2/db_{12}"}
'''),

    correct("a list, in the order of the chain, with \\partial", r'''
db12_factors = [r"\partial L/\partial z3", r"\partial z3/\partial a3", "da3/dz2", "dz2/da2", "da2/db12"]
'''),
]
