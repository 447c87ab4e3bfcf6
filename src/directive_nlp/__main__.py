"""``python -m directive_nlp`` = the ``directive-nlp`` command."""

import sys

from .cli import main

sys.exit(main())
