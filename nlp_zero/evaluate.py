"""Quality measures in one namespace: segmentation scores (from
:mod:`nlp_zero.words.scores`) and word-vector metrics (from
:mod:`nlp_zero.vectors.metrics`)."""

from .vectors.metrics import pearson, ranks, read_analogies, read_word_pairs, spearman
from .words.scores import SegmentationScores, segmentation_scores

__all__ = ['SegmentationScores', 'segmentation_scores', 'pearson', 'ranks', 'spearman',
           'read_word_pairs', 'read_analogies']
