# honest: a correct answer that prints warnings and writes to stderr (must keep full marks, no flag)
import sys, warnings
warnings.warn("a harmless warning from the student's code")
print("a note on stderr", file=sys.stderr)
