"""Export scikit-learn's bundled digits to ``data/digits.npz`` (run once; the output is committed).

    .venv/bin/python scripts/export_digits.py

scikit-learn is needed by this script only; the package reads the .npz with numpy.
The file holds two arrays:

    images  uint8 (1797, 8, 8)   pixel counts 0..16
    labels  uint8 (1797,)        the digit 0..9

The archive is written with a fixed timestamp, so running the script again gives
the same bytes and the sha256 in ``data/README.md`` stays valid.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

OUTPUT = Path(__file__).resolve().parents[1] / "data" / "digits.npz"
FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def export_digits(path=OUTPUT):
    """Write the digits to ``path`` as a compressed .npz and return its sha256."""
    digits = load_digits()
    images = digits.images.astype(np.uint8)
    labels = digits.target.astype(np.uint8)
    # the cast must be exact: the source holds small integers stored as floats
    assert np.array_equal(images, digits.images) and np.array_equal(labels, digits.target)
    assert images.shape == (1797, 8, 8) and images.max() == 16

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in (("images", images), ("labels", labels)):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, buffer.getvalue())
    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    sha256 = export_digits()
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes), sha256 {sha256}")
