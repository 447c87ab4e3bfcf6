"""``python -m directive_nlp`` = the ``directive-nlp`` command."""

import sys

from directive_nlp.apps.cli import main

sys.exit(main())
