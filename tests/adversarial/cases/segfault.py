# crashing the kernel: a segmentation fault
import ctypes
ctypes.string_at(0)
