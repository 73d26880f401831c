"""The shape of the package: the rules a newcomer can rely on.

Stages depend only on the stages before them (text -> words -> structure ->
vectors), there is no import cycle, no private name is imported from
another package, NumPy is imported in one place, and modules and functions
stay short enough to read.
"""

import ast
import io
import os
import unittest

import support

PACKAGE = os.path.join(support.ROOT, 'nlp_zero')

#: Each stage and what it may import (besides the shared top-level modules).
STAGES = ['text', 'words', 'structure', 'vectors']
MAX_MODULE_LINES = 520
MAX_FUNCTION_LINES = 65


def modules():
    """``{dotted name: (path, ast)}`` of every module of the package."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, os.path.dirname(PACKAGE))[:-3].replace(os.sep, '.')
                if rel.endswith('.__init__'):
                    rel = rel[:-len('.__init__')]
                with io.open(path, 'rb') as f:  # bytes: Python 2 refuses unicode with a coding line
                    found[rel] = (path, ast.parse(f.read()))
    return found


def resolve(module, node):
    """The absolute module names an ImportFrom/Import node refers to, with
    the names it takes."""
    if isinstance(node, ast.Import):
        return [(alias.name, None) for alias in node.names]
    package = module.split('.') if is_package(module) else module.split('.')[:-1]
    if node.level:
        base = package[:len(package) - node.level + 1]
        target = '.'.join(base + ([node.module] if node.module else []))
    else:
        target = node.module
    return [(target, alias.name) for alias in node.names]


def is_package(module):
    return os.path.isdir(os.path.join(os.path.dirname(PACKAGE), *module.split('.')))


def imports(module, tree):
    """(target module, name) of every import anywhere in the module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.extend(resolve(module, node))
    return found


def stage(module):
    parts = module.split('.')
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


class LayoutTest(unittest.TestCase):

    def setUp(self):
        self.modules = modules()

    def test_stages_import_only_earlier_stages(self):
        for module, (path, tree) in self.modules.items():
            mine = stage(module)
            if mine is None:
                continue
            for target, _ in imports(module, tree):
                theirs = stage(target) if target.startswith('nlp_zero.') else None
                if theirs is not None:
                    self.assertLessEqual(STAGES.index(theirs), STAGES.index(mine),
                                         '%s imports %s' % (module, target))

    def test_no_private_name_crosses_a_package(self):
        shared = ('nlp_zero._compat', 'nlp_zero._files', 'nlp_zero._backend')
        for module, (path, tree) in self.modules.items():
            home = module if is_package(module) else module.rsplit('.', 1)[0]
            for target, name in imports(module, tree):
                if not target or not target.startswith('nlp_zero') or target in shared:
                    continue
                inside = target == home or target.startswith(home + '.')
                parts = target.split('.')[1:] + ([name] if name else [])
                if any(p.startswith('_') and not p.startswith('__') for p in parts):
                    self.assertTrue(inside, '%s imports %s from %s' % (module, name, target))

    def test_numpy_is_imported_in_one_place(self):
        for module, (path, tree) in self.modules.items():
            for target, _ in imports(module, tree):
                if target == 'numpy':
                    self.assertEqual(module, 'nlp_zero._backend')

    def test_no_import_cycle_between_modules_at_import_time(self):
        graph = {}
        for module, (path, tree) in self.modules.items():
            edges = set()
            for node in tree.body:  # module-level imports only
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    for target, name in resolve(module, node):
                        if target in self.modules and target != module:
                            full = '%s.%s' % (target, name)
                            edges.add(full if full in self.modules else target)
            graph[module] = edges
        done, active = set(), []

        def visit(node):
            if node in active:
                cycle = active[active.index(node):] + [node]
                # a package importing its own modules is not a cycle of concern
                if not all(n.startswith(cycle[0]) or cycle[0].startswith(n) for n in cycle):
                    self.fail('import cycle: ' + ' -> '.join(cycle))
                return
            if node in done:
                return
            active.append(node)
            for target in graph.get(node, ()):
                visit(target)
            active.pop()
            done.add(node)

        for module in sorted(graph):
            visit(module)

    def test_non_ascii_sources_declare_their_encoding(self):
        # Python 2 refuses a source with non-ASCII bytes and no coding line
        for module, (path, tree) in self.modules.items():
            with io.open(path, 'rb') as f:
                data = f.read()
            if any(byte > 127 for byte in bytearray(data)):
                self.assertIn(b'coding: utf-8', data[:200], path)

    def test_modules_and_functions_stay_short(self):
        for module, (path, tree) in self.modules.items():
            with io.open(path, 'rb') as f:
                lines = f.read().count(b'\n')
            if module.endswith('.marks'):
                continue  # generated data
            self.assertLessEqual(lines, MAX_MODULE_LINES, '%s has %d lines' % (module, lines))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef,)):
                    end = max(getattr(n, 'lineno', node.lineno) for n in ast.walk(node))
                    self.assertLessEqual(end - node.lineno, MAX_FUNCTION_LINES,
                                         '%s.%s has %d lines' % (module, node.name,
                                                                 end - node.lineno))


class OldPathsTest(unittest.TestCase):
    """The module paths of nlp-zero 0.2 (one flat package) keep working."""

    def test_old_module_paths_import(self):
        import importlib
        names = {
            'corpus': ['Corpus', 'as_corpus', 'fragments', 'compile_word_pattern',
                       'WORD_PATTERN'],
            'lexicon': ['Lexicon'], 'tokenizer': ['Tokenizer', 'ALNUM_CHARS'],
            'information': ['information_per_char', 'bits'],
            'discovery': ['WordDiscovery', 'discover_words', 'new_words', 'normalize_text',
                          'NUMBER', 'LATIN', 'DEFAULT_THRESHOLDS'],
            'templates': ['Template', 'TemplateSet', 'PLACEHOLDER'],
            'template_finder': ['TemplateFinder'], 'template_index': ['TemplateIndex'],
            'parser': ['Parser', 'ParseTree'],
            'cooccurrence': ['Cooccurrence', 'count_words', 'build_vocabulary'],
            'glove': ['SimplerGlove', 'suggest_dimension', 'weight_function'],
            'vectors': ['WordVectors', 'WordPairsResult', 'AnalogyResult', 'cholesky'],
            'evaluate': ['segmentation_scores', 'SegmentationScores', 'pearson', 'spearman',
                         'ranks', 'read_word_pairs', 'read_analogies'],
        }
        for module, expected in names.items():
            loaded = importlib.import_module('nlp_zero.' + module)
            for name in expected:
                self.assertTrue(hasattr(loaded, name), 'nlp_zero.%s.%s' % (module, name))



class BackendEnvironmentTest(unittest.TestCase):
    """CI runs the suite with and without NumPy and says which it means:
    a run that meant one and got the other would test nothing."""

    def test_numpy_is_there_exactly_when_ci_says_so(self):
        wanted = os.environ.get('NLP_ZERO_REQUIRE_NUMPY')
        if wanted is None:
            self.skipTest('NLP_ZERO_REQUIRE_NUMPY is not set (not a CI run)')
        self.assertEqual(support.numpy is not None, wanted == '1')


if __name__ == '__main__':
    unittest.main()
