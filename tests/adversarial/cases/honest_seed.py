# honest: a correct answer that seeds the random generators, as students often do
import random
np.random.seed(0)
random.seed(1)
rng = np.random.default_rng(2)
