"""The bad and hostile inputs of issue 9, as (file name, bytes) cases shared by the CLI and batch tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "corpus" / "000_3b836e4530a82553.txt").read_text(encoding="utf-8")
# A Chinese article of the corpus, to encode as GB18030.
ZH_ARTICLE = sorted((ROOT / "corpus").glob("201_*.txt"))[0]
ZH_TEXT = ZH_ARTICLE.read_text(encoding="utf-8")


def _legacy(ch: str) -> str:
    """`ch`, or a space where Shift_JIS (CP932) or EUC-JP cannot encode it (no-break space, em dash)."""
    try:
        ch.encode("cp932"), ch.encode("euc_jp")
    except UnicodeEncodeError:
        return " "
    return ch


# The reference article as Shift_JIS and EUC-JP can hold it.
JA_LEGACY = "".join(map(_legacy, REFERENCE))

HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>長春新区の発展</title>"
    "<style>p { color: red }</style><script>var s = '<p>偽の段落</p>';</script></head>"
    "<body><h1>長春新区の発展</h1><p>2025年、長春新区は<b>300社</b>以上の企業を誘致した。</p>"
    "<p hidden>隠れた段落</p><p>吉林省&amp;長春市の協力&#x3002;</p></body></html>"
)
ASTRAL = "𠮷野家が長春に出店😀\n𠮷野家は\x07長春市で3店舗を開いた。🎉吉林省の\x0b企業と協力し、約2億円を投じる。\x1c\n"
MIXED = "长春新区发布新政策\n长春新区今年吸引投资约2亿元，其中日本企业的「ものづくり」项目5个。\n"

# Inputs that must give a record with exact offsets.
GOOD = {
    "bom.txt": b"\xef\xbb\xbf" + REFERENCE.encode(),
    "crlf.txt": REFERENCE.replace("\n", "\r\n").encode(),
    "cr.txt": REFERENCE.replace("\n", "\r").encode(),
    "sjis.txt": JA_LEGACY.encode("cp932"),
    "eucjp.txt": JA_LEGACY.encode("euc_jp"),
    "gbk_ja.txt": REFERENCE.encode("gb18030"),
    "gbk_zh.txt": ZH_TEXT.encode("gb18030"),
    "utf16.txt": REFERENCE.encode("utf-16"),
    "page.html": HTML_PAGE.encode(),
    "astral.txt": ASTRAL.encode(),
    "mixed.txt": MIXED.encode(),
    "no_title.txt": "長春新区は2025年に300社以上の企業を誘致した。".encode(),
}
# Inputs that must give a one-line error naming the file.
BAD = {
    "empty.txt": (b"", "empty article"),
    "spaces.txt": (" \r\n\t\u3000\n".encode(), "empty article"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    "latin1.txt": ("Café crème à Paris".encode("latin-1"), "not UTF-8"),
    "short_sjis.txt": ("長春".encode("cp932"), "not UTF-8"),
    "empty_page.html": (b"<html><head><title></title></head><body><script>x()</script></body></html>", "no text"),
    "no_cjk.txt": (b"Only English text here.\n", "no Japanese or Chinese"),
}
