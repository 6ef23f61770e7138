# resource exhaustion: one huge numpy allocation (numpy's own MemoryError subclass)
big = np.ones((2**34,))
