"""autograder.tuning: the shortcuts the grader takes inside nbgrader give the same results, and the
disk-speed shortcut touches only the job's throw-away gradebook copies."""

import nbgrader.api
import pytest

from autograder import tuning


@pytest.fixture
def fresh_tuning(monkeypatch):
    """reuse_engines patches nbgrader.api for the process: undo it after the test."""
    monkeypatch.setattr(nbgrader.api, "create_engine", nbgrader.api.create_engine)
    monkeypatch.setattr(tuning, "_ENGINES", {})


def pragma(gradebook_url, name):
    with nbgrader.api.Gradebook(gradebook_url) as gb:
        return gb.db.execute(nbgrader.api.text(f"PRAGMA {name}")).scalar()


def test_only_throwaway_gradebooks_skip_waiting_for_the_disk(fresh_tuning, tmp_path):
    jobs, kept = tmp_path / "worker", tmp_path / "out"
    jobs.mkdir(), kept.mkdir()
    tuning.reuse_engines(throwaway=jobs)
    throwaway, real = f"sqlite:///{jobs / 'gradebook.db'}", f"sqlite:///{kept / 'gradebook.db'}"
    assert pragma(throwaway, "synchronous") == 0, "a job's gradebook copy is written without fsync"
    assert pragma(real, "synchronous") != 0, "a gradebook outside the worker's folder keeps SQLite's safety"
    sibling = tmp_path / "worker-other"
    sibling.mkdir()
    assert pragma(f"sqlite:///{sibling / 'gradebook.db'}", "synchronous") != 0, "a folder that merely starts alike"


def test_the_same_engine_serves_every_job(fresh_tuning, tmp_path):
    tuning.reuse_engines(throwaway=tmp_path)
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert nbgrader.api.create_engine(url) is nbgrader.api.create_engine(url)
    with nbgrader.api.Gradebook(url) as gb:
        gb.add_student("s1")
    tuning.fresh_connections()
    (tmp_path / "gradebook.db").unlink()  # the next job's copy is a new file at the same path
    with nbgrader.api.Gradebook(url) as gb:
        assert [s.id for s in gb.students] == []


def test_metadata_validation_with_the_schema_checked_once(monkeypatch):
    import jsonschema
    import nbformat
    import nbgrader.nbgraderformat.common as common
    from nbgrader.nbgraderformat import MetadataValidator

    monkeypatch.setattr(common, "jsonschema", jsonschema)
    cell = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {
        "grade": True, "grade_id": "t1", "locked": True, "points": 2, "schema_version": 3, "solution": False,
        "task": False}})
    broken = nbformat.from_dict(cell)
    broken.metadata.nbgrader.points = "two"
    validator = MetadataValidator()
    with pytest.raises(jsonschema.ValidationError) as plain:
        validator.validate_cell(broken)

    tuning.schemas_checked_once()
    assert common.jsonschema is not jsonschema
    validator.validate_cell(cell)  # valid metadata passes
    with pytest.raises(jsonschema.ValidationError) as fast:
        validator.validate_cell(broken)
    assert fast.value.message == plain.value.message, "the same error as jsonschema.validate's"
