"""The CBOR of Pagefind's files as the merge reads and writes it, at the sizes where it changes.

CBOR writes a number (an integer, or the length of text or of an array) in
the byte of its type up to 23, then in 1, 2, 4 or 8 more bytes (RFC 8949,
section 3). Pagefind's minicbor writes each in its shortest form; so must the
merge, or the same index would not be the same bytes. The expected bytes here
are spelt out from the RFC, not computed by cbor2.
"""

from __future__ import annotations

import gzip

import pytest

from factcheck.outputs import pagefind_bundle
from factcheck.outputs.pagefind_bundle import CannotMerge, _finish, _pack, _postings, _read, _unpack

UNSIGNED, NEGATIVE, TEXT, ARRAY = 0, 1, 3, 4

# Each boundary: the last number of one width and the first of the next,
# with the first byte and the length RFC 8949 gives an unsigned integer.
BOUNDARIES = [
    (0, 0x00, 1),
    (23, 0x17, 1),
    (24, 0x18, 2),
    (255, 0x18, 2),
    (256, 0x19, 3),
    (65_535, 0x19, 3),
    (65_536, 0x1A, 5),
    (2**32 - 1, 0x1A, 5),
    (2**32, 0x1B, 9),
    (2**64 - 1, 0x1B, 9),
]


def head(major: int, number: int) -> bytes:
    """RFC 8949's head: the type in the top three bits, the number in the shortest form."""
    if number < 24:
        return bytes([major << 5 | number])
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 256**width:
            return bytes([major << 5 | info]) + number.to_bytes(width, "big")
    raise ValueError(number)


def written(value) -> bytes:
    """The CBOR the merge writes for `value`, out of its gzip and after the signature."""
    data = gzip.decompress(_pack(value))
    assert data.startswith(pagefind_bundle.SIGNATURE)
    return data[len(pagefind_bundle.SIGNATURE) :]


def read_back(cbor: bytes, tmp_path):
    path = tmp_path / "file.pf_index"
    path.write_bytes(gzip.compress(pagefind_bundle.SIGNATURE + cbor, mtime=0))
    return _read(path)


def test_the_heads_are_the_rfcs():
    assert head(UNSIGNED, 23) == b"\x17"
    assert head(UNSIGNED, 24) == b"\x18\x18"
    assert head(UNSIGNED, 256) == b"\x19\x01\x00"
    assert head(NEGATIVE, 2**32) == b"\x3b\x00\x00\x00\x01\x00\x00\x00\x00"
    assert head(ARRAY, 65_536) == b"\x9a\x00\x01\x00\x00"


@pytest.mark.parametrize(
    ("number", "first", "length"), BOUNDARIES, ids=[str(n) for n, _, _ in BOUNDARIES]
)
def test_integers_at_each_boundary(number, first, length, tmp_path):
    expected = head(UNSIGNED, number)
    assert (expected[0], len(expected)) == (first, length)
    assert written(number) == expected
    assert read_back(expected, tmp_path) == number
    # A negative integer -1-n is written with n.
    assert written(-1 - number) == head(NEGATIVE, number)
    assert read_back(head(NEGATIVE, number), tmp_path) == -1 - number


@pytest.mark.parametrize("length", [0, 23, 24, 255, 256, 65_535, 65_536])
def test_text_lengths_at_each_boundary(length, tmp_path):
    text = "a" * length
    expected = head(TEXT, length) + text.encode()
    assert written(text) == expected
    assert read_back(expected, tmp_path) == text


def test_text_is_counted_in_utf8_bytes(tmp_path):
    # 12 characters, 24 bytes: the length is past the one-byte form.
    text = "é" * 12
    assert written(text) == b"\x78\x18" + text.encode()
    assert read_back(written(text), tmp_path) == text


@pytest.mark.parametrize("length", [0, 23, 24, 255, 256, 65_535, 65_536])
def test_array_lengths_at_each_boundary(length, tmp_path):
    expected = head(ARRAY, length) + b"\x00" * length
    assert written([0] * length) == expected
    assert read_back(expected, tmp_path) == [0] * length


def test_empty_arrays_where_pagefind_writes_them(tmp_path):
    # A word seen only with an accent has no postings of its own; a posting
    # found only in the title has no positions; most have no meta positions.
    word = ["zoe", [], [["zoë", [[3, [], [-2, 0]]]]]]
    expected = b"\x83\x63zoe\x80\x81\x82\x64zo\xc3\xab\x81\x83\x03\x80\x82\x21\x00"
    assert written(word) == expected
    assert read_back(expected, tmp_path) == word
    assert written([]) == b"\x80"
    assert written([[], [[]]]) == b"\x82\x80\x81\x80"


def test_the_largest_values_the_format_holds(tmp_path):
    # Page numbers and word counts are below 2^32 (Pagefind refuses more
    # pages); positions and weight and field markers are 32-bit signed.
    largest_page, largest_position, smallest_marker = 2**32 - 1, 2**31 - 1, -(2**31)
    posting = [largest_page, [smallest_marker, largest_position], [-65_536, largest_position]]
    expected = (
        b"\x83\x1a\xff\xff\xff\xff"
        + b"\x82\x3a\x7f\xff\xff\xff\x1a\x7f\xff\xff\xff"
        + b"\x82\x39\xff\xff\x1a\x7f\xff\xff\xff"
    )
    assert written(posting) == expected
    assert read_back(expected, tmp_path) == posting


def test_the_same_value_gives_the_same_bytes():
    value = [["word", [[0, [-25, 1, 2], []], [40_000, [-169, 70_000], [-1, 0]]], []]]
    assert _pack(value) == _pack(value)
    assert _pack(value) == _pack(
        [["word", [[0, [-25, 1, 2], []], [40_000, [-169, 70_000], [-1, 0]]], []]]
    )


@pytest.mark.parametrize(
    ("cbor", "problem"),
    [
        (b"\x82\x01\x02\x03", "trailing data"),
        (b"\x82\x01", "end"),
        # An array that claims 2^32 items and holds none.
        (b"\x9b\x00\x00\x00\x01\x00\x00\x00\x00", None),
        (b"\xff", None),
    ],
    ids=["trailing data", "truncated", "huge length", "stray break"],
)
def test_damaged_cbor_is_refused(cbor, problem, tmp_path):
    with pytest.raises(CannotMerge, match=problem):
        read_back(cbor, tmp_path)
    with pytest.raises(CannotMerge):
        _unpack(cbor)


def test_a_file_without_the_signature_is_refused(tmp_path):
    path = tmp_path / "file.pf_index"
    path.write_bytes(gzip.compress(b"\x80"))
    with pytest.raises(CannotMerge, match="not a Pagefind file"):
        _read(path)
    path.write_bytes(b"not gzip at all")
    with pytest.raises(CannotMerge):
        _read(path)


@pytest.mark.parametrize(
    "postings",
    [
        [[1, [2], []], [-1, [3], []]],  # a page before the one before it
        [[0, [2]]],  # a posting of two fields
        [[0.5, [2], []]],  # a page number that is not an integer
        [[7, [2], []]],  # a page the part does not have
        "text",
    ],
)
def test_postings_this_merge_does_not_know_are_refused(postings):
    with pytest.raises(CannotMerge):
        _postings(postings, list(range(5)), [0], False)


def test_postings_are_renumbered_and_their_meta_fields_remapped():
    # Pages 1 and 3 of a part are pages 10 and 4 of the merge; its field 0 is field 2.
    postings = [[1, [-25, 4], [-1, 0, 3]], [2, [], [-2, 1]]]
    out = _postings(postings, [0, 10, 0, 4], [2, 0], True)
    assert out == [[10, [-25, 4], [-3, 0, 3]], [4, [], [-1, 1]]]


def test_a_chunk_counts_a_words_own_postings_not_its_variants():
    postings = [[0, [-25, 1, 2], [-1, 0]], [5, [], [-2, 3]]]
    variants = {"zoë": [[2, [-25, 9], []]]}
    _, _, ordered, size = _finish("zoe", postings, variants)
    # Two postings: one each, plus their three positions and four meta positions.
    assert size == 2 + 3 + 4
    assert [form for form, _ in ordered] == ["zoë"]
