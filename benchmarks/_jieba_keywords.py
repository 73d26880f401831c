"""Helper of compare_keywords.py, run with the benchmark interpreter that has jieba.

    python _jieba_keywords.py IN.json OUT.json

IN.json: {"documents": [...], "topk": K, "dictionary": PATH, "idf": PATH}.
OUT.json: for each document, the keywords of jieba.analyse.extract_tags and
jieba.analyse.textrank with jieba's own dictionary and IDF table, and of
extract_tags with nlp-zero's dictionary and IDF table (exported by
nlp_zero.export_jieba and TfIdf.save, jieba's formats).
"""

import io
import json
import logging
import sys

import jieba
import jieba.analyse


def main():
    jieba.setLogLevel(logging.WARNING)
    with io.open(sys.argv[1], encoding='utf-8') as f:
        job = json.load(f)
    k = job['topk']
    theirs = jieba.analyse.TFIDF(idf_path=job['idf'])
    theirs.tokenizer = jieba.Tokenizer(dictionary=job['dictionary'])
    result = []
    for doc in job['documents']:
        result.append({
            'tfidf': jieba.analyse.extract_tags(doc, topK=k),
            'textrank': jieba.analyse.textrank(doc, topK=k),
            'tfidf_nlp_zero_tables': theirs.extract_tags(doc, topK=k),
        })
    with io.open(sys.argv[2], 'w', encoding='utf-8') as f:
        f.write(json.dumps({'version': jieba.__version__, 'keywords': result},
                           ensure_ascii=False))


if __name__ == '__main__':
    main()
