# -*- coding: utf-8 -*-
"""The first cut: which n-grams are kept together.

An n-gram is kept (the gaps it spans are not cut) when its pointwise
mutual information is above the threshold of its order for every way to
cut it in two.  Its own count enters by a lower confidence bound: the PMI
of a rare n-gram is an overestimate (its count is the top of the noise),
and that, not a larger threshold, is what guards small corpora against
chance pairs.  The pairs above ``min_pmi`` are also candidate words, with
their counts, because a pair that never stands alone (制度 inside 人事制度)
may be the real word.
"""

from __future__ import division

import math

from ..._compat import iteritems, itervalues, range

__all__ = ['cohesive_grams']


def cohesive_grams(grams, thresholds, min_pmi, confidence=1.0, floor=None):
    """``({n: set of n-grams kept}, {pair: count})``: the n-grams kept
    together by order, and the pair candidates.

    ``grams``: ``{1: {char: count}, 2: {pair: count}, ...}`` (the n-grams
    of each order seen ``min_count`` times); ``thresholds``: the PMI an
    n-gram must exceed by order (the largest order's for higher ones);
    ``min_pmi``: the bar of the pair candidates; ``floor``: n-grams seen at
    most this often are never kept (None: no floor).
    """
    log, sqrt = math.log, math.sqrt
    log_total = log(sum(itervalues(grams[1])))
    glog = dict((n, dict((g, log(c)) for g, c in iteritems(grams[n]))) for n in grams)
    log_floor = log(floor) if floor is not None else None
    z = confidence
    kept = {}
    pair_candidates = {}
    for n in range(2, max(grams) + 1):
        threshold = thresholds.get(n, thresholds[max(thresholds)])
        found = set()
        lower = glog[n - 1]
        for gram, count in iteritems(grams[n]):
            if log_floor is not None and glog[n][gram] <= log_floor:
                continue
            sure = log(max(count - z * sqrt(count), 0.5)) + log_total
            if n == 2:
                score = sure - lower[gram[0]] - lower[gram[1]]
                if score > min_pmi:
                    pair_candidates[gram] = count
            else:
                # a part pruned from its table is at least as frequent as the whole
                own = glog[n][gram]
                score = min(sure - glog[i].get(gram[:i], own) - glog[n - i].get(gram[i:], own)
                            for i in range(1, n))
            if score > threshold:
                found.add(gram)
        kept[n] = found
    return kept, pair_candidates
