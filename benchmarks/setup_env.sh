#!/usr/bin/env bash
# Creates the benchmark-only environments (never the package's requirements),
# outside the project tree, in $NLP_ZERO_BENCH_ENV (default ~/.cache/nlp-zero-bench):
#   original  CPython 3.8 with the original nlp-zero 0.1.6 from PyPI
#             (it imports only on CPython <= 3.9)
#   peers     CPython 3.11 with gensim (word2vec) and NumPy
#   fuzz      CPython 3.11 with hypothesis and atheris (benchmarks/fuzz_loaders.py)
#   jieba     CPython 3.11 with jieba (keywords: compare_keywords.py)
# Usage: bash benchmarks/setup_env.sh   (idempotent; prints the interpreters)
set -eu
cd "$(dirname "$0")"
PYENV_ROOT=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
WORK=${NLP_ZERO_BENCH_ENV:-$HOME/.cache/nlp-zero-bench}
mkdir -p "$WORK"
if [ ! -x "$WORK/original/bin/python" ]; then
  "$PYENV_ROOT/versions/3.8.18/bin/python" -m venv "$WORK/original"
  "$WORK/original/bin/pip" download -q --no-deps nlp-zero==0.1.6 -d "$WORK/dist"
  "$WORK/original/bin/pip" install -q "$WORK"/dist/nlp-zero-0.1.6.tar.gz
fi
if [ ! -x "$WORK/peers/bin/python" ]; then
  "$PYENV_ROOT/versions/3.11.7/bin/python" -m venv "$WORK/peers"
  "$WORK/peers/bin/pip" install -q gensim numpy
fi
if [ ! -x "$WORK/fuzz/bin/python" ]; then
  "$PYENV_ROOT/versions/3.11.7/bin/python" -m venv "$WORK/fuzz"
  "$WORK/fuzz/bin/pip" install -q hypothesis atheris
fi
if [ ! -x "$WORK/jieba/bin/python" ]; then
  "$PYENV_ROOT/versions/3.11.7/bin/python" -m venv "$WORK/jieba"
  "$WORK/jieba/bin/pip" install -q jieba
fi
echo "original nlp-zero: $WORK/original/bin/python"
echo "peers (gensim):    $WORK/peers/bin/python"
echo "fuzz (hypothesis): $WORK/fuzz/bin/python"
echo "jieba:             $WORK/jieba/bin/python"
