"""Reports of an evaluation: rich tables on the terminal, a JSON file, and self-contained HTML pages."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from beihu_extract.evaluate.diagnostics import Diagnosis, FactError, MentionError, diagnose
from beihu_extract.evaluate.matching import FACT_SLOTS, LAYERS, FactView
from beihu_extract.evaluate.scoring import METADATA_FIELDS, Counts, DocumentResult, EvalResult, Scores
from beihu_extract.schema import Entity, Quantity, Record, Timex

__all__ = [
    "print_report",
    "render_document_html",
    "render_report_html",
    "write_html",
    "write_json",
]

_LAYER_TITLES = {
    "entities.strict": "Entities (strict)",
    "entities.partial": "Entities (partial)",
    "entities.keys": "Entity keys",
    "quantities": "Quantities",
    "quantities.value": "Quantities (value only)",
    "timexes": "Timexes",
    "facts": "Facts",
}


# ---------------------------------------------------------------- terminal


def _score_row(counts: Counts) -> list[str]:
    return [
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
    ]


def _layer_table(scores: Scores, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Layer", no_wrap=True)
    for name in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(name, justify="right")
    for layer in LAYERS:
        table.add_row(_LAYER_TITLES[layer], *_score_row(scores.layers[layer]))
    table.caption = (
        f"metadata accuracy {scores.metadata.value:.3f} ({scores.metadata.correct}/{scores.metadata.total})"
        f" · optional fact slots {scores.optional_slots.value:.3f}"
        f" ({scores.optional_slots.correct}/{scores.optional_slots.total})"
    )
    table.caption_justify = "left"
    return table


def _type_table(result: EvalResult) -> Table:
    langs = [lang for lang, s in result.by_lang.items() if s.n_documents]
    table = Table(title="By type / kind", title_justify="left")
    table.add_column("Layer", no_wrap=True)
    table.add_column("Type", no_wrap=True)
    for name in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(name, justify="right")
    for lang in langs:
        table.add_column(f"F1 {lang}", justify="right")
    for layer in LAYERS:
        rows = sorted(result.overall.by_type[layer].items())
        for n, (type_, counts) in enumerate(rows):
            per_lang = [
                f"{result.by_lang[lang].by_type[layer][type_].f1:.3f}"
                if type_ in result.by_lang[lang].by_type[layer]
                else "–"
                for lang in langs
            ]
            table.add_row(
                layer if n == 0 else "", type_, *_score_row(counts), *per_lang, end_section=n == len(rows) - 1
            )
    return table


def print_report(result: EvalResult, console: Console | None = None, *, by_type: bool = True) -> None:
    """Print the scores as rich tables: all documents, each language present, and per type or kind.

    Args:
        result: What :func:`beihu_extract.evaluate.score` returned.
        console: Where to print; a new stdout console when None.
        by_type: Whether to print the per-type table.
    """
    console = console or Console()
    console.print(_layer_table(result.overall, f"All documents ({result.overall.n_documents})"))
    for lang, scores in result.by_lang.items():
        if scores.n_documents:
            console.print(_layer_table(scores, f"{lang} ({scores.n_documents})"))
    if by_type:
        console.print(_type_table(result))
    if result.missing_ids:
        console.print(f"[yellow]Not predicted (scored as missed):[/] {', '.join(result.missing_ids)}")
    if result.extra_ids:
        console.print(f"[yellow]Predicted without gold (not scored):[/] {', '.join(result.extra_ids)}")


def write_json(result: EvalResult, path: str | Path) -> Path:
    """Write :meth:`EvalResult.to_json` to `path` (UTF-8, indented) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


# ---------------------------------------------------------------- marks


_LAYER_RANK = {"entity": 0, "quantity": 1, "timex": 2}


@dataclass(frozen=True)
class _Mark:
    """One mention to highlight: a `<mark>` element, split into parts where it crosses another."""

    start: int
    end: int
    layer: str
    type: str
    mention_id: str
    side: str
    title: str
    status: str | None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _mention_title(m: Entity | Quantity | Timex) -> tuple[str, str, str]:
    """Layer, type and tooltip of a mention."""
    if isinstance(m, Entity):
        sub = f"/{m.subtype.value}" if m.subtype is not None else ""
        return "entity", m.type.value, f"{m.type.value}{sub} · key {m.key} · {m.id}"
    if isinstance(m, Quantity):
        parts = [m.kind.value, f"value {_number(m.value)}", f"unit {m.unit or '—'}", m.qualifier.value]
        if m.counted:
            parts.append(f"counted {m.counted}")
        return "quantity", m.kind.value, " · ".join([*parts, m.id])
    return "timex", "TIMEX", f"TIMEX · value {m.value} · {m.id}"


def _marks(record: Record, side: str, diagnosis: Diagnosis | None) -> list[_Mark]:
    out = []
    for m in record.mentions():
        layer, type_, title = _mention_title(m)
        status = None
        if diagnosis is not None:
            status = diagnosis.status("gold" if side == "gold" else "predicted", m.id)
            if status != "ok":
                title += f" · {status}"
        out.append(_Mark(m.start, m.end, layer, type_, m.id, side, title, status))
    return out


def _open_tag(m: _Mark, part: int) -> str:
    classes = ["m", f"l-{m.layer}"]
    if m.status is not None:
        classes.append(f"s-{m.status}")
    if part:
        classes.append("cont")
    attrs = {
        "class": " ".join(classes),
        "data-layer": m.layer,
        "data-type": m.type,
        "data-id": m.mention_id,
        "data-side": m.side,
        "data-part": str(part),
        "title": m.title,
    }
    if m.status is not None:
        attrs["data-status"] = m.status
    return "<mark " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def _render_marked_text(text: str, marks: Iterable[_Mark]) -> str:
    """Escape `text` and wrap every mark's span in a `<mark>`, nesting safely.

    Marks are opened longest first (entities outside quantities outside timexes on equal spans).
    Where a mark ends inside another that started after it, the inner one is closed and reopened
    as a continuation part (class ``cont``, ``data-part`` > 0), so the HTML stays well nested and
    the parts of one mention, joined, give its text. Marks beyond the end of the text are dropped.
    """
    n = len(text)
    usable = sorted(
        (m for m in marks if 0 <= m.start < m.end <= n),
        key=lambda m: (m.start, -m.end, _LAYER_RANK[m.layer], m.mention_id),
    )
    starts: dict[int, list[_Mark]] = defaultdict(list)
    for m in usable:
        starts[m.start].append(m)
    bounds = sorted({0, n, *(m.start for m in usable), *(m.end for m in usable)})
    parts: dict[tuple[str, str], int] = defaultdict(int)
    stack: list[_Mark] = []
    out: list[str] = []

    def open_(m: _Mark) -> None:
        key = (m.side, m.mention_id)
        out.append(_open_tag(m, parts[key]))
        parts[key] += 1
        stack.append(m)

    for k, pos in enumerate(bounds):
        first_done = next((i for i, m in enumerate(stack) if m.end <= pos), None)
        if first_done is not None:
            reopen = [m for m in stack[first_done:] if m.end > pos]
            out.append("</mark>" * (len(stack) - first_done))
            del stack[first_done:]
            for m in reopen:
                open_(m)
        for m in starts.get(pos, ()):
            open_(m)
        if k + 1 < len(bounds):
            out.append(escape(text[pos : bounds[k + 1]]))
    return "".join(out)


# ---------------------------------------------------------------- html pieces


_ENTITY_COLOURS = {
    "PERSON": "#ffd3e4",
    "ORG": "#cfe2ff",
    "LOC": "#d2f2cf",
    "ZONE": "#ffec9e",
    "FAC": "#e4d7ff",
    "PRODUCT": "#ffdcc2",
    "PROJECT": "#c9eeee",
    "EVENT": "#f6cfcf",
    "INDUSTRY": "#e3e9c1",
}

_BASE_CSS = """
:root{--err:#d62728;--warn:#e07b00;--line:#d8dce0}
*{box-sizing:border-box}
body{margin:0;color:#1d2329;background:#f4f5f7;
 font-family:system-ui,"Noto Sans CJK JP","Noto Sans CJK SC","Hiragino Sans","Microsoft YaHei",sans-serif}
header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);
 padding:.45rem 1rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header h1{font-size:1.05rem;margin:0}
header label{font-size:.85rem;white-space:nowrap}
main{padding:1rem 1.2rem;max-width:1700px;margin:0 auto}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
h3{font-size:.95rem;margin:.2rem 0 .4rem;color:#444}
table{border-collapse:collapse;font-size:.85rem;background:#fff;margin:.3rem 0 .8rem}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:right;vertical-align:top}
th{background:#eef0f3}
td.l,th.l{text-align:left}
td.bad{color:var(--err)}
.legend{display:flex;gap:.35rem;flex-wrap:wrap;font-size:.78rem;align-items:center}
.legend mark{padding:0 .3rem}
section.doc{scroll-margin-top:5.5rem;background:#fff;border:1px solid var(--line);border-radius:8px;
 padding:.6rem 1rem 1rem;margin:1.2rem 0}
section.doc>h2{margin-top:.2rem}
.lang{font-size:.75rem;background:#44505c;color:#fff;border-radius:4px;padding:0 .35rem;margin-left:.4rem}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem}
.pane{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem;background:#fcfcfd;min-width:0}
.pane.single{max-width:60rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.15;font-size:15px}
mark{background:none;color:inherit;padding:0 1px;border-radius:2px}
mark.l-entity{background:var(--c,#eee);margin:0 1px}
mark.l-quantity{border-bottom:3px solid #14866d}
mark.l-timex{outline:1.5px dashed #7a4fb5;outline-offset:1px}
mark.s-miss,mark.s-spurious{box-shadow:inset 0 0 0 2px var(--err)}
mark.s-boundary,mark.s-type,mark.s-value{box-shadow:inset 0 0 0 2px var(--warn)}
body.hide-entity mark.l-entity{background:none;box-shadow:none}
body.hide-quantity mark.l-quantity{border-bottom:0;box-shadow:none}
body.hide-timex mark.l-timex{outline:0;box-shadow:none}
body.errors-only mark.s-ok{background:none;border-bottom:0;outline:0}
ul.facts{font-size:.82rem;padding-left:1.1rem;margin:.3rem 0}
ul.facts li{margin:.15rem 0}
.badge{color:#fff;background:var(--err);border-radius:3px;padding:0 .3rem;font-size:.72rem;margin-right:.3rem}
.slot{color:#555}
.diff{color:var(--err);font-weight:600}
details>summary{cursor:pointer;font-weight:600;font-size:.9rem;margin:.4rem 0}
.errors table{width:100%}
.note{color:#666;font-size:.85rem}
"""
_CSS = _BASE_CSS + "".join(f'mark.l-entity[data-type="{t}"]{{--c:{c}}}\n' for t, c in _ENTITY_COLOURS.items())

_JS = """
for (const cb of document.querySelectorAll("input[data-class]")) {
  const apply = () => document.body.classList.toggle(cb.dataset.class, cb.checked === (cb.dataset.on === "checked"));
  cb.addEventListener("change", apply);
  apply();
}
document.documentElement.dataset.js = "ready";
"""


def _page(title: str, header: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>{header}</header>\n<main>\n{body}\n</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _controls(errors: bool) -> str:
    boxes = [
        f'<label><input type="checkbox" data-class="hide-{layer}" data-on="unchecked" checked> {name}</label>'
        for layer, name in (("entity", "Entities"), ("quantity", "Quantities"), ("timex", "Timexes"))
    ]
    if errors:
        boxes.append('<label><input type="checkbox" data-class="errors-only" data-on="checked"> Errors only</label>')
    return "".join(boxes)


def _legend(errors: bool) -> str:
    items = [f'<mark class="m l-entity" data-type="{t}">{t}</mark>' for t in _ENTITY_COLOURS]
    items.append('<mark class="m l-quantity">quantity</mark>')
    items.append('<mark class="m l-timex">timex</mark>')
    if errors:
        items.append('<mark class="m s-miss">miss / spurious</mark>')
        items.append('<mark class="m s-value">boundary / type / value</mark>')
    return '<div class="legend">' + "".join(items) + "</div>"


def _tr(cells: Iterable[str], *, header: bool = False, left: int = 1, bad: Iterable[int] = ()) -> str:
    """A table row of cells that are already HTML; the first `left` cells are left-aligned, `bad` ones red."""
    tag, out = "th" if header else "td", []
    bad_cells = set(bad)
    for i, cell in enumerate(cells):
        classes = " ".join(c for c in ("l" if i < left else "", "bad" if i in bad_cells else "") if c)
        attr = f' class="{classes}"' if classes else ""
        out.append(f"<{tag}{attr}>{cell}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def _format_slot(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple):
        number, unit, qualifier = value
        return " ".join(x for x in (_number(number), unit or "", qualifier) if x)
    if isinstance(value, frozenset):
        return "、".join(sorted(value))
    return str(value)


def _fact_html(view: FactView, text: str | None, differs: Sequence[str] = ()) -> str:
    slots = []
    for name in FACT_SLOTS[view.type]:
        value = view.slots.get(name)
        if value is None and name not in differs:
            continue
        cls = "diff" if name in differs else "slot"
        slots.append(f'<span class="{cls}">{escape(name)}</span>={escape(_format_slot(value))}')
    s, e = view.evidence
    evidence = text[s:e] if text is not None else ""
    return (
        f'<b>{escape(view.type)}</b> <span class="note" title="{escape(evidence)}">[{s}–{e}] {escape(view.id)}</span> '
        + " · ".join(slots)
    )


_BADGES = {"miss": '<span class="badge">missed</span>', "spurious": '<span class="badge">spurious</span>'}


def _facts_list(views: Sequence[FactView], statuses: Sequence[str], text: str | None) -> str:
    if not views:
        return '<p class="note">No facts.</p>'
    items = [
        f'<li class="f-{st}">{_BADGES.get(st, "")}{_fact_html(v, text)}</li>'
        for v, st in zip(views, statuses, strict=True)
    ]
    return '<ul class="facts">' + "".join(items) + "</ul>"


def _mention_cell(m: Entity | Quantity | Timex | None) -> str:
    if m is None:
        return "—"
    _, _, title = _mention_title(m)
    return f'<b>{escape(m.text)}</b> <span class="note">[{m.start}–{m.end}] {escape(title)}</span>'


_INDEX_LAYERS = ("entities.strict", "quantities", "timexes", "facts")
"""The layers shown per document."""

_MENTION_SECTIONS = (
    ("miss", "Misses"),
    ("spurious", "Spurious"),
    ("boundary", "Boundary errors (same type, overlapping, other span)"),
    ("type", "Type errors (same span, other type or kind)"),
    ("value", "Value errors (quantity value / unit / qualifier; timex value)"),
)
_FACT_SECTIONS = (
    ("slots", "Fact slot mismatches (nearest predicted fact of the same type)"),
    ("miss", "Missed facts"),
    ("spurious", "Spurious facts"),
    ("optional", "Optional slot mismatches of matched facts"),
)


def _mention_errors_table(errors: Sequence[MentionError]) -> str:
    head = _tr(["Layer", "Gold", "Predicted", "Differs"], header=True, left=4)
    rows = [
        _tr([escape(e.layer), _mention_cell(e.gold), _mention_cell(e.predicted), escape(", ".join(e.differs))], left=4)
        for e in errors
    ]
    return f"<table>{head}{''.join(rows)}</table>"


def _fact_errors_table(errors: Sequence[FactError], text: str | None) -> str:
    rows = []
    for e in errors:
        g = _fact_html(e.gold, text, e.differs) if e.gold else "—"
        p = _fact_html(e.predicted, text, e.differs) if e.predicted else "—"
        rows.append(_tr([g, p, escape(", ".join(e.differs))], left=3))
    head = _tr(["Gold", "Predicted", "Differing slots"], header=True, left=3)
    return f"<table>{head}{''.join(rows)}</table>"


def _errors_html(diagnosis: Diagnosis, text: str | None) -> str:
    parts = []
    for category, title in _MENTION_SECTIONS:
        errors = diagnosis.of(category)
        if errors:
            parts.append(f"<h3>{escape(title)} ({len(errors)})</h3>{_mention_errors_table(errors)}")
    for category, title in _FACT_SECTIONS:
        fact_errors = diagnosis.facts_of(category)
        if fact_errors:
            parts.append(f"<h3>{escape(title)} ({len(fact_errors)})</h3>{_fact_errors_table(fact_errors, text)}")
    total = len(diagnosis.mentions) + len(diagnosis.facts)
    if not parts:
        return '<p class="note">No errors.</p>'
    return f'<details class="errors" open><summary>Errors ({total})</summary>{"".join(parts)}</details>'


def _metadata_html(gold: Record, predicted: Record | None) -> str:
    rows = []
    for name in METADATA_FIELDS:
        g = getattr(gold, name)
        p = getattr(predicted, name) if predicted is not None else None
        shown = escape(str(p)) if predicted is not None else "(not predicted)"
        ok = predicted is not None and g == p
        rows.append(_tr([name, escape(str(g)), shown], left=3, bad=() if ok else (2,)))
    head = _tr(["Field", "Gold", "Predicted"], header=True, left=3)
    return f"<details><summary>Metadata</summary><table>{head}{''.join(rows)}</table></details>"


def _text_pane(title: str, text: str | None, marks: list[_Mark], facts: str) -> str:
    body = _render_marked_text(text, marks) if text is not None else ""
    missing = '<p class="note">The document text is not available.</p>' if text is None else ""
    return f'<div class="pane"><h3>{escape(title)}</h3>{missing}<div class="text">{body}</div>{facts}</div>'


def _doc_section(doc: DocumentResult, gold: Record, predicted: Record | None, text: str | None) -> str:
    diagnosis = diagnose(doc)
    facts = doc.alignments["facts"]
    missed, spurious = set(facts.unmatched_gold), set(facts.unmatched_predicted)
    gold_status = ["miss" if i in missed else "ok" for i in range(len(facts.gold))]
    pred_status = ["spurious" if j in spurious else "ok" for j in range(len(facts.predicted))]
    gold_pane = _text_pane("Gold", text, _marks(gold, "gold", diagnosis), _facts_list(facts.gold, gold_status, text))
    if predicted is None:
        note = '<p class="note">Not predicted: all gold counts as missed.</p>'
        pred_pane = f'<div class="pane"><h3>Predicted</h3>{note}</div>'
    else:
        pred_pane = _text_pane(
            "Predicted",
            text,
            _marks(predicted, "pred", diagnosis),
            _facts_list(facts.predicted, pred_status, text),
        )
    counts = " · ".join(f"{_LAYER_TITLES[k]} F1 {doc.counts(k).f1:.2f}" for k in _INDEX_LAYERS)
    return (
        f'<section class="doc" id="doc-{escape(doc.doc_id)}"><h2>{escape(doc.doc_id)}'
        f'<span class="lang">{escape(doc.lang)}</span></h2><p class="note">{counts}</p>'
        f'<div class="cols">{gold_pane}{pred_pane}</div>'
        f"{_metadata_html(gold, predicted)}{_errors_html(diagnosis, text)}</section>"
    )


def _summary_html(result: EvalResult) -> str:
    langs = [lang for lang, s in result.by_lang.items() if s.n_documents]
    lang_heads = [f"F1 {escape(lang)} ({result.by_lang[lang].n_documents})" for lang in langs]
    head = _tr(["Layer", "P", "R", "F1", "tp", "fp", "fn", *lang_heads], header=True)
    rows = []
    for layer in LAYERS:
        per_lang = [f"{result.by_lang[lang].layers[layer].f1:.3f}" for lang in langs]
        rows.append(_tr([_LAYER_TITLES[layer], *_score_row(result.overall.layers[layer]), *per_lang]))
    for name, get in (
        ("Metadata accuracy", lambda s: s.metadata),
        ("Optional fact slot accuracy", lambda s: s.optional_slots),
    ):
        acc = get(result.overall)
        per_lang = "".join(f"<td>{get(result.by_lang[lang]).value:.3f}</td>" for lang in langs)
        value = f"{acc.value:.3f} ({acc.correct}/{acc.total})"
        rows.append(f'<tr><td class="l">{name}</td><td colspan="6">{value}</td>{per_lang}</tr>')
    ids = []
    if result.missing_ids:
        ids.append(f'<p class="note">Not predicted (scored as missed): {escape(", ".join(result.missing_ids))}</p>')
    if result.extra_ids:
        ids.append(f'<p class="note">Predicted without gold (not scored): {escape(", ".join(result.extra_ids))}</p>')
    title = f"<h2>Summary ({result.overall.n_documents} documents)</h2>"
    return f"{title}<table>{head}{''.join(rows)}</table>{''.join(ids)}"


def _by_type_html(scores: Scores) -> str:
    head = _tr(["Layer", "Type", "P", "R", "F1", "tp", "fp", "fn"], header=True, left=2)
    rows = [
        _tr([_LAYER_TITLES[layer], escape(type_), *_score_row(c)], left=2)
        for layer in LAYERS
        for type_, c in sorted(scores.by_type[layer].items())
    ]
    return f"<details><summary>By type / kind</summary><table>{head}{''.join(rows)}</table></details>"


def _index_html(result: EvalResult) -> str:
    head = _tr(
        ["Document", "Lang", *(f"{_LAYER_TITLES[k]} F1" for k in _INDEX_LAYERS), "Metadata"], header=True, left=2
    )
    rows = []
    for doc in result.documents.values():
        cells = [f"{doc.counts(k).f1:.3f}" for k in _INDEX_LAYERS]
        meta = f"{sum(doc.metadata.values())}/{len(doc.metadata)}"
        link = f'<a href="#doc-{escape(doc.doc_id)}">{escape(doc.doc_id)}</a>'
        rows.append(_tr([link, escape(doc.lang), *cells, meta], left=2))
    return f"<details open><summary>Documents</summary><table>{head}{''.join(rows)}</table></details>"


def render_report_html(
    result: EvalResult,
    gold: Mapping[str, Record],
    predicted: Mapping[str, Record],
    texts: Mapping[str, str],
) -> str:
    """The evaluation report as one self-contained HTML page (inline CSS and JS, no network).

    Args:
        result: What :func:`beihu_extract.evaluate.score` returned for `gold` and `predicted`.
        gold: Gold records by doc id.
        predicted: Predicted records by doc id.
        texts: Document texts by doc id; a document without text is shown with its error lists only.

    Returns:
        The page: the summary, a per-type table, a document index, and per document the text
        with gold and predicted mentions highlighted side by side, facts, metadata and error lists.
    """
    header = f"<h1>beihu-extract evaluation</h1>{_controls(errors=True)}{_legend(errors=True)}"
    sections = [
        _doc_section(doc, gold[doc_id], predicted.get(doc_id), texts.get(doc_id))
        for doc_id, doc in result.documents.items()
    ]
    body = _summary_html(result) + _by_type_html(result.overall) + _index_html(result) + "".join(sections)
    return _page("beihu-extract evaluation", header, body)


def write_html(
    result: EvalResult,
    gold: Mapping[str, Record],
    predicted: Mapping[str, Record],
    texts: Mapping[str, str],
    path: str | Path = "out/eval.html",
) -> Path:
    """Write :func:`render_report_html` to `path` (UTF-8), creating its folder, and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report_html(result, gold, predicted, texts), encoding="utf-8")
    return out


def render_document_html(text: str, record: Record) -> str:
    """One article with its predictions highlighted, as a self-contained HTML page (``show FILE --html OUT``).

    Args:
        text: The document text the record's offsets point into.
        record: The record extracted from `text`.

    Returns:
        The page: metadata, the text with entity, quantity and timex marks (each layer can be
        switched off), and the facts.
    """
    header = f'<h1>{escape(record.doc_id)}<span class="lang">{escape(record.lang.value)}</span></h1>'
    header += _controls(errors=False) + _legend(errors=False)
    meta_rows = "".join(
        f'<tr><td class="l">{name}</td><td class="l">{escape(str(getattr(record, name)))}</td></tr>'
        for name in METADATA_FIELDS
    )
    views = [FactView.of(f, record) for f in record.facts]
    facts = _facts_list(views, ["ok"] * len(views), text)
    counts = (
        f"{len(record.entities)} entities · {len(record.quantities)} quantities · "
        f"{len(record.timexes)} timexes · {len(record.facts)} facts"
    )
    body = (
        f'<table>{meta_rows}</table><p class="note">{counts}</p>'
        f'<div class="pane single"><div class="text">{_render_marked_text(text, _marks(record, "pred", None))}</div>'
        f"<h3>Facts</h3>{facts}</div>"
    )
    return _page(record.doc_id, header, body)
