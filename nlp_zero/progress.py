"""Progress lines and log messages for long work.

Messages (a pruned count table, a spilled run, an epoch's loss) go to the
standard ``logging`` logger ``'nlp_zero'`` at level INFO: the library never
prints them itself; an application shows them by configuring logging, and
the command line does (:class:`StderrHandler`, silenced by ``--quiet``).

The transient progress line (percentage, rate, ETA) is drawn on stderr by a
:class:`Progress` reporter that a caller passes to a stage, and only when
stderr is a terminal.  Stages accept ``None`` instead of a reporter.
"""

import logging
import sys

from ._compat import clock, stderr_write

#: The logger of the library (a NullHandler: silent until configured).
logger = logging.getLogger('nlp_zero')
logger.addHandler(logging.NullHandler())

#: Reporters whose progress line is on the screen (cleared before a message).
_DRAWN = []


def _human_bytes(n):
    for unit in ('B', 'kB', 'MB', 'GB'):
        if n < 1000 or unit == 'GB':
            return ('%d %s' % (n, unit)) if unit == 'B' else ('%.1f %s' % (n, unit))
        n /= 1000.0


def _human_time(seconds):
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return '%ds' % seconds
    if seconds < 3600:
        return '%dm%02ds' % divmod(seconds, 60)
    hours, rest = divmod(seconds, 3600)
    return '%dh%02dm' % (hours, rest // 60)


class Progress(object):
    """Reports how far a pass over a corpus (or any counted work) has got.

    Parameters
    ----------
    label : str
        What is being done ("counting", "epoch 3").
    quiet : bool
        Say nothing at all.
    stream : file
        Where to write (default ``sys.stderr``).
    unit : str
        ``'bytes'`` (shown as MB and MB/s) or a word such as ``'pairs'``.
    interval : float
        Seconds between two redraws of the progress line.
    """

    def __init__(self, label='', quiet=False, stream=None, unit='bytes', interval=0.5):
        self.label = label
        self.quiet = quiet
        self.stream = stream
        self.unit = unit
        self.interval = interval
        self.total = None
        self._start = self._last = clock()
        self._drawn = False

    @property
    def _out(self):
        return self.stream if self.stream is not None else sys.stderr

    @property
    def live(self):
        """True when a transient progress line can be drawn (a terminal)."""
        out = self._out
        return not self.quiet and hasattr(out, 'isatty') and out.isatty()

    def start(self, total=None, label=None, elapsed=0.0):
        """Begin a pass: reset the clock for rates and ETA.

        ``total`` is the amount of work expected (in ``unit``), or None when
        it is unknown (no percentage then); ``label`` replaces the label;
        ``elapsed`` is the time already spent on the work counted in the
        ``done`` of :meth:`update` (a run of several passes: one rate, one
        ETA for the whole).
        """
        if label is not None:
            self.label = label
        self.total = total
        self._last = clock()
        self._start = self._last - elapsed

    def update(self, done):
        """Redraw the progress line for ``done`` units of work so far.

        Cheap enough to call often: it draws at most once per ``interval``
        and only on a terminal.
        """
        now = clock()
        if now - self._last < self.interval or not self.live:
            return
        self._last = now
        self._draw(done, now)

    def _draw(self, done, now):
        elapsed = max(now - self._start, 1e-9)
        rate = done / elapsed
        if self.unit == 'bytes':
            text = '%s  %s  %s/s' % (self.label, _human_bytes(done), _human_bytes(rate))
        else:
            text = '%s  %d %s  %.0f %s/s' % (self.label, done, self.unit, rate, self.unit)
        if self.total:
            fraction = min(done / float(self.total), 1.0)
            text += '  %3.0f%%' % (100 * fraction)
            if rate > 0 and fraction < 1:
                text += '  ETA %s' % _human_time((self.total - done) / rate)
        self._write('\r' + text[:110].ljust(80))
        self._drawn = True
        if self not in _DRAWN:
            _DRAWN.append(self)

    def finish(self, done=None):
        """End a pass: erase the progress line, so that the next output
        starts on a clean line (``done`` is accepted for symmetry)."""
        self._clear()

    def _clear(self):
        if self._drawn:
            self._write('\r' + ' ' * 80 + '\r')
            self._drawn = False
            if self in _DRAWN:
                _DRAWN.remove(self)

    def log(self, message):
        """Log one message (to the ``'nlp_zero'`` logger; not when quiet)."""
        if not self.quiet:
            logger.info(message)

    def _write(self, text):
        out = self._out
        if out is sys.stderr:
            stderr_write(text)
        else:
            out.write(text)
            out.flush()


def log(progress, message):
    """Log ``message`` to the ``'nlp_zero'`` logger (through ``progress``,
    which a quiet reporter silences, when one is given)."""
    if progress is not None:
        progress.log(message)
    else:
        logger.info(message)


class StderrHandler(logging.Handler):
    """Shows each message on stderr on a line of its own, after erasing the
    progress line (what the command line installs)."""

    def emit(self, record):
        try:
            for progress in list(_DRAWN):
                progress._clear()
            stderr_write(self.format(record) + '\n')
        except Exception:  # noqa: BLE001 - logging must never break the work
            self.handleError(record)
