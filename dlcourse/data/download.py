"""Download, verify and read MNIST and CIFAR-10 (the big public data sets; never committed).

Each file is fetched once into a data directory and checked against its published
checksum; later calls reuse the verified copy. The data directory is, in order:
the ``root`` argument, the ``DLCOURSE_DATA`` environment variable, or the ``data/``
folder of a source checkout.

    (X_train, y_train), (X_test, y_test) = load_mnist()     # X: (N, 28, 28) uint8
    (X_train, y_train), (X_test, y_test) = load_cifar10()   # X: (N, 3, 32, 32) uint8

Offline? Download the files on another machine and copy them to the folder the
error message names; they are verified like a download.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import tarfile
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import numpy as np
from tqdm.auto import tqdm

ENV_VAR = "DLCOURSE_DATA"
REPO_DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# torchvision's mirror of the original files (yann.lecun.com no longer serves them).
MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"
MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}

CIFAR10_URL = "https://www.cs.toronto.edu/~kriz/"
CIFAR10_MD5 = {"cifar-10-python.tar.gz": "c58f30108f718f92721af3b95e74349a"}
CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")

_HASH_BY_LENGTH = {32: "md5", 64: "sha256"}
_CHUNK = 1 << 20


class DownloadError(RuntimeError):
    """A file could not be downloaded (no network, server error, bad URL)."""


def data_dirs():
    """The folders searched for data files, in order: ``$DLCOURSE_DATA``, then the checkout's ``data/``."""
    dirs = []
    if os.environ.get(ENV_VAR):
        dirs.append(Path(os.environ[ENV_VAR]).expanduser())
    dirs.append(REPO_DATA_DIR)
    return dirs


def default_root():
    """Where downloads go when no ``root`` is given: ``$DLCOURSE_DATA`` or the checkout's ``data/``.

    Raises RuntimeError for an installed package (no checkout) without ``DLCOURSE_DATA``.
    """
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    if REPO_DATA_DIR.is_dir():
        return REPO_DATA_DIR
    raise RuntimeError(
        f"no data directory: {REPO_DATA_DIR} does not exist (dlcourse is not run from a source checkout); "
        f"set the {ENV_VAR} environment variable or pass root="
    )


def file_checksum(path, algorithm="md5"):
    """Hex digest of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(url, path, checksum, download=True):
    """Return ``path`` once it holds the file whose md5 (32 hex digits) or sha256 (64) is ``checksum``.

    A verified file already at ``path`` is reused. Otherwise the file is downloaded
    from ``url`` (with a progress bar) unless ``download`` is False.
    Raises ValueError when the checksum does not match (the bad file is deleted),
    DownloadError when the download fails, FileNotFoundError when the file is
    missing and ``download`` is False.
    """
    path = Path(path)
    algorithm = _HASH_BY_LENGTH.get(len(checksum))
    if algorithm is None:
        raise ValueError(f"checksum must be an md5 (32 hex digits) or sha256 (64) digest, got {checksum!r}")
    if not path.exists():
        if not download:
            raise FileNotFoundError(
                f"{path} is missing; call again with download=True, or {_by_hand(url, path, checksum)}"
            )
        _download(url, path)
    actual = file_checksum(path, algorithm)
    if actual != checksum.lower():
        path.unlink()
        raise ValueError(
            f"{path.name} has {algorithm} {actual}, expected {checksum}: the file is corrupt or not the published "
            f"one, so it was deleted. Call again to download a fresh copy, or {_by_hand(url, path, checksum)}"
        )
    return path


def _download(url, path):
    """Stream ``url`` into ``path`` via ``path.part``, renamed only once the download is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        with urlopen(url, timeout=60) as response, open(partial, "wb") as out:
            size = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=size, unit="B", unit_scale=True, desc=path.name) as progress:
                for chunk in iter(lambda: response.read(_CHUNK), b""):
                    out.write(chunk)
                    progress.update(len(chunk))
    except (URLError, OSError) as exc:  # URLError covers HTTP errors; OSError covers timeouts
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise DownloadError(
            f"could not download {url} ({reason}). If this machine is offline, {_by_hand(url, path)}"
        ) from exc
    partial.replace(path)


def _by_hand(url, path, checksum=None):
    check = f" (checksum {checksum})" if checksum else ""
    return f"download {url} on another machine and copy it to {path}{check}"


# ---------------------------------------------------------------- MNIST


def load_mnist(root=None, url=MNIST_URL, checksums=None, download=True):
    """The MNIST handwritten digits: 60,000 training and 10,000 test images of 28x28 pixels.

    root: the data directory (default: see :func:`default_root`); files go to ``root/mnist/``.
    url: the folder URL the four ``*-ubyte.gz`` files are fetched from.
    checksums: {file name: md5 or sha256}, default :data:`MNIST_MD5` (the published values).
    Returns ``(X_train, y_train), (X_test, y_test)``: X uint8 (N, 28, 28) with values
    0..255, y int64 (N,) with values 0..9.
    """
    checksums = MNIST_MD5 if checksums is None else checksums
    folder = Path(root) if root is not None else default_root()
    paths = {name: fetch(url + name, folder / "mnist" / name, checksums[name], download) for name in MNIST_MD5}
    train = (read_idx(paths["train-images-idx3-ubyte.gz"]), read_idx(paths["train-labels-idx1-ubyte.gz"]))
    test = (read_idx(paths["t10k-images-idx3-ubyte.gz"]), read_idx(paths["t10k-labels-idx1-ubyte.gz"]))
    return (train[0], train[1].astype(np.int64)), (test[0], test[1].astype(np.int64))


def read_idx(path):
    """Read a gzipped IDX file (MNIST's format) into a uint8 array.

    Layout: 2 zero bytes, a type byte (0x08 = unsigned byte), a byte with the number of
    dimensions d, then d big-endian uint32 sizes, then the values in C order.
    """
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path} is not an unsigned-byte IDX file (its header is {raw[:4].hex()})")
    ndim = raw[3]
    shape = tuple(int(n) for n in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != np.prod(shape):
        raise ValueError(f"{path} holds {data.size} values but its header announces shape {shape}")
    return data.reshape(shape).copy()


# ---------------------------------------------------------------- CIFAR-10


def load_cifar10(root=None, url=CIFAR10_URL, checksums=None, download=True):
    """CIFAR-10: 50,000 training and 10,000 test colour images of 32x32 pixels, 10 classes.

    root: the data directory (default: see :func:`default_root`); the tarball goes to
    ``root/cifar10/``. It is read in place, without extracting it.
    url: the folder URL ``cifar-10-python.tar.gz`` is fetched from.
    checksums: {file name: md5 or sha256}, default :data:`CIFAR10_MD5` (the published value).
    Returns ``(X_train, y_train), (X_test, y_test)``: X uint8 (N, 3, 32, 32) (NCHW, RGB),
    y int64 (N,) indexing :data:`CIFAR10_CLASSES`.
    """
    checksums = CIFAR10_MD5 if checksums is None else checksums
    folder = Path(root) if root is not None else default_root()
    name = "cifar-10-python.tar.gz"
    tarball = fetch(url + name, folder / "cifar10" / name, checksums[name], download)
    with tarfile.open(tarball, "r:gz") as archive:
        train = [_read_cifar_batch(archive, f"data_batch_{i}") for i in range(1, 6)]
        test = _read_cifar_batch(archive, "test_batch")
    X_train = np.concatenate([X for X, _ in train])
    y_train = np.concatenate([y for _, y in train])
    return (X_train, y_train), test


def _read_cifar_batch(archive, batch_name):
    """One pickled batch: {b"data": uint8 (N, 3072) rows of R, G, B planes, b"labels": [N ints]}.

    Unpickling runs code from the file: do it only on the checksum-verified tarball.
    """
    member = archive.extractfile(f"cifar-10-batches-py/{batch_name}")
    batch = pickle.load(member, encoding="bytes")
    X = np.asarray(batch[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    y = np.asarray(batch[b"labels"], dtype=np.int64)
    return X, y
