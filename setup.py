# -*- coding: utf-8 -*-
"""Packaging for nlp-zero: pure Python, no runtime dependencies."""

import io
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def read(*parts):
    with io.open(os.path.join(HERE, *parts), encoding='utf-8') as f:
        return f.read()


VERSION = re.search(r"^__version__ = '([^']+)'", read('nlp_zero', '__init__.py'), re.M).group(1)

setup(
    name='nlp-zero',
    version=VERSION,
    description='Unsupervised NLP from raw text: minimum-entropy word discovery, '
                'tokenization, sentence templates and word vectors, in pure Python',
    long_description=read('README.md'),
    long_description_content_type='text/markdown',
    author='nlp-zero authors',
    license='MIT',
    packages=find_packages(include=['nlp_zero', 'nlp_zero.*']),
    package_data={'nlp_zero': ['data/*']},
    include_package_data=True,
    zip_safe=False,
    python_requires='>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*',
    install_requires=[],
    extras_require={'numpy': ['numpy'], 'spark': ['pyspark']},
    entry_points={'console_scripts': ['nlp-zero = nlp_zero.cli:main']},
    classifiers=[
        'Development Status :: 4 - Beta',
        'Intended Audience :: Science/Research',
        'Intended Audience :: Developers',
        'License :: OSI Approved :: MIT License',
        'Natural Language :: Chinese (Simplified)',
        'Natural Language :: English',
        'Operating System :: OS Independent',
        'Programming Language :: Python :: 2',
        'Programming Language :: Python :: 2.7',
        'Programming Language :: Python :: 3',
        'Programming Language :: Python :: 3.6',
        'Programming Language :: Python :: 3.7',
        'Programming Language :: Python :: 3.8',
        'Programming Language :: Python :: 3.9',
        'Programming Language :: Python :: 3.10',
        'Programming Language :: Python :: 3.11',
        'Programming Language :: Python :: 3.12',
        'Programming Language :: Python :: 3.13',
        'Programming Language :: Python :: Implementation :: CPython',
        'Programming Language :: Python :: Implementation :: PyPy',
        'Topic :: Text Processing :: Linguistic',
        'Topic :: Scientific/Engineering :: Artificial Intelligence',
    ],
)
