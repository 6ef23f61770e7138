# escaping the time limit: a busy loop (interrupted by the cell timeout)
while True:
    pass
