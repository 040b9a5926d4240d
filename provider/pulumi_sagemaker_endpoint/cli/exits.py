"""Exit codes of the endpoint commands, and the one place that turns each kind of failure into its code and its
sentence(s) on standard error."""
from __future__ import annotations

import sys
from typing import Callable

from ..aws.errors import EndpointError, RolledBack, WaitTimeout
from ..check.document_loading import InputProblems, describe

EXIT_OK, EXIT_INVALID, EXIT_AWS, EXIT_ROLLED_BACK, EXIT_TIMEOUT = 0, 2, 3, 4, 5
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
EXIT_CODES_HELP = """exit codes:
  0  success
  2  invalid input (options, input document, AWS configuration); every problem is printed once, starting with its path
  3  AWS/SageMaker error
  4  the deployment was rolled back; the previous EndpointConfig is still live
  5  timed out waiting; SageMaker carries on with the operation
  130  interrupted (Ctrl-C)"""


def guarded(body: Callable[[], int]) -> int:
    """The exit code for each kind of failure, with its sentence(s) on standard error."""
    try:
        return body()
    except InputProblems as problems:
        for failure in problems.failures:
            print(describe(failure), file=sys.stderr)
        return EXIT_INVALID
    except RolledBack as error:
        return _fail(error, EXIT_ROLLED_BACK)
    except WaitTimeout as error:
        return _fail(error, EXIT_TIMEOUT)
    except EndpointError as error:
        return _fail(error, EXIT_AWS)
    except KeyboardInterrupt:
        print("\ninterrupted: SageMaker carries on with any operation it accepted; `describe-endpoint` shows it.",
              file=sys.stderr)
        return EXIT_INTERRUPTED


def _fail(error: Exception, code: int) -> int:
    print(f"error: {error}", file=sys.stderr)
    return code
