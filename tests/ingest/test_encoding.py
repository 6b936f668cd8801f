"""Legacy charsets: labels read as browsers read them, stale declarations, undeclared GBK pages."""

from __future__ import annotations

from pathlib import Path

from storylens.ingest.encoding import declared_charset, decode_bytes, web_charset
from storylens.ingest.readers import read_file

# Our own sentence (a fictional ferry strike in Chinese), long enough for encoding checks.
CHINESE_STORY = (
    "港口渡轮工人周三结束了为期九天的罢工，工会主席林娜说，新的合同将在下个月生效。"
    "岛上居民表示，他们终于可以按时上班了。市政府承诺明年增加两条航线，并修缮北码头。"
)


def chinese_page(charset_meta: str) -> str:
    return (
        f"<html><head>{charset_meta}<title>渡轮罢工结束</title></head><body><div class='story'>"
        f"<p>{CHINESE_STORY}</p><p>{CHINESE_STORY}</p></div></body></html>"
    )


def test_gb2312_label_decodes_characters_only_gbk_has(tmp_path: Path) -> None:
    # 镕 is outside GB2312 but in GBK: pages labelled gb2312 use it all the time.
    html = chinese_page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    html = html.replace("林娜", "朱镕")
    path = tmp_path / "gb.html"
    path.write_bytes(html.encode("gbk"))
    [article] = read_file(path)
    assert "工会主席朱镕说" in article.text


def test_undeclared_gbk_page_is_not_read_as_cyrillic(tmp_path: Path) -> None:
    path = tmp_path / "nocharset.html"
    path.write_bytes(chinese_page("").encode("gbk"))
    [article] = read_file(path)
    assert "港口渡轮工人周三结束了" in article.text


def test_stale_latin1_declaration_over_utf8_bytes_loses_to_utf8() -> None:
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Café owners in Ostrava protested.</p>'
    decoded = decode_bytes(data.encode("utf-8"), declared=declared_charset(data.encode("utf-8")))
    assert "Café owners" in decoded.text and decoded.encoding == "utf-8"


def test_a_few_broken_bytes_in_a_declared_charset_are_replaced_not_fatal() -> None:
    data = CHINESE_STORY.encode("gb18030") * 3
    damaged = data[:50] + b"\xff" + data[50:]
    decoded = decode_bytes(damaged, declared="gb2312")
    assert decoded.encoding == "gb18030" and decoded.replaced_bytes == 1
    assert "岛上居民表示" in decoded.text


def test_charset_labels_follow_the_browser_reading() -> None:
    assert web_charset("GB2312") == "gb18030"
    assert web_charset("ISO-8859-1") == "cp1252"
    assert web_charset("koi8-r") == "koi8-r"


def test_declared_charset_is_found_in_meta_and_xml_declarations() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">') == "GBK"
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1252"?><rss>') == "windows-1252"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_gbk_page_inside_a_wrapper_line_is_read_as_html(tmp_path: Path) -> None:
    # Crawl dumps put a <text id="url" ...> line before <html>; the page still declares its charset.
    html = '<text id="http://example.test/a.html" title="x">\n' + chinese_page('<meta charset="gb2312">')
    path = tmp_path / "wrapped.html"
    path.write_bytes(html.encode("gbk"))
    [article] = read_file(path)
    assert "港口渡轮工人" in article.text


def test_undeclared_german_code_page_text_is_not_taken_for_chinese() -> None:
    text = "Die Fähre fährt wieder über den Fluss. Bürgermeister Müller äußerte sich zufrieden. " * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert "Bürgermeister Müller äußerte" in decoded.text
