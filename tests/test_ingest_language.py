"""The language check refuses swapped or wrong-language files, and never a real document in its language."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.errors import InputError
from align.ingest import read_document
from align.ingest.language import check_language, guess_language
from conftest import BENCHMARKS, CORPUS

STATEMENT = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_corpus_document_passes_in_its_own_language(lang):
    for path in sorted((CORPUS / lang).iterdir()):
        document = read_document(path, lang=lang)
        assert guess_language(document.text) == lang, path.name


def test_a_document_in_the_other_language_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match=r"declared as 'fr' but the text reads as 'en'.*swapped"):
        read_document(CORPUS / "en" / STATEMENT, lang="fr")


def test_swapped_files_stop_align_pair_before_any_output(tmp_path):
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(cli, ["pair", str(CORPUS / "en" / STATEMENT), str(CORPUS / "fr" / STATEMENT),
                                      "--src-lang", "fr", "--tgt-lang", "en", "-o", str(out)])
    assert result.exit_code == 2 and "reads as 'en'" in result.output
    assert not out.exists()


def test_german_is_recognised_and_short_or_unknown_text_is_let_through():
    german = (BENCHMARKS / "textberg_de-fr" / "de" / "001")
    if german.exists():
        text = german.read_text(encoding="utf-8")
        assert guess_language(text) == "de"
        with pytest.raises(InputError):
            check_language(text, "fr", "001")
        check_language(text, "de-CH", "001")  # region codes are fine
    check_language("Jammu and Kashmir", "fr", "title.txt")  # too short to judge
    check_language("The Secretary-General condemns the attack. " * 20, "ja", "x.txt")  # no profile: no check
