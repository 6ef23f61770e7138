"""The course's autograder: nbgrader, driven for a whole class at once.

    python -m autograder release              regenerate notebooks/ from solutions/
    python -m autograder check                fail when notebooks/ is out of date (CI)
    python -m autograder grade SUBMISSIONS --out OUT
                                              grade a class in parallel: grades, feedback, problems
    python -m autograder demo [FOLDER]        build a demo class from notebook 01 and grade it

Modules: `course` (the course on disk, nbgrader settings, grading bundles), `release`, `submissions`
(folders and LMS zips), `job` (grading one submission: a pure function run in a worker), `kernels`
(fresh pre-started kernels), `grade` (the coordinator), `demo`, `cli`. See docs/grading.md.
"""
