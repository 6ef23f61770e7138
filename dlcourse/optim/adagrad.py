"""AdaGrad (Duchi et al. 2011; lecture 000 Algorithm 8.4, 001, 003, 004).

    r <- r + g * g
    theta <- theta - lr g / (eps + sqrt(r))        (element-wise)

Each coordinate's step is divided by the root of the sum of all its past squared gradients:
coordinates with large gradients slow down quickly. Under a constant gradient g, r = t g^2
after t steps, so the t-th step is lr / sqrt(t) per coordinate (whatever |g| is, for
|g| >> eps): the steps keep shrinking, which is why RMSProp replaces the sum by an average.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import check_positive
from dlcourse.optim.optimizer import Optimizer


class AdaGrad(Optimizer):
    """AdaGrad with the stabiliser outside the root: ``theta -= lr g / (eps + sqrt(r))``.

    params: iterable of ``Parameter``. lr: global learning rate (epsilon), >= 0.
    eps: the small constant delta > 0 (lecture default 1e-7).

    Sign: lectures 003 (summary) and 004 write ``delta_theta <- eps/(delta + sqrt(r)) g`` without
    the minus sign; a descent step needs it (errata). Stabiliser: lecture 001 puts it inside the
    root, ``g / sqrt(r + 1e-7)``; 000/003/004 and torch put it outside, and so does the course.
    The two differ for small gradients: at step 1 with |g| = 1e-4 the step is
    1e-4 / sqrt(1e-8 + 1e-7) = 0.30 lr inside, 1e-4 / (1e-7 + 1e-4) = 0.999 lr outside.
    Equals ``torch.optim.Adagrad(lr=lr, eps=eps, initial_accumulator_value=0, lr_decay=0)``
    (torch's default eps is 1e-10).
    """

    def __init__(self, params, lr, eps=1e-7):
        super().__init__(params, lr)
        self.eps = check_positive(eps, "eps")
        self.state = {i: {"square_sum": np.zeros_like(p.data)} for i, p in enumerate(self.params)}

    def step(self):
        """r <- r + g*g; theta <- theta - lr g / (eps + sqrt(r)). In place."""
        lr = self._current_lr()
        for i, p in enumerate(self.params):
            g = self._grad(p)
            r = self.state[i]["square_sum"]
            r += g * g
            p.data -= lr * g / (self.eps + np.sqrt(r))
