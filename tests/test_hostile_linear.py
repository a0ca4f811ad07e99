"""Severe 2: parsing is linear in the input. Each hostile text is parsed at 1x, 4x and 16x its size in one
run; the time ratios must stay near the size ratios (quadratic parsing gives 16x and 256x), and the
whole pipeline reads a 64 KB hostile line in well under a second."""

from __future__ import annotations

import gc
import time

import pytest

from generator import apitext
from generator.parse import mediawiki as mw
from generator.parse.params import default_in_text, parse_spec
from generator.pipeline import validate
from tests.helpers import build_file_tree
from tests.hostile_cases import CASES

BASE = 4096
pytestmark = pytest.mark.timing  # measured times: not beside other tests competing for the cores
SLACK = 3.0  # ratios may be up to 3x the size ratio: noise, caches; a quadratic parser is 16x over at 16x


def _sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


PARSERS = {
    "wiki heading of spaces": (mw.sections, lambda n: "=" + " " * n + "x"),
    "markdown heading of spaces": (mw.sections, lambda n: "# a" + " " * n + "b"),
    "default: in a long description": (default_in_text, lambda n: "default: [" + _sized("1,", n)),
    "default: made of '-'": (default_in_text, lambda n: "default: " + "-" * n + "1"),
    "def pattern on spaces": (apitext.parse_api, lambda n: "def f()" + " " * n + "x"),
    "def pattern, return on spaces": (apitext.parse_api, lambda n: "def f() -> a" + " " * n + "b"),
    "callee pattern on spaces": (apitext.parse_api, lambda n: "f()" + " " * n + "x"),
    "spec pattern on spaces": (parse_spec, lambda n: "x" + " " * n + "y"),
    "spec pattern, type on spaces": (parse_spec, lambda n: "x: a" + " " * n + "b = 1"),
    "unclosed <b> (prose)": (mw.to_markdown, lambda n: _sized("<b>x ", n)),
    "unclosed <b> over lines (properties)": (mw.properties, lambda n: _sized("<b>x\n", n)),
    "unclosed <x (tables)": (mw.wikitables, lambda n: _sized("<x ", n)),
    "unclosed <!--": (mw.to_markdown, lambda n: _sized("<!-- x", n)),
    "unclosed [[a|": (mw.properties, lambda n: _sized("[[x|", n)),
    "unclosed {{x|": (mw.to_markdown, lambda n: _sized("{{x|", n)),
    "unclosed {|": (mw.wikitables, lambda n: _sized("{|\n|x\n", n)),
    "unclosed [http://": (mw.to_markdown, lambda n: _sized("[http://x ", n)),
    "unclosed <pre": (mw.sections, lambda n: _sized("<pre ", n)),
}


def _seconds(parse, text: str, repeats: int) -> float:
    """The best of 5 timings: one pause of the machine (a collection, another process) in one of them is not
    the parser's time (best of 2 once read 55x at 16x for a parser measuring 17-20x in every other run). The
    garbage collector is off while timing: in the whole suite it walks every object earlier tests left alive,
    and a 16x text, allocating more, paid more of those walks (51x once, for a parser measuring 20x alone)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(repeats):
                parse(text)
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("case", PARSERS)
def test_time_grows_like_the_input(case):
    parse, make = PARSERS[case]
    texts = {factor: make(BASE * factor) for factor in (1, 4, 16)}
    repeats = 1
    while _seconds(parse, texts[1], repeats) < 0.01 and repeats < 4096:  # long enough to measure (3 ms was noise)
        repeats *= 2
    times = {factor: _seconds(parse, text, repeats) for factor, text in texts.items()}
    ratios = {factor: times[factor] / times[1] for factor in (4, 16)}
    assert ratios[4] < 4 * SLACK and ratios[16] < 16 * SLACK, (case, times, ratios)


@pytest.mark.parametrize("case", list(CASES))
def test_a_64_kb_hostile_text_is_read_in_well_under_a_second(tmp_path, case):
    wiki = build_file_tree(tmp_path / "wiki", CASES[case](16 * BASE))
    started = time.perf_counter()
    result = validate(wiki)
    seconds = time.perf_counter() - started
    assert seconds < 2.0, f"{case}: {seconds:.2f}s"  # measured at most 0.3 s; the unfixed parser took hours
    assert result.exit_code == 0 and [r.action for r in result.results] == ["plan"]


def test_a_few_unclosed_list_items_and_cells_read_as_before_hundreds_read_as_text():
    """`<li>` and `<td>` may go unclosed: a page holding a few keeps them as tags; only a page holding more than
    MAX_UNCLOSED without their own closer reads them as text."""
    from generator.parse import defuse as d
    from generator.parse.mediawiki import to_markdown

    few = "<ul>" + "<li>x" * 3 + "</ul>\n<li>a\n"
    assert d.defuse(few) == few
    assert to_markdown("<li>a\n<li>b") == "a\nb"  # read as tags (an HTML item has no dash), not printed
    many = "<ul>" + "<li>x" * (d.MAX_UNCLOSED + 2) + "</li></ul>"  # one of them is closed
    made_inert = d.defuse(many)
    assert len(made_inert) == len(many) and made_inert.count("\x01li>") == d.MAX_UNCLOSED + 1
    assert d.restore(made_inert) == many
    closed = "<ul>" + "<li>x</li>" * (d.MAX_UNCLOSED + 1) + "</ul>"
    assert d.defuse(closed) == closed  # each has its own closer: nothing to guard against
