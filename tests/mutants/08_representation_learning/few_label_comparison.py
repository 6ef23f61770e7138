# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9, `few_label_comparison`: per seed, both classifiers fine-tuned on the labelled examples, tested on the test split."""

MUTANTS = [
    wrong("accuracy on the labelled training examples", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    results = {"pretrained": [], "scratch": []}
    for seed in seeds:
        labelled = choose_labelled(splits.y_train, n_labels, seed)
        X, y = splits.X_train[labelled], splits.y_train[labelled]
        for name, build in [("pretrained", init_classifier_from_encoder), ("scratch", scratch_classifier)]:
            model = fine_tune(build(layers, 10, np.random.default_rng(seed)), X, y)
            results[name].append(accuracy(model, X, y))
    return {k: np.array(v) for k, v in results.items()}
''', expect_diagnosis="few_label.train_accuracy"),

    wrong("the two results swapped", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    results = {"pretrained": [], "scratch": []}
    for seed in seeds:
        labelled = choose_labelled(splits.y_train, n_labels, seed)
        X, y = splits.X_train[labelled], splits.y_train[labelled]
        for name, build in [("scratch", init_classifier_from_encoder), ("pretrained", scratch_classifier)]:
            model = fine_tune(build(layers, 10, np.random.default_rng(seed)), X, y)
            results[name].append(accuracy(model, splits.X_test, splits.y_test))
    return {k: np.array(v) for k, v in results.items()}
''', expect_diagnosis="few_label.swapped"),

    wrong("the validation split", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    results = {"pretrained": [], "scratch": []}
    for seed in seeds:
        labelled = choose_labelled(splits.y_train, n_labels, seed)
        X, y = splits.X_train[labelled], splits.y_train[labelled]
        for name, build in [("pretrained", init_classifier_from_encoder), ("scratch", scratch_classifier)]:
            model = fine_tune(build(layers, 10, np.random.default_rng(seed)), X, y)
            results[name].append(accuracy(model, splits.X_val, splits.y_val))
    return {k: np.array(v) for k, v in results.items()}
''', expect_diagnosis="few_label.validation_set"),

    wrong("the pretrained classifier not fine-tuned", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    results = {"pretrained": [], "scratch": []}
    for seed in seeds:
        labelled = choose_labelled(splits.y_train, n_labels, seed)
        X, y = splits.X_train[labelled], splits.y_train[labelled]
        pre = init_classifier_from_encoder(layers, 10, np.random.default_rng(seed))
        results["pretrained"].append(accuracy(pre, splits.X_test, splits.y_test))
        scratch = fine_tune(scratch_classifier(layers, 10, np.random.default_rng(seed)), X, y)
        results["scratch"].append(accuracy(scratch, splits.X_test, splits.y_test))
    return {k: np.array(v) for k, v in results.items()}
''', expect_diagnosis="few_label.no_fine_tuning"),

    wrong("the labels of the first seed for every seed", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    results = {"pretrained": [], "scratch": []}
    labelled = choose_labelled(splits.y_train, n_labels, seeds[0])
    X, y = splits.X_train[labelled], splits.y_train[labelled]
    for seed in seeds:
        for name, build in [("pretrained", init_classifier_from_encoder), ("scratch", scratch_classifier)]:
            model = fine_tune(build(layers, 10, np.random.default_rng(seeds[0])), X, y)
            results[name].append(accuracy(model, splits.X_test, splits.y_test))
    return {k: np.array(v) for k, v in results.items()}
''', expect_diagnosis="few_label.one_seed"),

    wrong("one generator shared by both classifiers", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    results = {"pretrained": [], "scratch": []}
    for seed in seeds:
        labelled = choose_labelled(splits.y_train, n_labels, seed)
        X, y = splits.X_train[labelled], splits.y_train[labelled]
        rng = np.random.default_rng(seed)
        for name, build in [("pretrained", init_classifier_from_encoder), ("scratch", scratch_classifier)]:
            model = fine_tune(build(layers, 10, rng), X, y)
            results[name].append(accuracy(model, splits.X_test, splits.y_test))
    return {k: np.array(v) for k, v in results.items()}
'''),

    correct("scratch first, lists returned", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    scratch, pretrained = [], []
    for seed in seeds:
        idx = choose_labelled(splits.y_train, n_labels, seed)
        m = scratch_classifier(layers, 10, np.random.default_rng(seed))
        fine_tune(m, splits.X_train[idx], splits.y_train[idx])
        scratch.append(accuracy(m, splits.X_test, splits.y_test))
        m = init_classifier_from_encoder(layers, 10, np.random.default_rng(seed))
        fine_tune(m, splits.X_train[idx], splits.y_train[idx])
        pretrained.append(accuracy(m, splits.X_test, splits.y_test))
    return {"scratch": scratch, "pretrained": pretrained}
'''),

    correct("accuracy computed by hand", '''
def few_label_comparison(splits, layers, n_labels=50, seeds=(0, 1, 2, 3, 4)):
    out = {}
    for kind, build in (("pretrained", init_classifier_from_encoder), ("scratch", scratch_classifier)):
        accs = []
        for seed in seeds:
            idx = choose_labelled(splits.y_train, n_labels, seed)
            model = fine_tune(build(layers, 10, np.random.default_rng(seed)), splits.X_train[idx], splits.y_train[idx])
            accs.append(np.mean(model.forward(splits.X_test).argmax(axis=1) == splits.y_test))
        out[kind] = np.asarray(accs)
    return out
'''),
]
