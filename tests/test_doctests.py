"""The examples in the docstrings run as tests, on every interpreter."""

import doctest
import pkgutil
import unittest

import support  # noqa: F401 - puts the project first on sys.path

import nlp_zero


def package_modules():
    """Every module of the package, imported (the NumPy kernels only where
    NumPy is installed)."""
    modules = []
    for _, name, _ in pkgutil.walk_packages(nlp_zero.__path__, 'nlp_zero.'):
        if 'numpy' in name and support.numpy is None:
            continue
        if name.startswith('nlp_zero.spark'):
            continue  # needs pyspark: tested in its own environment
        modules.append(__import__(name, fromlist=['_']))
    return modules


def load_tests(loader, tests, pattern):
    for module in package_modules():
        try:
            tests.addTests(doctest.DocTestSuite(module))
        except ValueError:  # no docstring examples in this module (Python 2 raises)
            pass
    return tests


class DocTestsFound(unittest.TestCase):

    def test_some_examples_exist(self):
        finder = doctest.DocTestFinder()
        examples = sum(len(test.examples) for module in package_modules()
                       for test in finder.find(module))
        self.assertGreater(examples, 5)


if __name__ == '__main__':
    unittest.main()
