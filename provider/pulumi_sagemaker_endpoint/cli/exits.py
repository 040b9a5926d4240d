"""The command line's failure contract: one table of exit codes (shown by `--help` and the README), and the one
place that turns each kind of failure into its code and its sentence(s) on standard error, each starting
`error: `, spoken in the command line's words."""
from __future__ import annotations

import sys
import textwrap
from typing import Callable, Iterable

from ..aws.errors import EndpointError, RolledBack, WaitTimeout
from ..check.document_loading import InputProblems, describe
from ..core.words import COMMAND_LINE, speaking

EXIT_OK, EXIT_INVALID, EXIT_AWS, EXIT_ROLLED_BACK, EXIT_TIMEOUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 5, 130
PREFIX = "error: "

EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "success"),
    (EXIT_INVALID, "invalid input, found before anything was sent: an option, the input document, the AWS "
                   "configuration, or a rule the inputs break against the EndpointConfig and alarms they name; "
                   "every problem is printed once, starting with its option or its document path"),
    (EXIT_AWS, "AWS refused or failed the request: a name that does not exist, access denied, a quota, an endpoint "
               "busy with another operation, a failed create"),
    (EXIT_ROLLED_BACK, "the deployment was rolled back; the previous EndpointConfig is still live"),
    (EXIT_TIMEOUT, "timed out waiting (--wait-timeout); SageMaker carries on with the operation"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C); SageMaker carries on with any operation it accepted"),
)
EXIT_CODES_HELP = "exit codes:\n" + "\n".join(
    textwrap.fill(meaning, width=100, initial_indent=f"  {code:<5}", subsequent_indent=" " * 7)
    for code, meaning in EXIT_CODES)


def fail(sentences: Iterable[str], code: int) -> int:
    for sentence in sentences:
        print(f"{PREFIX}{sentence}", file=sys.stderr)
    return code


def guarded(body: Callable[[], int]) -> int:
    """Run a command in the command line's words; the exit code for each kind of failure, with its sentence(s)."""
    with speaking(COMMAND_LINE):
        try:
            return body()
        except InputProblems as problems:
            return fail(map(describe, problems.failures), EXIT_INVALID)
        except RolledBack as error:
            return fail([str(error)], EXIT_ROLLED_BACK)
        except WaitTimeout as error:
            return fail([str(error)], EXIT_TIMEOUT)
        except EndpointError as error:
            return fail([str(error)], EXIT_AWS)
        except KeyboardInterrupt:
            return fail(["interrupted: SageMaker carries on with any operation it accepted; "
                         "`sagemaker-endpoint describe-endpoint` shows it."], EXIT_INTERRUPTED)
