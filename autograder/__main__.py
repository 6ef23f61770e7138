"""``python -m autograder``: see `autograder.cli`."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the grader is still importing
    sys.exit(130)

sys.exit(main())
