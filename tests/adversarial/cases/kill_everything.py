# crashing the kernel: kills every process it may signal (its kernel, the fork server, the next kernel)
import os, signal
os.kill(-1, signal.SIGKILL)
