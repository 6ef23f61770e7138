# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 7, `crop`: zero-pad, then one size x size window per image at (top[n], left[n])."""

MUTANTS = [
    wrong("top and left swapped", '''
def crop(images, top, left, size, padding=0):
    pad = [(0, 0)] * (images.ndim - 2) + [(padding, padding), (padding, padding)]
    padded = np.pad(images, pad)
    return np.stack([padded[n, ..., l:l + size, t:t + size] for n, (t, l) in enumerate(zip(top, left))])
''', expect_diagnosis="crop.swapped", expect_message="ROW"),

    wrong("no padding", '''
def crop(images, top, left, size, padding=0):
    return np.stack([images[n, ..., t:t + size, l:l + size] for n, (t, l) in enumerate(zip(top, left))])
''', expect_diagnosis="crop.no_padding", expect_message="pad the image"),

    wrong("the first image's corner for every image", '''
def crop(images, top, left, size, padding=0):
    pad = [(0, 0)] * (images.ndim - 2) + [(padding, padding), (padding, padding)]
    padded = np.pad(images, pad)
    return padded[..., top[0]:top[0] + size, left[0]:left[0] + size].copy()
'''),

    correct("a zero canvas per image, loops", '''
def crop(images, top, left, size, padding=0):
    out = []
    for n in range(len(images)):
        image = images[n]
        H, W = image.shape[-2:]
        padded = np.zeros(image.shape[:-2] + (H + 2 * padding, W + 2 * padding))
        padded[..., padding:padding + H, padding:padding + W] = image
        out.append(padded[..., top[n]:top[n] + size, left[n]:left[n] + size])
    return np.array(out)
'''),
]
