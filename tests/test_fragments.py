"""memo(): a list entry is rendered once per arguments and language, and kept for one more build."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from factcheck.views.fragments import FragmentCache

TEMPLATE = (
    "{% macro entry(name) %}{{ count() }}:{{ name }}{% endmacro %}"
    "{% for name in names %}{{ memo(entry, name) }} {% endfor %}"
)


def environment():
    renders = []
    env = Environment(loader=DictLoader({"page": TEMPLATE}), autoescape=True)
    env.globals.update(memo=FragmentCache(), count=lambda: renders.append(1) or len(renders))
    return env, renders


def test_an_entry_is_rendered_once_per_arguments_and_language():
    env, renders = environment()
    page = env.get_template("page")
    assert page.render(names=["a", "b", "a"], lang="en") == "1:a 2:b 1:a "
    assert page.render(names=["a"], lang="es") == "3:a "
    assert len(renders) == 3


def test_the_next_build_keeps_what_the_last_one_used_and_forgets_the_rest():
    env, renders = environment()
    page = env.get_template("page")
    page.render(names=["a", "b"], lang="en")
    env.globals["memo"].next_build()
    assert page.render(names=["a"], lang="en") == "1:a "  # kept
    env.globals["memo"].next_build()
    assert page.render(names=["b"], lang="en") == "3:b "  # forgotten: not used last time
