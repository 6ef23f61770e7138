"""What the mutation test needs to know about notebook 02 beyond its cells.

GRADED_ALONE: test cells that grade with the course's version of some of the student's functions,
so that a mistake in those does not reach them: {test cell: names}. The tests swap the course's
versions in with use_course_versions(...) (the locked cell reference_mlp) and put the student's back
with restore_yours(). The mutation run checks the claim: wrong activations share students with
mlp_forward and mlp_backward mutants, wrong forward, cost and backward passes with predict_mlp, predict_multilabel
and train_mlp mutants.
"""

GRADED_ALONE = {
    "test_mlp_forward": {"ACTIVATIONS", "sigmoid"},
    "test_mlp_backward": {"ACTIVATIONS"},
    "test_mlp_backward_l2": {"ACTIVATIONS"},
    "test_predict_mlp": {"mlp_forward"},
    "test_predict_multilabel": {"mlp_forward"},
    "test_train_mlp_spiral": {"mlp_forward", "cross_entropy_cost", "mlp_backward"},
    "test_train_mlp_digits": {"mlp_forward", "cross_entropy_cost", "mlp_backward"},
}
