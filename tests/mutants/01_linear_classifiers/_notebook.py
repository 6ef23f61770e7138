"""What the mutation test needs to know about notebook 01 beyond its cells.

GRADED_ALONE: test cells that grade with the course's version of some of the student's functions,
so that a mistake in those does not reach them: {test cell: names}. The mutation run checks the claim
(a wrong softmax_loss_and_grads shares its student with the training mutants).
"""

GRADED_ALONE = {
    # the training loop is graded with loss_and_grads=course_loss_and_grads (and the hidden test that
    # checks the default swaps in a counting stand-in for softmax_loss_and_grads)
    "test_train_linear_classifier": {"softmax_loss_and_grads"},
}
