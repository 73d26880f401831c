# -*- coding: utf-8 -*-
"""Names of the original nlp-zero (2018), so its users can switch by upgrading.

``from nlp_zero import Word_Finder, Tokenizer, Trie, DAG, Template_Finder,
XTrie, Parser, SentTree`` keeps working, with the documented methods of the
original mapped onto the new classes.  New code should use the new names.
"""

# ---------------------------------------------------------------- words

# ---------------------------------------------------------------- templates
