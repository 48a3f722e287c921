"""Compiled templates are shared between builds, never between different set-ups."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader

from factcheck.building.template_cache import MemoryBytecodeCache, with_template_cache


def environment(folder, cache, **options) -> Environment:
    return Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=cache, **options)


def test_a_second_environment_reuses_the_compiled_template(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    cache = MemoryBytecodeCache()
    assert environment(tmp_path, cache).get_template("page.html").render(text="a") == "<p>a</p>"
    compiled = []
    monkeypatch.setattr(Environment, "_compile", lambda *a: compiled.append(a) or None)
    assert environment(tmp_path, cache).get_template("page.html").render(text="b") == "<p>b</p>"
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path):
    template = tmp_path / "page.html"
    template.write_text("<p>{{ text }}</p>", encoding="utf-8")
    cache = MemoryBytecodeCache()
    environment(tmp_path, cache).get_template("page.html")
    template.write_text("<div>{{ text }}</div>", encoding="utf-8")
    assert environment(tmp_path, cache).get_template("page.html").render(text="a") == "<div>a</div>"


def test_other_options_never_get_code_compiled_for_these(tmp_path):
    (tmp_path / "page.html").write_text("{% if 1 %}\n{{ text }}{% endif %}", encoding="utf-8")
    cache = MemoryBytecodeCache()
    escaped = environment(tmp_path, cache, autoescape=True, trim_blocks=True)
    assert escaped.get_template("page.html").render(text="<b>") == "&lt;b&gt;"
    raw = environment(tmp_path, cache)
    assert raw.get_template("page.html").render(text="<b>") == "\n<b>"
    with_i18n = environment(tmp_path, cache, extensions=["jinja2.ext.i18n"])
    with_i18n.install_null_translations()
    (tmp_path / "t.html").write_text("{% trans %}Hi{% endtrans %}", encoding="utf-8")
    assert with_i18n.get_template("t.html").render() == "Hi"


def test_a_site_that_sets_its_own_cache_keeps_it():
    own = MemoryBytecodeCache()
    assert with_template_cache({"bytecode_cache": own})["bytecode_cache"] is own
    assert with_template_cache({"autoescape": True})["autoescape"] is True
