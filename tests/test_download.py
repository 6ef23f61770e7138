"""Tests for dlcourse.data.download, on tiny fixture files served from tmp_path through file:// URLs.

Nothing here touches the network: the URLs point into tmp_path, and the offline case
replaces urlopen with one that raises URLError.
"""

import gzip
import hashlib
import io
import pickle
import tarfile
from urllib.error import URLError

import numpy as np
import pytest

from dlcourse.data import download
from dlcourse.data.download import (
    CIFAR10_MD5,
    MNIST_MD5,
    DownloadError,
    default_root,
    fetch,
    load_cifar10,
    load_mnist,
    read_idx,
)

# ---------------------------------------------------------------- fixture files


def idx_bytes(array):
    """IDX encoding of a uint8 array: 0, 0, 0x08 (unsigned byte), ndim, big-endian sizes, data."""
    header = bytes([0, 0, 0x08, array.ndim]) + np.array(array.shape, dtype=">u4").tobytes()
    return header + array.astype(np.uint8).tobytes()


def md5(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


@pytest.fixture
def mnist_server(tmp_path, rng):
    """A folder with four tiny MNIST-format files, its file:// URL and their md5 checksums."""
    server = tmp_path / "server"
    server.mkdir()
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, size=(6, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, size=6, dtype=np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, size=(3, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, size=3, dtype=np.uint8),
    }
    for name, array in arrays.items():
        (server / name).write_bytes(gzip.compress(idx_bytes(array)))
    checksums = {name: md5(server / name) for name in arrays}
    return server.as_uri() + "/", checksums, arrays


@pytest.fixture
def cifar_server(tmp_path, rng):
    """A folder with a CIFAR-10-format tarball of 5 x 2 training and 2 test images."""
    server = tmp_path / "server"
    server.mkdir()
    batches = {}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
            batch = {b"data": rng.integers(0, 256, size=(2, 3072), dtype=np.uint8),
                     b"labels": rng.integers(0, 10, size=2).tolist(), b"batch_label": name.encode()}
            batches[name] = batch
            payload = pickle.dumps(batch)
            member = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            member.size = len(payload)
            archive.addfile(member, io.BytesIO(payload))
    (server / "cifar-10-python.tar.gz").write_bytes(buffer.getvalue())
    checksums = {"cifar-10-python.tar.gz": md5(server / "cifar-10-python.tar.gz")}
    return server.as_uri() + "/", checksums, batches


@pytest.fixture
def count_urlopen(monkeypatch):
    """Counts the calls of download.urlopen (still opening the URLs)."""
    calls = []
    real_urlopen = download.urlopen

    def counting(url, *args, **kwargs):
        calls.append(url)
        return real_urlopen(url, *args, **kwargs)

    monkeypatch.setattr(download, "urlopen", counting)
    return calls


# ---------------------------------------------------------------- MNIST


def test_published_checksums_are_md5_of_every_file():
    assert set(MNIST_MD5) == {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                              "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}
    assert set(CIFAR10_MD5) == {"cifar-10-python.tar.gz"}
    for checksum in [*MNIST_MD5.values(), *CIFAR10_MD5.values()]:
        assert len(checksum) == 32 and int(checksum, 16) >= 0


def test_load_mnist_downloads_verifies_and_parses(tmp_path, mnist_server):
    url, checksums, arrays = mnist_server
    (X_train, y_train), (X_test, y_test) = load_mnist(root=tmp_path / "data", url=url, checksums=checksums)
    np.testing.assert_array_equal(X_train, arrays["train-images-idx3-ubyte.gz"], err_msg="train images")
    np.testing.assert_array_equal(y_train, arrays["train-labels-idx1-ubyte.gz"], err_msg="train labels")
    np.testing.assert_array_equal(X_test, arrays["t10k-images-idx3-ubyte.gz"], err_msg="test images")
    np.testing.assert_array_equal(y_test, arrays["t10k-labels-idx1-ubyte.gz"], err_msg="test labels")
    assert X_train.dtype == np.uint8 and X_train.shape == (6, 28, 28)
    assert y_train.dtype == np.int64 and y_test.dtype == np.int64
    assert sorted(p.name for p in (tmp_path / "data" / "mnist").iterdir()) == sorted(arrays), "no .part left over"


def test_cached_files_are_reused_without_downloading(tmp_path, mnist_server, count_urlopen):
    url, checksums, arrays = mnist_server
    load_mnist(root=tmp_path, url=url, checksums=checksums)
    assert len(count_urlopen) == 4
    (X_train, _), _ = load_mnist(root=tmp_path, url=url, checksums=checksums)
    assert len(count_urlopen) == 4, "verified files are not downloaded again"
    load_mnist(root=tmp_path, url=url, checksums=checksums, download=False)
    np.testing.assert_array_equal(X_train, arrays["train-images-idx3-ubyte.gz"])


def test_sha256_checksums_are_accepted(tmp_path, mnist_server):
    url, _, _ = mnist_server
    source = tmp_path / "server" / "t10k-labels-idx1-ubyte.gz"
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    path = fetch(url + source.name, tmp_path / "copy" / source.name, sha256.upper())
    assert path.read_bytes() == source.read_bytes()


def test_checksum_mismatch_deletes_the_file_and_says_so(tmp_path, mnist_server):
    url, checksums, _ = mnist_server
    wrong = dict(checksums, **{"train-labels-idx1-ubyte.gz": "0" * 32})
    with pytest.raises(ValueError, match="expected 0{32}.*deleted"):
        load_mnist(root=tmp_path / "data", url=url, checksums=wrong)
    folder = tmp_path / "data" / "mnist"
    assert not (folder / "train-labels-idx1-ubyte.gz").exists(), "the bad file is removed"
    assert not list(folder.glob("*.part"))
    assert (folder / "train-images-idx3-ubyte.gz").exists(), "files that did verify are kept"


def test_corrupt_cached_file_is_deleted_then_downloaded_again(tmp_path, mnist_server, count_urlopen):
    url, checksums, arrays = mnist_server
    load_mnist(root=tmp_path, url=url, checksums=checksums)
    cached = tmp_path / "mnist" / "t10k-images-idx3-ubyte.gz"
    cached.write_bytes(b"truncated")
    with pytest.raises(ValueError, match="deleted"):
        load_mnist(root=tmp_path, url=url, checksums=checksums)
    assert not cached.exists()
    _, (X_test, _) = load_mnist(root=tmp_path, url=url, checksums=checksums)
    np.testing.assert_array_equal(X_test, arrays["t10k-images-idx3-ubyte.gz"])
    assert len(count_urlopen) == 5, "only the deleted file is fetched again"


def test_offline_raises_a_clear_error(tmp_path, mnist_server, monkeypatch):
    url, checksums, _ = mnist_server

    def no_network(*args, **kwargs):
        raise URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(download, "urlopen", no_network)
    with pytest.raises(DownloadError, match="offline.*copy it to") as info:
        load_mnist(root=tmp_path / "data", url=url, checksums=checksums)
    assert isinstance(info.value, RuntimeError)
    assert str(tmp_path / "data" / "mnist") in str(info.value), "the message says where to put the file"
    assert not list((tmp_path / "data" / "mnist").iterdir()), "no partial file is left"


def test_unreachable_url_and_timeout_raise_download_error(tmp_path, monkeypatch):
    missing = (tmp_path / "nowhere" / "file.gz").as_uri()
    with pytest.raises(DownloadError, match="could not download"):
        fetch(missing, tmp_path / "file.gz", "0" * 32)

    def timeout(*args, **kwargs):
        raise TimeoutError("timed out")

    monkeypatch.setattr(download, "urlopen", timeout)
    with pytest.raises(DownloadError, match="timed out"):
        fetch("https://example.invalid/file.gz", tmp_path / "file.gz", "0" * 32)


def test_missing_file_without_download(tmp_path):
    with pytest.raises(FileNotFoundError, match="download=True"):
        load_mnist(root=tmp_path, download=False)


def test_bad_checksum_format(tmp_path):
    with pytest.raises(ValueError, match="md5.*sha256"):
        fetch("file:///x", tmp_path / "x", "abc")


def test_read_idx_rejects_bad_files(tmp_path):
    not_idx = tmp_path / "not-idx.gz"
    not_idx.write_bytes(gzip.compress(b"\x1f\x8bhello"))
    with pytest.raises(ValueError, match="not an unsigned-byte IDX"):
        read_idx(not_idx)
    short = tmp_path / "short.gz"
    short.write_bytes(gzip.compress(idx_bytes(np.zeros((2, 3), np.uint8))[:-1]))
    with pytest.raises(ValueError, match=r"announces shape \(2, 3\)"):
        read_idx(short)


# ---------------------------------------------------------------- CIFAR-10


def test_load_cifar10_reads_the_batches_in_nchw(tmp_path, cifar_server, count_urlopen):
    url, checksums, batches = cifar_server
    (X_train, y_train), (X_test, y_test) = load_cifar10(root=tmp_path / "data", url=url, checksums=checksums)
    assert X_train.shape == (10, 3, 32, 32) and X_train.dtype == np.uint8
    assert X_test.shape == (2, 3, 32, 32)
    assert y_train.dtype == np.int64 and y_train.shape == (10,)
    expected_labels = sum((batches[f"data_batch_{i}"][b"labels"] for i in range(1, 6)), [])
    np.testing.assert_array_equal(y_train, expected_labels, err_msg="labels of batches 1..5 in order")
    np.testing.assert_array_equal(y_test, batches["test_batch"][b"labels"])
    row = batches["data_batch_2"][b"data"][1]  # the 4th training image
    for channel in range(3):
        np.testing.assert_array_equal(X_train[3, channel], row[channel * 1024 : (channel + 1) * 1024].reshape(32, 32),
                                      err_msg="each row holds the R, G, B planes, 32 x 32 each, row-major")
    load_cifar10(root=tmp_path / "data", url=url, checksums=checksums)
    assert len(count_urlopen) == 1, "the tarball is downloaded once"


# ---------------------------------------------------------------- where data goes


def test_default_root_prefers_the_environment_variable(tmp_path, monkeypatch, mnist_server):
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path / "env"))
    assert default_root() == tmp_path / "env"
    url, checksums, _ = mnist_server
    load_mnist(url=url, checksums=checksums)
    assert (tmp_path / "env" / "mnist" / "t10k-labels-idx1-ubyte.gz").exists()


def test_default_root_is_the_checkout_data_folder(monkeypatch):
    monkeypatch.delenv("DLCOURSE_DATA", raising=False)
    assert default_root() == download.REPO_DATA_DIR
    assert (default_root() / "digits.npz").exists()


def test_installed_package_without_environment_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("DLCOURSE_DATA", raising=False)
    monkeypatch.setattr(download, "REPO_DATA_DIR", tmp_path / "site-packages" / "data")
    with pytest.raises(RuntimeError, match="DLCOURSE_DATA"):
        default_root()
