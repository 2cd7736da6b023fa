"""Sentences for CAT tools: where a unit splits, and where it must not."""

from pipeline.xliff.segment import boundaries, segments


def sentences(text: str) -> list[str]:
    cuts = boundaries(text)
    starts = [0] + [end for _start, end in cuts]
    ends = [start for start, _end in cuts] + [len(text)]
    return [text[a:b] for a, b in zip(starts, ends, strict=True)]


def test_a_paragraph_splits_after_each_sentence():
    assert sentences("States reported. Two were late! Why? Nobody knows.") == [
        "States reported.",
        "Two were late!",
        "Why?",
        "Nobody knows.",
    ]


def test_the_abbreviations_of_un_texts_do_not_end_a_sentence():
    text = (
        "As set out in para. 12 and Art. 4, i.e. the deadline, and e.g. Chile, see No. 5. "
        "Document CCM/MSP/2024/5/Corr.1 and Rev.1 apply. Paras. 3 to 5 follow."
    )
    assert sentences(text) == [
        "As set out in para. 12 and Art. 4, i.e. the deadline, and e.g. Chile, see No. 5.",
        "Document CCM/MSP/2024/5/Corr.1 and Rev.1 apply.",
        "Paras. 3 to 5 follow.",
    ]


def test_a_lower_case_word_after_a_point_does_not_start_a_sentence():
    assert sentences("The total was 7.5 km2 in 2024. and so on") == ["The total was 7.5 km2 in 2024. and so on"]


def test_closing_quotes_brackets_and_footnote_marks_stay_with_their_sentence():
    assert sentences('He said "stop." Then (it ended.) "Next" came.') == [
        'He said "stop."',
        "Then (it ended.)",
        '"Next" came.',
    ]
    # \ufffc stands for a footnote reference after the full stop
    assert sentences("It was adopted.\ufffc It guides us.") == ["It was adopted.\ufffc", "It guides us."]


def test_french_and_spanish_sentences_split_too():
    assert sentences("Les États ont fait rapport. Élaboré en 2024. ¿Quién? ¡Nadie!") == [
        "Les États ont fait rapport.",
        "Élaboré en 2024.",
        "¿Quién?",
        "¡Nadie!",
    ]


def test_pieces_are_cut_at_sentence_ends_and_codes_are_never_split():
    pieces = ["First sentence.", None, " Second ", "part. Third."]  # None: a code (a footnote mark)
    assert segments(pieces, lambda p: p, lambda p, a, b: p[a:b]) == [
        (["First sentence.", None], " "),
        (["Second ", "part."], " "),
        (["Third."], ""),
    ]


def test_whitespace_running_over_two_pieces_is_one_gap():
    pieces = ["One. ", " Two."]
    assert segments(pieces, lambda p: p, lambda p, a, b: p[a:b]) == [(["One."], "  "), (["Two."], "")]


def test_a_unit_with_one_sentence_is_one_segment():
    assert segments(["Just one"], lambda p: p, lambda p, a, b: p[a:b]) == [(["Just one"], "")]
