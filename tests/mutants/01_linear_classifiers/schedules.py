# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 18-20: `step_decay`, `exponential_decay`, `inverse_time_decay`."""

MUTANTS = [
    # ---- exercise 18: step decay
    wrong("step: k / every without the floor", """
def step_decay(k, lr0, drop=0.5, every=10):
    return lr0 * drop ** (k / every)
""", replaces="step_decay", expect_diagnosis="step_decay.no_floor", expect_message="integer division"),

    wrong("step: drop * floor(k / every), not a power", """
def step_decay(k, lr0, drop=0.5, every=10):
    return lr0 * drop * (k // every) if k >= every else lr0
""", replaces="step_decay"),

    wrong("step: one drop too early (k + 1)", """
def step_decay(k, lr0, drop=0.5, every=10):
    return lr0 * drop ** ((k + 1) // every)
""", replaces="step_decay", expect_diagnosis="step_decay.off_by_one", expect_message="k = 9"),

    correct("step: halving in a loop", """
def step_decay(k, lr0, drop=0.5, every=10):
    rate = lr0
    for _ in range(int(k) // int(every)):
        rate *= drop
    return rate
""", replaces="step_decay"),

    correct("step: math.floor", """
import math

def step_decay(k, lr0, drop=0.5, every=10):
    return lr0 * math.pow(drop, math.floor(k / every))
""", replaces="step_decay"),

    # ---- exercise 19: exponential decay
    wrong("exponential: no minus sign", """
def exponential_decay(k, lr0, rate):
    return lr0 * np.exp(rate * k)
""", replaces="exponential_decay", expect_diagnosis="exponential_decay.sign", expect_message="MINUS"),

    wrong("exponential: rate ** k", """
def exponential_decay(k, lr0, rate):
    return lr0 * rate ** k
""", replaces="exponential_decay"),

    wrong("exponential: exp(-k / rate)", """
def exponential_decay(k, lr0, rate):
    return lr0 * np.exp(-k / rate) if rate else lr0
""", replaces="exponential_decay"),

    correct("exponential: divided by exp(rate k), with math", """
import math

def exponential_decay(k, lr0, rate):
    return lr0 / math.exp(rate * k)
""", replaces="exponential_decay"),

    # ---- exercise 20: 1/t decay
    wrong("1/t: the 1 left out", """
def inverse_time_decay(k, lr0, rate):
    return lr0 / (rate * k) if k else lr0
""", replaces="inverse_time_decay", expect_diagnosis="inverse_time_decay.no_one", expect_message="keep the 1"),

    wrong("1/t: (1 + rate) ** k", """
def inverse_time_decay(k, lr0, rate):
    return lr0 / (1 + rate) ** k
""", replaces="inverse_time_decay"),

    wrong("1/t: lr0 / (1 + k) ** rate", """
def inverse_time_decay(k, lr0, rate):
    return lr0 / (1 + k) ** rate
""", replaces="inverse_time_decay"),

    correct("1/t: lr0 * 1 / (1.0 + k * rate)", """
def inverse_time_decay(k, lr0, rate):
    return lr0 * 1 / (1.0 + k * rate)
""", replaces="inverse_time_decay"),
]
