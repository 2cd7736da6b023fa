"""Fonts: what a document asks for, and what would print wrongly."""

import io

import docx

from pipeline.verify import fonts


def _docx(font: str, text: str) -> bytes:
    document = docx.Document()
    run = document.add_paragraph().add_run(text)
    run.font.name = font
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_fonts_a_document_names_are_found():
    assert "Garamond Premier Nonexistent" in fonts.requested_fonts(_docx("Garamond Premier Nonexistent", "x"))


def test_times_new_roman_is_fine_where_liberation_serif_stands_in():
    assert fonts.match("Times New Roman") in ("Times New Roman", "Liberation Serif")
    assert fonts.problems(_docx("Times New Roman", "Text"), "Text") == []


def test_a_missing_font_is_named_with_its_substitute():
    [problem] = [p for p in fonts.problems(_docx("Garamond Premier Nonexistent", "x"), "x") if "Garamond" in p]
    assert "“Garamond Premier Nonexistent” is not installed; LibreOffice prints" in problem


def test_scripts_that_need_their_own_fonts_are_recognised():
    assert fonts.scripts_used("Convention 公约 اتفاقية Конвенция") == {"zh", "ar", "ru"}
    assert fonts.scripts_used("Côte d’Ivoire") == set()


def test_the_set_up_installed_fonts_for_every_un_script():
    # make report / make test install fonts-noto-core and fonts-noto-cjk.
    assert all(fonts.has_script(code) for code in ("zh", "ar", "ru"))
