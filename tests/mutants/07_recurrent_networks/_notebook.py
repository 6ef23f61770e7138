"""What the mutation test needs to know about notebook 07 beyond its cells.

GRADED_ALONE: test cells that grade with the course's version of some of the student's functions,
so that a mistake in those does not reach them: {test cell: names}. The two tests of bptt put the
course's rnn_forward and sequence_loss in place while they run and the student's back at the end. The
mutation run checks the claim: wrong rnn_step, rnn_forward and sequence_loss mutants share students
with the bptt mutants.
"""

GRADED_ALONE = {
    "test_bptt_output": {"rnn_forward", "sequence_loss"},
    "test_bptt_recurrent": {"rnn_forward", "sequence_loss"},
}
