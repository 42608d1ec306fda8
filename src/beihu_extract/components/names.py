"""The `beihu_names` spaCy component: gazetteer names and suffix-rule names on the character level."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from beihu_extract.names import (
    NameMatch,
    TokenLike,
    crosses_a_word,
    find_gazetteer_names,
    find_rule_names,
    gazetteer_index,
    industries_in_use,
    inside_a_word,
    load_name_rules,
)
from beihu_extract.schema import EntityType
from beihu_extract.view import NAMES_KEY

__all__ = ["NAMES_KEY", "NameFinder"]


class NameFinder:
    """Finds gazetteer names and rule names in a doc, as SpanRuler does: `__call__` = match + set_annotations.

    SudachiPy's split mode C can hide a name boundary inside a token, so matching runs on the
    characters; the exact matches go to `doc.user_data["beihu_names"]`, and token-aligned copies
    (expanded to token boundaries) to `doc.spans["beihu_gazetteer"]` and `doc.spans["beihu_rules"]`
    for display.
    """

    def __init__(self, nlp: Language, name: str = "beihu_names", *, lang: str) -> None:
        self.name = name
        self.lang = lang
        self.index = gazetteer_index(lang)
        self.rules = load_name_rules(lang)
        self.industries = tuple(
            name for name, entry in self.index.names.items() if entry.type is EntityType.INDUSTRY and len(name) > 1
        )

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[NameMatch]:
        """Gazetteer and rule matches of `doc`, overlapping freely; merging happens later in one place."""
        text = doc.text
        tokens = [TokenLike(t.idx, t.idx + len(t.text), t.text, t.pos_, t.tag_) for t in doc]
        gazetteer = find_gazetteer_names(text, self.index)
        whole = self.rules.gazetteer_within_words
        gazetteer = [m for m in gazetteer if m.type not in whole or not crosses_a_word(m, tokens)]
        apart = self.rules.gazetteer_whole_words
        gazetteer = [m for m in gazetteer if m.type not in apart or not inside_a_word(m, tokens)]
        sectors = industries_in_use(text, gazetteer, self.rules)
        found = [m for m in gazetteer if m.type is not EntityType.INDUSTRY or (m.start, m.end) in sectors]
        found += [m for m in find_rule_names(text, tokens, self.rules) if not self._ends_in_industry(text, m)]
        return found

    def _ends_in_industry(self, text: str, match: NameMatch) -> bool:
        """合肥新能源汽车 or 量子科技 ends in a sector name, so its last word is no company suffix."""
        if match.type is EntityType.INDUSTRY:
            return False
        name = text[match.start : match.end]
        return any(name.endswith(industry) for industry in self.industries)

    def set_annotations(self, doc: Doc, matches: list[NameMatch]) -> None:
        doc.user_data[NAMES_KEY] = matches
        groups: dict[str, list] = {"beihu_gazetteer": [], "beihu_rules": []}
        for m in matches:
            span = doc.char_span(m.start, m.end, label=m.type.value, kb_id=m.key or "", alignment_mode="expand")
            if span is not None:
                groups["beihu_gazetteer" if m.rule.startswith("gazetteer:") else "beihu_rules"].append(span)
        for name, spans in groups.items():
            doc.spans[name] = SpanGroup(doc, name=name, spans=spans)


@Language.factory("beihu_names", default_config={"lang": "ja"})
def make_name_finder(nlp: Language, name: str, lang: str) -> NameFinder:
    """Factory of the `beihu_names` component (`nlp.add_pipe("beihu_names", config={"lang": "ja"})`)."""
    return NameFinder(nlp, name, lang=lang)
