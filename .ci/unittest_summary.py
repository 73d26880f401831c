# -*- coding: utf-8 -*-
"""Run the unittest suite and close with one machine-readable line.

    python .ci/unittest_summary.py                    # = python -m unittest discover -s tests
    python .ci/unittest_summary.py tests.test_spark   # = python -m unittest tests.test_spark

Run it from the project root. It goes through unittest's own command line
(``unittest.main``), so it discovers and runs exactly what the plain test
command does, with the usual verbosity-1 output on stderr. Then, on stdout:

    SKIP<TAB>reason<TAB>test id        one line per skipped test
    RESULT ran=N failures=F errors=E skipped=S expected_failures=X

``failures`` includes unexpected successes (unittest counts them as a failed
run since Python 3.4). ``ran`` includes the tests skipped by a decorator, which
CPython 3.12.1's ``testsRun`` leaves out (it skips them without startTest). Exit status: 0 when the run succeeded, 1 on a failure
or error, 2 when no test ran at all. Python 2.7-compatible, no dependencies.
"""

import os
import sys
import unittest


def _text(value):
    """One line of text, in the native str type of this Python."""
    if not isinstance(value, str):
        try:
            value = value.encode('utf-8') if sys.version_info[0] == 2 else str(value)
        except Exception:  # a report line must never crash the runner
            value = repr(value)
    return ' '.join(value.split())


class _Result(unittest.TextTestResult):
    """Counts the skips of tests that were never started (CPython 3.12.1)."""

    _current = None
    unstarted_skips = 0

    def startTest(self, test):
        self._current = test
        super(_Result, self).startTest(test)

    def stopTest(self, test):
        super(_Result, self).stopTest(test)
        self._current = None

    def addSkip(self, test, reason):
        if getattr(test, 'test_case', test) is not self._current:  # a subTest's skip is started
            self.unstarted_skips += 1
        super(_Result, self).addSkip(test, reason)


class _Runner(unittest.TextTestRunner):
    resultclass = _Result


def main(argv):
    # `python -m unittest` puts the working folder first on sys.path; running this
    # file would put .ci/ there instead.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    sys.path.insert(0, os.getcwd())

    args = argv[1:] or ['discover', '-s', 'tests']
    program = unittest.main(module=None, argv=['python -m unittest'] + args,
                            testRunner=_Runner, exit=False, verbosity=1)
    result = program.result
    ran = result.testsRun + getattr(result, 'unstarted_skips', 0)

    sys.stderr.flush()
    out = sys.stdout
    for test, reason in result.skipped:
        out.write('SKIP\t%s\t%s\n' % (_text(reason) or '(no reason)', _text(test.id())))
    unexpected = len(getattr(result, 'unexpectedSuccesses', ()))
    out.write('RESULT ran=%d failures=%d errors=%d skipped=%d expected_failures=%d\n' % (
        ran, len(result.failures) + unexpected, len(result.errors),
        len(result.skipped), len(getattr(result, 'expectedFailures', ()))))
    out.flush()
    if ran == 0:
        return 2
    return 0 if (result.wasSuccessful() and not unexpected) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
