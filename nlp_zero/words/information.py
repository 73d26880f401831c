"""How much information a corpus carries per character under a lexicon.

The minimum-entropy principle says a good lexicon is the one that makes the
corpus cheapest to describe: if the text is cut into words with
probabilities ``p(w)``, the average information per character is
``L = H / l``, where ``H = -sum p(w) log p(w)`` is the entropy of a word and
``l = sum p(w) len(w)`` the mean word length.  Characters alone give the
baseline; a useful lexicon lowers ``L`` because its words are more
predictable, per character, than the characters they are made of.
"""

from __future__ import division

import math



def information_per_char(counts):
    """``(L, H, l)`` of a word -> count mapping, in nats.

    ``counts`` (a dict, a :class:`Lexicon` or (word, count) pairs) is the
    token count of each word in a segmentation of the corpus (for
    characters alone: each character's count).  Returns ``(0.0, 0.0, 0.0)``
    for an empty mapping.

    >>> L, H, l = information_per_char({u'ab': 2, u'c': 2})
    >>> round(l, 2), round(L, 3)   # mean length 1.5, entropy ln 2
    (1.5, 0.462)
    """
    total = 0
    weighted_length = 0
    entropy_sum = 0.0  # sum c log c
    log = math.log
    # a dict or Lexicon gives (word, count) items; anything else is pairs
    pairs = counts.items() if hasattr(counts, 'items') else counts
    for word, count in pairs:
        if count > 0:
            total += count
            weighted_length += count * len(word)
            entropy_sum += count * log(count)
    if not total:
        return 0.0, 0.0, 0.0
    entropy = log(total) - entropy_sum / total
    mean_length = weighted_length / total
    return entropy / mean_length, entropy, mean_length


def bits(nats):
    """Convert nats to bits (the unit people usually quote)."""
    return nats / math.log(2)
