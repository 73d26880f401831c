"""The counting layer under every counting stage.

A counting stage is a *map* (a batch of lines -> a local count table, in
this process, in worker processes or on Spark executors) and an associative
*merge* of the local tables.  This package holds what the stages share:

* :mod:`.workers`: worker processes that map batches, with the results
  taken back in the order of the corpus (so the totals never depend on the
  number of workers);
* :mod:`.spill`: exact counts of integer keys in bounded memory (sorted runs
  on disk, merged back by streaming, as GloVe's ``cooccur`` does);
* :mod:`.sorted_table`: the merged counts as two compact sorted arrays;
* :mod:`.memory`: memory budgets (``'500M'``) and the default one;
* :mod:`.apart`: counting in a child process whose memory leaves with it
  (what ``nlp-zero vectors`` does under PyPy).
"""

from .memory import default_memory, parse_size
from .sorted_table import SortedTable
from .spill import SpillCounter

__all__ = ['SpillCounter', 'SortedTable', 'parse_size', 'default_memory']
