# nbgrader settings of the course. `python -m autograder` reads them too; run nbgrader's own commands
# (formgrader, export, ...) from a grading folder made by `python -m autograder grade`, never from
# here: the gradebook and the students' files must stay out of this repository.
c = get_config()

c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.source_directory = "solutions"   # instructor notebooks, with solutions and hidden tests
c.CourseDirectory.release_directory = "notebooks"  # student notebooks, generated: python -m autograder release

# Grading settings for real classes.
c.Execute.timeout = 120                 # seconds per cell; then the cell is interrupted and fails ...
c.Execute.interrupt_on_timeout = True   # ... and the rest of the notebook is still graded
c.IgnorePattern.enabled = True          # a warning on stderr must not zero a test cell
c.IgnorePattern.pattern = r"(?m)^.*:\d+: \w*Warning: "
c.OverwriteCells.add_missing_cells = True  # a deleted test cell is put back and graded
c.LimitOutput.max_lines = 1000          # output limits keep the feedback readable
c.LimitOutput.max_traceback = 100
