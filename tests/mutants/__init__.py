"""Mutation testing of the notebooks' graders: wrong answers lose their points, correct ones keep them.

A *mutant* is an answer a student could hand in, written into one answer cell of a notebook:

- ``wrong``: a classic mistake (a sign error, the wrong axis, no bias correction, ...). Graded, it must
  score 0 on its exercise's test cells; when the mistake is a classic one, the failure message the
  student sees must name it (``expect_message``: words the message contains; ``expect_diagnosis``: the
  diagnosis code the message starts with, ``[softmax.no_max_shift] ...``).
- ``correct``: a right answer in another form (loops instead of one vectorised line, an equal formula,
  a list instead of a tuple, ...). Graded, it must keep every point of the notebook.

The mutants of a notebook live in ``tests/mutants/<assignment>/<answer cell grade_id>.py``, one file per
answer cell, each defining a list ``MUTANTS`` built with `wrong` and `correct` (the loader provides both
names; the files import nothing)::

    MUTANTS = [
        wrong("no max shift: exp(1000) overflows", '''
    def softmax(S):
        E = np.exp(S)
        return E / E.sum(axis=1, keepdims=True)
    ''', expect_diagnosis="softmax.no_max_shift", expect_message="subtract each row's maximum"),
        correct("a loop over the rows", '''...'''),
    ]

The code replaces the whole answer cell, or with ``replaces="name"`` only the definition of that
function or variable in the instructor's solution (for cells that hold several exercises: the penalties,
the schedules, two multiple-choice answers). A mutant is about the test cells ``tests`` (grade ids);
by default every test cell of its answer cell, or with ``replaces`` the test cell ``test_<name>`` when
there is one.

How they are graded (`run`): ONE class is built and graded with the real grader,
`autograder.grade.grade`. Each student is the perfect notebook (every answer = the instructor's) with
a few answer cells replaced by mutants, at most one mutant per cell (or per replaced name), so a class
of about a dozen students grades every mutant of a notebook. Mutants whose results could mix are kept
apart: when a wrong mutant changes a function that other code calls (the training loop calls
``softmax_loss_and_grads``), no mutant of that other code shares its student, and the test cells that
call the changed function may lose points too (the student's own later function does use the wrong
one). Every other test cell of every student must keep all its points.
"""

import ast
import csv
import dataclasses
import re
import runpy
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).resolve().parent
KINDS = ("wrong", "correct")
DIAGNOSIS = re.compile(r"^\[([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\] ")
_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


class MutantError(Exception):
    """A mutant file that does not fit its notebook."""


@dataclasses.dataclass(frozen=True)
class Mutant:
    name: str
    kind: str
    code: str
    replaces: str = None
    tests: tuple = None
    expect_message: str = None
    expect_diagnosis: str = None
    assignment: str = None
    cell: str = None   # the answer cell's grade_id (the file's name)

    @property
    def key(self):
        return f"{self.cell}: {self.name}"

    @property
    def slot(self):
        """What the mutant occupies in a student's notebook: its cell, or one name in it."""
        return (self.cell, self.replaces)


def wrong(name, code, *, expect_message=None, expect_diagnosis=None, replaces=None, tests=None):
    """A wrong answer: it must score 0 on `tests` (default: its exercise's test cells).

    expect_message: words the failure message must contain (case-insensitive).
    expect_diagnosis: the code the failure message starts with, e.g. "softmax.no_max_shift".
    """
    return Mutant(name, "wrong", _dedent(code), replaces, _tuple(tests), expect_message, expect_diagnosis)


def correct(name, code, *, replaces=None, tests=None):
    """A correct answer in another form: it must keep every point of the notebook."""
    return Mutant(name, "correct", _dedent(code), replaces, _tuple(tests))


def _tuple(tests):
    return (tests,) if isinstance(tests, str) else (tuple(tests) if tests else None)


def _dedent(code):
    import textwrap

    return textwrap.dedent(code).strip("\n") + "\n"


# ---------------------------------------------------------------- the notebook

def _meta(cell):
    return cell.metadata.get("nbgrader", {})


def strip_markers(source):
    return "\n".join(line for line in source.splitlines() if line.strip() not in _MARKERS) + "\n"


def _definitions(source):
    """{name: (first line, last line, names it uses)} of the top-level defs and assignments."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        else:
            continue
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        used = _used(node)
        for name in names:
            start, _, before = found.get(name, (first, node.end_lineno, set()))
            found[name] = (start, node.end_lineno, before | used)
    return found


def _used(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def replace_definition(source, name, code):
    """`source` with every top-level definition of `name` removed and `code` put where the last one was."""
    lines = source.splitlines()
    spans = []
    for node in ast.parse(source).body:
        if name in _definitions(ast.unparse(node)):
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            spans.append((first, node.end_lineno))
    if not spans:
        raise MutantError(f"{name!r} is not defined in the answer cell")
    insert_at = spans[-1][0] - 1 - sum(e - s + 1 for s, e in spans[:-1])
    for start, end in reversed(spans):
        del lines[start - 1:end]
    lines[insert_at:insert_at] = code.rstrip("\n").splitlines()
    return "\n".join(lines) + "\n"


@dataclasses.dataclass
class Exercise:
    number: int
    title: str
    points: float
    tests: list


class Notebook:
    """What the mutation test needs to know about an instructor notebook."""

    def __init__(self, assignment):
        from autograder.demo import exercises

        self.assignment = assignment
        self.path = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
        self.source = nbformat.read(self.path, as_version=4)
        cells = self.source.cells
        self.answers = {_meta(c)["grade_id"]: strip_markers(c.source) for c in cells
                        if _meta(c).get("solution") and not _meta(c).get("grade")}
        self.tests = {_meta(c)["grade_id"]: c.source for c in cells
                      if c.cell_type == "code" and _meta(c).get("grade") and not _meta(c).get("solution")}
        self.points = {_meta(c)["grade_id"]: float(_meta(c)["points"]) for c in cells
                       if _meta(c).get("grade_id") in self.tests}
        self.tests_of_cell = {}
        for answer_ids, test_ids, _ in exercises(self.source):
            for answer in answer_ids:
                self.tests_of_cell[answer] = list(test_ids)
        self.exercises = self._exercises()
        self.exercise_of_test = {t: e for e in self.exercises for t in e.tests}
        self.uses = {t: _used(ast.parse(s)) for t, s in self.tests.items()}
        extra = FOLDER / assignment / "_notebook.py"
        self.graded_alone = {}
        if extra.exists():
            declared = runpy.run_path(str(extra)).get("GRADED_ALONE", {})
            self.graded_alone = {t: set(names) for t, names in declared.items()}

    def _exercises(self):
        """The "### Exercise k (n points): title" headings and the test cells after each."""
        found, pending = [], []
        heading = re.compile(r"^### Exercise (\d+) \((\d+) points?\):?\s*(.*)$", re.MULTILINE)
        for cell in self.source.cells:
            if cell.cell_type == "markdown":
                for number, points, title in heading.findall(cell.source):
                    exercise = Exercise(int(number), title.strip().strip("`").replace("`", ""), float(points), [])
                    found.append(exercise)
                    pending.append(exercise)
            elif _meta(cell).get("grade_id") in self.tests:
                if not pending:
                    raise MutantError(f"{self.assignment}: test cell {_meta(cell)['grade_id']} has no exercise")
                exercise = pending[0]
                exercise.tests.append(_meta(cell)["grade_id"])
                if sum(self.points[t] for t in exercise.tests) >= exercise.points:
                    pending.pop(0)
        return found

    def answer_cell_of(self, exercise):
        return [a for a, tests in self.tests_of_cell.items() if set(tests) & set(exercise.tests)]

    def cell_source(self, mutants):
        """{answer cell: source} with the given mutants (at most one per slot) written in."""
        sources = dict(self.answers)
        for mutant in sorted(mutants, key=lambda m: m.replaces is None):
            if mutant.replaces is None:
                sources[mutant.cell] = mutant.code
            else:
                sources[mutant.cell] = replace_definition(sources[mutant.cell], mutant.replaces, mutant.code)
        return sources


# ---------------------------------------------------------------- loading

def assignments_with_mutants():
    return sorted(p.name for p in FOLDER.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def load(assignment, notebook=None):
    """The mutants of `assignment`, checked against its notebook; raises MutantError."""
    notebook = notebook or Notebook(assignment)
    mutants = []
    for path in sorted((FOLDER / assignment).glob("*.py")):
        if path.name.startswith("_"):
            continue
        cell = path.stem
        if cell not in notebook.answers:
            raise MutantError(f"{path}: {cell!r} is not an answer cell of {assignment} "
                              f"(answer cells: {', '.join(notebook.answers)})")
        found = runpy.run_path(str(path), init_globals={"wrong": wrong, "correct": correct}).get("MUTANTS")
        if not isinstance(found, list) or not found:
            raise MutantError(f"{path}: define MUTANTS = [wrong(...), correct(...), ...]")
        names = set()
        for mutant in found:
            if not isinstance(mutant, Mutant) or mutant.kind not in KINDS:
                raise MutantError(f"{path}: {mutant!r} is not a mutant made with wrong(...) or correct(...)")
            if mutant.name in names:
                raise MutantError(f"{path}: two mutants are named {mutant.name!r}")
            names.add(mutant.name)
            mutants.append(_complete(notebook, dataclasses.replace(mutant, assignment=assignment, cell=cell), path))
    return mutants


def _complete(notebook, mutant, path):
    where = f"{path.name}: {mutant.name!r}"
    own = notebook.tests_of_cell.get(mutant.cell, [])
    try:
        ast.parse(mutant.code)
    except SyntaxError as error:
        raise MutantError(f"{where}: the code does not parse ({error})") from None
    if mutant.replaces is not None:
        if mutant.replaces not in _definitions(notebook.answers[mutant.cell]):
            raise MutantError(f"{where}: replaces {mutant.replaces!r}, which the answer cell does not define")
        if mutant.replaces not in _definitions(mutant.code):
            raise MutantError(f"{where}: the code must define {mutant.replaces!r}, which it replaces")
    tests = mutant.tests
    if tests is None:
        named = f"test_{mutant.replaces}"
        tests = (named,) if mutant.replaces and named in own else tuple(own)
        exercises = {notebook.exercise_of_test[t].number for t in tests}
        if len(exercises) > 1:
            raise MutantError(f"{where}: the cell {mutant.cell} holds exercises {sorted(exercises)}: "
                              "say which test cells the mutant is about (tests=...)")
    unknown = [t for t in tests if t not in notebook.tests]
    if unknown or not tests:
        raise MutantError(f"{where}: tests {unknown or tests} are not test cells of {notebook.assignment}")
    if mutant.expect_diagnosis is not None and not DIAGNOSIS.match(f"[{mutant.expect_diagnosis}] "):
        raise MutantError(f"{where}: diagnosis codes look like 'exercise.mistake' (lower case, digits, _)")
    if mutant.kind == "correct" and (mutant.expect_message or mutant.expect_diagnosis):
        raise MutantError(f"{where}: a correct answer expects no failure message")
    return dataclasses.replace(mutant, tests=tuple(tests))


# ---------------------------------------------------------------- the class

class Student:
    """One submission: the perfect notebook with `mutants` written in."""

    def __init__(self, notebook, student_id):
        self.notebook, self.id, self.mutants = notebook, student_id, []

    def _graph(self, mutants):
        """{name: names its code uses} over the answer cells of a notebook holding `mutants`."""
        graph = {}
        for source in self.notebook.cell_source(mutants).values():
            for name, (_, _, used) in _definitions(source).items():
                graph.setdefault(name, set()).update(used)
        return graph

    def _defines(self, mutant):
        if mutant.replaces:
            return {mutant.replaces}
        return set(_definitions(mutant.code)) | set(_definitions(self.notebook.answers[mutant.cell]))

    @staticmethod
    def _reach(graph, names, blocked=frozenset()):
        """`names` and every name whose code uses one of them, not going through `blocked`."""
        names = set(names) - set(blocked)
        while True:
            more = {n for n, used in graph.items() if n not in blocked and used & names} - names
            if not more:
                return names
            names |= more

    def analysis(self, mutants):
        """(names each mutant reaches, {test: "lose" | "may" | "keep"}) for a set of mutants.

        A mutant reaches the names it defines and every name whose code uses one of them. The test
        cells a wrong mutant is about must lose their points ("lose"); the cells that use a name it
        reaches may lose some ("may"), unless they grade with the course's version of that name
        (GRADED_ALONE); every other cell must keep its points ("keep").
        """
        graph = self._graph(mutants)
        reach = {m.key: self._reach(graph, self._defines(m)) for m in mutants}
        wrong_ones = [m for m in mutants if m.kind == "wrong"]
        expected = {}
        for test, used in self.notebook.uses.items():
            alone = self.notebook.graded_alone.get(test, set())
            if any(test in m.tests for m in wrong_ones):
                expected[test] = "lose"
            elif any(used & self._reach(graph, self._defines(m), alone) for m in wrong_ones):
                expected[test] = "may"
            else:
                expected[test] = "keep"
        return reach, expected

    def fits(self, mutant):
        """True when `mutant` can join this student without mixing its result with the others'."""
        for other in self.mutants:
            if other.cell == mutant.cell and (other.replaces is None or mutant.replaces is None
                                              or other.replaces == mutant.replaces):
                return False
        together = self.mutants + [mutant]
        graph = self._graph(together)
        for m in together:
            needs = self._defines(m) | _used(ast.parse(m.code))
            for test in m.tests:
                alone = self.notebook.graded_alone.get(test, set())
                for other in together:
                    if other is not m and other.kind == "wrong" and \
                            self._reach(graph, self._defines(other), alone) & (needs | self.notebook.uses[test]):
                        return False
        return True


def plan(notebook, mutants):
    """Students holding every mutant once: first fit, the busiest slots first."""
    by_slot = {}
    for mutant in mutants:
        by_slot.setdefault(mutant.slot, []).append(mutant)
    order = sorted(by_slot.values(), key=len, reverse=True)
    students = []
    for group in order:
        for mutant in sorted(group, key=lambda m: m.kind != "wrong"):
            for student in students:
                if student.fits(mutant):
                    break
            else:
                student = Student(notebook, f"s{len(students) + 1:02d}")
                students.append(student)
            student.mutants.append(mutant)
    return students


def write_class(course, notebook, students, submissions):
    """Write each student's notebook: the release with every answer filled in, mutants included."""
    from autograder.course import generate_assignment

    assignment = notebook.assignment
    with tempfile.TemporaryDirectory(prefix="mutants-release-") as temp:
        release = nbformat.read(generate_assignment(course, assignment, temp) / f"{assignment}.ipynb", as_version=4)
    for student in students:
        sources = notebook.cell_source(student.mutants)
        copy = nbformat.from_dict(release)
        for cell in copy.cells:
            if _meta(cell).get("grade_id") in sources and _meta(cell).get("solution"):
                cell.source = sources[_meta(cell)["grade_id"]]
        path = Path(submissions) / student.id / assignment / f"{assignment}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(copy, path)


# ---------------------------------------------------------------- grading and verdicts

@dataclasses.dataclass
class Verdict:
    mutant: Mutant
    student: str
    scores: dict          # test cell -> (score, max score) of the mutant's tests
    messages: dict        # test cell -> the failure message ("" when the cell passed)
    ok: bool = False      # wrong: caught; correct: accepted
    named: bool = None    # wrong with an expectation: the message names the mistake
    problems: list = dataclasses.field(default_factory=list)


def run(assignments=None, workers=None, folder=None):
    """Grade every mutant of `assignments` (default: every folder of tests/mutants) in one class.

    folder: where the class and its grades go (default: a new temporary folder, left in place).

    Returns (verdicts, problems, seconds, students): problems are test cells that lost points no
    mutant explains, and submissions the grader could not grade.
    """
    from autograder.course import Course
    from autograder.grade import grade

    course = Course(ROOT)
    assignments = assignments or assignments_with_mutants()
    folder = Path(folder or tempfile.mkdtemp(prefix="dlcourse-mutants-"))
    classes = {}
    for assignment in assignments:
        notebook = Notebook(assignment)
        students = plan(notebook, load(assignment, notebook))
        write_class(course, notebook, students, folder / "submissions")
        classes[assignment] = (notebook, students)
    started = time.monotonic()
    summary = grade(course, folder / "submissions", folder / "graded", assignments=list(classes),
                    workers=workers, force=True, progress=False)
    seconds = time.monotonic() - started
    planned = {(student.id, assignment) for assignment, (_, students) in classes.items() for student in students}
    # one class holds every notebook's students; a student planned for one notebook only is "missing"
    # the others, which is no problem of the mutants
    verdicts, problems = [], [f"{p[0]} / {p[1]}: {p[3]}: {p[4]}" for p in summary.problems
                              if (p[0], p[1]) in planned or p[3] != "missing"]
    for assignment, (notebook, students) in classes.items():
        scores = _scores(folder / "graded" / "grades_detail.csv", assignment)
        for student in students:
            messages = _messages(folder / "graded" / "autograded" / student.id / assignment / f"{assignment}.ipynb")
            v, p = judge(notebook, student, scores.get(student.id, {}), messages)
            verdicts += v
            problems += p
    return verdicts, problems, seconds, {a: s for a, (_, s) in classes.items()}


def _scores(path, assignment):
    """{student: {grade_id: (score, max_score)}} from grades_detail.csv."""
    found = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["assignment"] == assignment:
                found.setdefault(row["student_id"], {})[row["grade_id"]] = (float(row["score"]), float(row["max_score"]))
    return found


def _messages(path):
    """{grade_id: "Ename: message" of the cell's first error, "" when it ran clean} of a graded notebook."""
    if not path.exists():
        return {}
    found = {}
    for cell in nbformat.read(path, as_version=4).cells:
        grade_id = _meta(cell).get("grade_id")
        if cell.cell_type == "code" and _meta(cell).get("grade"):
            errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
            found[grade_id] = f"{errors[0].ename}: {errors[0].evalue}" if errors else ""
    return found


def diagnosis(message):
    """The diagnosis code a failure message starts with ("AssertionError: [code] ..."), else None."""
    match = DIAGNOSIS.match(message.split(": ", 1)[-1]) if message else None
    return match.group(1) if match else None


def judge(notebook, student, scores, messages):
    """The verdict on each of the student's mutants, and the losses no mutant explains."""
    reach, expected = student.analysis(student.mutants)
    problems = []
    if not scores:
        problems.append(f"{notebook.assignment} / {student.id}: not graded ({[m.key for m in student.mutants]})")
    for test, what in expected.items():
        score, top = scores.get(test, (0.0, notebook.points[test]))
        if what == "keep" and score < top:
            problems.append(f"{notebook.assignment} / {student.id}: {test} lost {top - score:g} of {top:g} points "
                            f"that no mutant explains (mutants: {[m.key for m in student.mutants]}): "
                            f"{messages.get(test, '')[:300]}")
    verdicts = []
    for mutant in student.mutants:
        own = {t: scores.get(t, (0.0, notebook.points[t])) for t in mutant.tests}
        verdict = Verdict(mutant, student.id, own, {t: messages.get(t, "") for t in mutant.tests})
        if mutant.kind == "wrong":
            verdict.ok = all(score == 0 for score, _ in own.values())
            if mutant.expect_message or mutant.expect_diagnosis:
                failed = [messages.get(t, "") for t in mutant.tests if messages.get(t)]
                verdict.named = any(
                    (not mutant.expect_message or mutant.expect_message.lower() in m.lower())
                    and (not mutant.expect_diagnosis or diagnosis(m) == mutant.expect_diagnosis) for m in failed)
        else:
            downstream = {t for t, used in notebook.uses.items()
                          if used & reach[mutant.key] and expected[t] == "keep"}
            verdict.ok = all(score == top for score, top in own.values()) and all(
                scores.get(t, (0.0, 1.0))[0] == scores.get(t, (0.0, 1.0))[1] for t in downstream)
        verdicts.append(verdict)
    return verdicts, problems
