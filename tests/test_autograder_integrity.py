"""The integrity probe's short answer: between graded cells the kernel sends its facts only when they
changed since the previous probe, and a change is still seen."""

import math

from autograder.integrity import PROBE_EXPRESSION, compare, parse_probe, parse_probe_digest, probe_expression


def evaluate(expression):
    """What the kernel's user_expressions reply holds for `expression`, evaluated here."""
    return {"status": "ok", "data": {"text/plain": repr(eval(expression))}}


def test_unchanged_facts_come_back_as_a_digest_only(monkeypatch):
    baseline = parse_probe(evaluate(PROBE_EXPRESSION))
    digest, facts = parse_probe_digest(evaluate(probe_expression(None)))
    assert facts == baseline and compare(baseline, facts) == [], "the first probe sends its facts"
    again, nothing = parse_probe_digest(evaluate(probe_expression(digest)))
    assert (again, nothing) == (digest, None), "nothing changed: the digest alone"

    monkeypatch.setattr(math, "isclose", lambda *args, **kwargs: True)
    changed, facts = parse_probe_digest(evaluate(probe_expression(digest)))
    assert changed != digest and facts is not None
    assert compare(baseline, facts) == ["math.isclose replaced or deleted"]


def test_an_unusable_answer_is_evidence():
    assert parse_probe_digest(None)[1] == {"error": "no answer"}
    assert parse_probe_digest({"status": "error", "ename": "NameError", "evalue": "x"})[1] == {"error": "NameError: x"}
    assert "error" in parse_probe_digest({"status": "ok", "data": {"text/plain": "42"}})[1]
    assert "error" in parse_probe_digest({"status": "ok", "data": {"text/plain": repr("d\n{not json")}})[1]
