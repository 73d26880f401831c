# -*- coding: utf-8 -*-
"""Quality measures, so that every claim about a model is one command away.

Segmentation: precision, recall and F1 over word spans (the SIGHAN bakeoff
definition).  Word vectors: Spearman/Pearson correlation with human
similarity judgements, and analogy accuracy (3CosAdd).
"""

from __future__ import division

# ---------------------------------------------------------------- segmentation

# ---------------------------------------------------------------- word vectors
