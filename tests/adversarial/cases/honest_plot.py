# honest: a correct answer that draws a figure (matplotlib's inline backend registers IPython callbacks)
import matplotlib.pyplot as plt
plt.plot([1, 2, 3])
plt.show()
