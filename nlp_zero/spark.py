# -*- coding: utf-8 -*-
"""Apache Spark as the counting engine, for corpora beyond one machine.

An optional extra (``pip install nlp-zero[spark]``, i.e. pyspark; Java 17):
nothing else in nlp-zero imports this module.  Its functions take a
``SparkSession`` (or ``SparkContext``) and text paths that Spark reads
(local folders, HDFS, S3, a glob) or an RDD of lines, run the *map* of a
counting stage on the executors and the associative merge with
``reduceByKey``, and return the same objects as the local API::

    from nlp_zero import spark as nz_spark
    session = nz_spark.session('local[2]')          # or spark://host:7077, yarn
    table = nz_spark.cooccurrence(session, 'hdfs:///corpus/*.txt.gz', window=10)
    table.save('table.txt')                          # train locally: nlp-zero vectors --from-counts
    nz_spark.tokenize(session, 'hdfs:///corpus', 'lexicon.tsv', 'hdfs:///tokens')
    lexicon = nz_spark.discover(session, 'hdfs:///corpus/*.txt.gz')   # exact counts
    templates = nz_spark.templates(session, 'hdfs:///corpus', lexicon)

The maps are the very code of the local engine (:class:`PairMapper`,
:class:`~nlp_zero.words.discovery.mapping.DiscoveryMap`,
:class:`~nlp_zero.structure.mapping.TemplateMap`,
:class:`~nlp_zero.words.tokenized.TokenizeWork`), so the results are those
of the local engine over the same lines; Spark's tables are never pruned,
so discovery and templates match the local engine's exact counts
(``discover --exact``; templates whose tables stay under ``max_pairs``
and ``max_templates``).  Lines are read as the local :class:`~nlp_zero.text.corpus.Corpus` reads them: a
``\\r`` before the line end and a byte-order mark at a line start are
dropped, and lines longer than ``max_line_chars`` are cut at whitespace
(Spark also ends a line at a lone ``\\r``, which the local reader keeps).
"""

from __future__ import absolute_import

from array import array
from collections import Counter
from operator import add

from ._compat import INT64, array_bytes, array_extend_bytes, string_types
from .counting.memory import parse_size
from .counting.sorted_table import SortedTable
from .counting.spill import SpillCounter, add_counts
from .text.decoders import cut_line
from .vectors import _cooccurrence_python
from .vectors.cooccurrence import Cooccurrence
from .vectors.vocabulary import build_vocabulary

__all__ = ['session', 'text_lines', 'cooccurrence', 'tokenize', 'discover', 'discover_with',
           'templates', 'templates_with']

#: The line bound of the local command line, so that both read the same lines.
DEFAULT_MAX_LINE_CHARS = 1000000

#: Pairs per partition of the sorted table sent back to the driver.
_PAIRS_PER_PART = 1 << 20


def session(master='local[2]', app_name='nlp-zero', quiet=False):
    """A SparkSession on ``master`` (imports pyspark; a clear error without
    it); ``quiet`` hides Spark's progress bars and keeps its log to errors."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        from .errors import NlpZeroError
        raise NlpZeroError('the Spark engine needs pyspark: pip install "nlp-zero[spark]" '
                           '(and Java 17)')
    builder = SparkSession.builder.master(master).appName(app_name)
    if quiet:
        builder = builder.config('spark.ui.showConsoleProgress', 'false')
    spark = builder.getOrCreate()
    if quiet:
        spark.sparkContext.setLogLevel('ERROR')
    return spark


def _context(spark):
    return getattr(spark, 'sparkContext', spark)


def text_lines(spark, source, max_line_chars=DEFAULT_MAX_LINE_CHARS):
    """An RDD of the text lines of ``source`` (a path, a list of paths, or an
    RDD of lines), read as the local Corpus reads them."""
    if hasattr(source, 'mapPartitions'):
        lines = source
    else:
        paths = [source] if isinstance(source, string_types) else list(source)
        lines = _context(spark).textFile(','.join(paths))
    return lines.flatMap(_LineCleaner(max_line_chars))


class _LineCleaner(object):
    """What the local reader does to a line (a picklable callable)."""

    def __init__(self, bound):
        self.bound = bound

    def __call__(self, line):
        if line.endswith(u'\r'):
            line = line[:-1]
        if line.startswith(u'\ufeff'):
            line = line[1:]
        if self.bound and len(line) > self.bound:
            return cut_line(line, self.bound)
        return [line]


def _token_lines(spark, source, lexicon, max_line_chars):
    lines = text_lines(spark, source, max_line_chars)
    if lexicon is None:
        return lines
    from .words.lexicon import Lexicon
    from .words.tokenizer import Tokenizer
    lexicon = Lexicon.load(lexicon) if isinstance(lexicon, string_types) else lexicon
    tokenizer = _context(spark).broadcast(Tokenizer(lexicon))
    return lines.mapPartitions(lambda part: iter(tokenizer.value.corpus(part, words_only=True)))


def cooccurrence(spark, source, min_count=5, max_vocab=None, window=10,
                 distance_weighting=False, lexicon=None, max_line_chars=DEFAULT_MAX_LINE_CHARS,
                 memory='1G'):
    """Count the window co-occurrences of ``source`` on Spark: a
    :class:`~nlp_zero.vectors.cooccurrence.Cooccurrence`, the same table as
    the local engine's.  With ``lexicon`` (a Lexicon or a path) raw text is
    tokenized on the executors first (punctuation tokens left out).  Each
    task counts its partition within ``memory`` (spilling to the executor's
    temporary folder past it)."""
    memory = parse_size(memory)
    lines = _token_lines(spark, source, lexicon, max_line_chars).cache()
    try:
        counts = dict(lines.mapPartitions(_count_tokens).reduceByKey(add)
                      .filter(lambda item: item[1] >= min_count).collect())
        vocabulary = build_vocabulary(counts, min_count, max_vocab)
        words = _context(spark).broadcast([w for w, _ in vocabulary])
        mapped = lines.mapPartitions(lambda part: _count_pairs(part, words.value, window,
                                                               distance_weighting, memory))
        reduced = mapped.reduceByKey(add).cache()
        unigrams = dict(reduced.filter(lambda item: item[0] < 0).collect())
        pairs = reduced.filter(lambda item: item[0] >= 0)
        # sorted in parts of about a million pairs, brought back one part at a
        # time (16 MB each): the driver never holds the table twice
        parts = max(_context(spark).defaultParallelism, pairs.count() // _PAIRS_PER_PART + 1)
        packed = (pairs.sortByKey(numPartitions=parts)
                  .mapPartitions(lambda part: _pack(part, distance_weighting)).toLocalIterator())
        table_pairs = _unpack(packed, distance_weighting)
    finally:
        lines.unpersist()
    table = Cooccurrence([(w, 0) for w, _ in vocabulary], window, distance_weighting)
    for key, count in unigrams.items():
        table.counts[-key - 1] = count
    table.tokens = sum(table.counts)
    table.pairs = table_pairs
    return table


def _count_tokens(lines):
    counts = Counter()
    for line in lines:
        counts.update(line.split() if isinstance(line, string_types) else line)
    return iter(counts.items())


def _count_pairs(lines, words, window, weighted, memory):
    """The map of co-occurrence counting on one partition: ``(key, count)``
    of its pairs, and ``(-id - 1, count)`` of its word counts."""
    mapper = _cooccurrence_python.PairMapper(words, window, weighted)
    pairs, unigrams = SpillCounter(memory, weighted=weighted), {}
    for batch in _cooccurrence_python.line_batches(lines):
        parts, counts = mapper.count(batch)
        for keys, values in parts:
            pairs.add_items(keys, values)
        add_counts(unigrams, counts)
    for item in pairs.result().items():
        yield item
    for word, count in unigrams.items():
        yield -word - 1, count


def _pack(items, weighted):
    """One partition's sorted pairs as two byte strings (compact to collect)."""
    keys, values = array(INT64), array('d' if weighted else INT64)
    for key, value in items:
        keys.append(key)
        values.append(value)
    yield array_bytes(keys), array_bytes(values)


def _unpack(packed, weighted):
    keys, values = array(INT64), array('d' if weighted else INT64)
    for key_bytes, value_bytes in packed:
        array_extend_bytes(keys, key_bytes)
        array_extend_bytes(values, value_bytes)
    return SortedTable(keys, values)


def tokenize(spark, source, lexicon, output, max_line_chars=None, keep_alnum=True):
    """Tokenize ``source`` with ``lexicon`` (a Lexicon or a path) on Spark
    and write the tokens, space-separated, one output line per input line,
    to the folder ``output`` (Spark's text output: part files, in the order
    of the input), as ``nlp-zero tokenize`` writes them.  Long lines are not
    cut unless ``max_line_chars`` is given."""
    from .words.lexicon import Lexicon
    from .words.tokenized import TokenizeWork
    lexicon = Lexicon.load(lexicon) if isinstance(lexicon, string_types) else lexicon
    work = _context(spark).broadcast(TokenizeWork(lexicon.counts(), keep_alnum=keep_alnum))
    lines = text_lines(spark, source, max_line_chars)
    lines.map(lambda line: work.value.lines([line])[0]).saveAsTextFile(output)


def _spread(spark, lines):
    """``lines`` in at least as many partitions as Spark has cores (a
    gzipped file is read as one partition); only for stages whose totals do
    not depend on how the lines are split."""
    parallelism = _context(spark).defaultParallelism
    if lines.getNumPartitions() < parallelism:
        lines = lines.repartition(parallelism)
    return lines


#: Items brought back to the driver at a time.
_CHUNK = 1 << 16


def discover(spark, source, memory='1G', tmp_dir=None, max_line_chars=DEFAULT_MAX_LINE_CHARS,
             progress=None, task_memory='512M', **options):
    """Word discovery on Spark: the :class:`~nlp_zero.words.lexicon.Lexicon`
    of ``WordDiscovery(max_entries=None, **options)`` over the same lines
    (exact counting: pruning depends on the order of the text, the exact
    totals do not).  The driver merges the n-gram tables within ``memory``
    (spilling to ``tmp_dir`` past it); each task counts its partition within
    ``task_memory`` (spilling to the executor's temporary folder)."""
    from .words.discovery import WordDiscovery
    if options.pop('max_entries', None):
        raise ValueError('discovery on Spark counts exactly: max_entries (pruning) is for '
                         'one process')
    finder = WordDiscovery(max_entries=None, memory=parse_size(memory), tmp_dir=tmp_dir,
                           progress=progress, **options)
    return discover_with(spark, source, finder, max_line_chars, task_memory)


def discover_with(spark, source, finder, max_line_chars=DEFAULT_MAX_LINE_CHARS,
                  task_memory='512M'):
    """Run the counting of ``finder`` (a WordDiscovery with exact tables,
    ``max_entries=None``, and a ``memory`` budget) on Spark and return its
    lexicon; the finder is left as after ``train`` and ``find``.  The
    executors count the n-grams of their partitions, then, with the
    cohesive n-grams broadcast, cut them and count the characters left alone
    (the second cut), then the pieces."""
    from .words.discovery.mapping import DiscoveryMap
    from .words.discovery.tables import KeepPiece
    if finder.max_entries or not finder.memory:
        raise ValueError('discovery on Spark needs exact tables (max_entries=None) with a '
                         'memory budget')
    mapper = DiscoveryMap(finder.work.options(), parse_size(task_memory))
    context = _context(spark)
    lines = _spread(spark, text_lines(spark, source, max_line_chars)).cache()
    try:
        grams = lines.mapPartitions(mapper.gram_counts).reduceByKey(add)
        for n, keys, counts in _gram_chunks(grams.toLocalIterator()):
            finder.add_gram_counts(n, keys, counts)

        def count_pieces(kept, floor):
            shared = context.broadcast(dict((n, list(packed)) for n, packed in kept.items()))
            pieces = (lines.mapPartitions(lambda part: mapper.piece_counts(part, shared.value))
                      .reduceByKey(add).filter(KeepPiece(floor)).collect())
            shared.unpersist()
            return Counter(dict(sorted(pieces)))  # (in the order of the local table)

        def count_alone(kept):
            from .words.discovery.singles import SingleCounts
            shared = context.broadcast((dict((n, list(packed)) for n, packed in kept.items()),
                                        finder.eligible))
            items = (lines.mapPartitions(
                lambda part: mapper.alone_counts(part, shared.value[0], shared.value[1]))
                .reduceByKey(add).collect())
            shared.unpersist()
            return SingleCounts.from_items(sorted(items))
        return finder.find_with(count_pieces, count_alone=count_alone)
    finally:
        lines.unpersist()


def _gram_chunks(items):
    """``(n, keys, counts)`` lists of at most ``_CHUNK`` n-grams of one order."""
    parts = {}
    for (n, key), count in items:
        part = parts.get(n)
        if part is None:
            part = parts[n] = ([], [])
        part[0].append(key)
        part[1].append(count)
        if len(part[0]) >= _CHUNK:
            yield n, part[0], part[1]
            del parts[n]
    for n, (keys, counts) in parts.items():
        yield n, keys, counts


def templates(spark, source, lexicon, max_line_chars=DEFAULT_MAX_LINE_CHARS, progress=None,
              **options):
    """Template discovery on Spark: the
    :class:`~nlp_zero.structure.templates.TemplateSet` of
    ``TemplateFinder(Tokenizer(lexicon).tokenize, **options).fit`` over the
    same lines, ``lexicon`` a Lexicon or a path.  Spark's tables are exact:
    the same templates as the local engine wherever its tables are not
    pruned (``max_pairs``, ``max_templates``)."""
    from .structure.finder import TemplateFinder
    from .words.lexicon import Lexicon
    from .words.tokenizer import Tokenizer
    lexicon = Lexicon.load(lexicon) if isinstance(lexicon, string_types) else lexicon
    finder = TemplateFinder(Tokenizer(lexicon).tokenize, progress=progress, **options)
    return templates_with(spark, source, finder, max_line_chars)


def templates_with(spark, source, finder, max_line_chars=DEFAULT_MAX_LINE_CHARS):
    """Run both passes of the TemplateFinder ``finder`` on Spark (its
    ``tokenize`` is sent to the executors: a picklable callable such as a
    Tokenizer's ``tokenize``); returns the kept templates.  The finder then
    holds the word counts, the totals, the strong pairs and the counts of
    the kept templates."""
    from .structure.mapping import line_batches, pair_counts
    context = _context(spark)
    mapper = context.broadcast(finder._mapper())
    words = _spread(spark, text_lines(spark, source, max_line_chars)).mapPartitions(
        lambda part: mapper.value.fragment_words(part)).cache()
    try:
        window = finder.window
        counted = words.mapPartitions(
            lambda part: _records(pair_counts(batch, window) for batch in line_batches(part))
        ).reduceByKey(add).cache()
        totals = dict((key[1], count) for key, count in
                      counted.filter(lambda item: item[0][0] == 0).collect())
        word_counts = Counter(dict((key[1], count) for key, count in
                                   counted.filter(lambda item: item[0][0] == 1).collect()))
        finder.merge_pairs((word_counts, Counter(), totals.get(0, 0), totals.get(1, 0),
                            totals.get(2, 0)))
        if not finder.word_total:
            from .errors import CorpusError
            raise CorpusError('no text to find templates in: the corpus has no words (it '
                              'is empty, or only punctuation and spaces)')
        test = context.broadcast(finder.strong_test())
        finder.use_strong_pairs(counted.filter(lambda item: item[0][0] == 2)
                                .map(lambda item: (item[0][1], item[1]))
                                .filter(lambda item: test.value(item)).keys().collect())
        counted.unpersist()
        walker = finder._mapper()
        walker.set_strong(finder.strong_pairs())
        walker = context.broadcast(walker)
        found = words.mapPartitions(lambda part: _template_records(walker.value, part)).cache()
        stats = found.filter(lambda item: item[0][0] == 0).map(
            lambda item: (item[0][1], item[1])).collect()
        summed = Counter()
        for name, value in stats:
            summed[name] = max(summed[name], value) if name == 4 else summed[name] + value
        total = summed[1]
        floor = max(finder.min_proba * total, finder.min_count - 0.5)
        kept = (found.filter(lambda item: item[0][0] == 1).reduceByKey(add)
                .filter(lambda item: item[1] > floor).map(lambda item: (item[0][1], item[1]))
                .collect())
        found.unpersist()
        finder.merge_templates((Counter(dict(kept)), total, summed[2], summed[3], summed[4]))
    finally:
        words.unpersist()
    return finder.kept_templates()


def _records(results):
    """Pass 1 results as ``((0, total number), n)``, ``((1, word), n)`` and
    ``((2, pair), n)`` records."""
    for words, pairs, n_words, n_pairs, n_fragments in results:
        for number, value in enumerate((n_words, n_pairs, n_fragments)):
            yield (0, number), value
        for word, count in words.items():
            yield (1, word), count
        for pair, count in pairs.items():
            yield (2, pair), count


def _template_records(walker, fragments):
    """Pass 2 of a partition: ``((1, template items), n)`` records, and
    ``((0, i), value)`` for the i-th number of each batch's result."""
    from .structure.mapping import line_batches
    for batch in line_batches(fragments):
        counts, total, done, truncated, most_steps = walker.count_templates(batch)
        for number, value in enumerate((total, done, truncated, most_steps)):
            yield (0, number + 1), value
        for items, count in counts.items():
            yield (1, items), count
