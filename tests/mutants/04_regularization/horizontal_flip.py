# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `horizontal_flip`: reverse the last (width) axis."""

MUTANTS = [
    wrong("the batch reversed", '''
def horizontal_flip(images):
    return images[::-1].copy()
''', expect_diagnosis="horizontal_flip.batch_axis", expect_message="order of the images"),

    wrong("flipped upside down", '''
def horizontal_flip(images):
    return images[..., ::-1, :].copy()
''', expect_diagnosis="horizontal_flip.vertical", expect_message="upside down"),

    wrong("flipped in place", '''
def horizontal_flip(images):
    images[...] = images[..., ::-1].copy()
    return images
''', expect_diagnosis="horizontal_flip.in_place", expect_message="do not modify"),

    wrong("np.fliplr: the axis 1", '''
def horizontal_flip(images):
    return np.fliplr(images).copy()
'''),

    correct("np.flip(axis=-1), a view", '''
def horizontal_flip(images):
    return np.flip(images, axis=-1)
'''),
]
