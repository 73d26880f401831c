"""Structure: sentence templates, how they are found, indexed and used to
parse sentences into nested blocks."""

from .finder import TemplateFinder
from .index import TemplateIndex
from .parser import Parser
from .tree import ParseTree
from .templates import PLACEHOLDER, Template, TemplateSet

__all__ = ['Template', 'TemplateSet', 'PLACEHOLDER', 'TemplateFinder', 'TemplateIndex', 'Parser',
           'ParseTree']
