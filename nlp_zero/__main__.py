"""``python -m nlp_zero``: the same as the ``nlp-zero`` command."""

import sys

from .cli import main

if __name__ == '__main__':
    sys.exit(main())
