"""site_build.minify: the site's own JS and CSS are served minified, and still mean the same."""
from __future__ import annotations

from site_build.minify import minify_assets


def test_minify_strips_comments_and_whitespace_but_keeps_code_and_regex_literals(tmp_path):
    source, target = tmp_path / "src", tmp_path / "site"
    (source / "part").mkdir(parents=True)
    (target / "part").mkdir(parents=True)
    (source / "part" / "a.js").write_text(
        '/* why this exists */\nconst words = /[\\p{L}]+(?![:])/gu  // a regex, not a comment\n'
        'const url = "http://example.org/x"\n', encoding="utf-8")
    (source / "part" / "a.css").write_text("/* note */\n.a  {\n  color : red ;\n}\n", encoding="utf-8")
    (source / "part" / "unused.js").write_text("/* not in this build */", encoding="utf-8")
    (source / "part" / "README.md").write_text("# not an asset", encoding="utf-8")
    for name in ("a.js", "a.css", "README.md"):
        (target / "part" / name).write_text((source / "part" / name).read_text(), encoding="utf-8")

    written = minify_assets(source, target)

    assert sorted(p.name for p in written) == ["a.css", "a.js"]
    js = (target / "part" / "a.js").read_text(encoding="utf-8")
    assert "why this exists" not in js and "a regex, not a comment" not in js
    assert "/[\\p{L}]+(?![:])/gu" in js and '"http://example.org/x"' in js
    assert (target / "part" / "a.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (target / "part" / "README.md").read_text(encoding="utf-8") == "# not an asset"
    assert not (target / "part" / "unused.js").exists()  # nothing is added to the build
