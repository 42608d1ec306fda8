"""Fact rules: typed metric, ranking, share, milestone and focus facts from a document's mentions, rules as data."""

from beihu_extract.rules.document import FactInput
from beihu_extract.rules.engine import FactOutput, apply_rules, check_rules, extract_facts

__all__ = ["FactInput", "FactOutput", "apply_rules", "check_rules", "extract_facts"]
