"""Sentence segmentation beyond French and English (LanguageTool's SRX rules), and languages that need no
rules at all (`--presegmented`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.segment import load_document, rules_id, segment_text
from bench.ingest.sentence_f1 import LANGUAGES, paragraphs


@pytest.mark.parametrize("lang, text, sentences", [
    ("de", "Das gilt z. B. für Anträge nach § 5 Nr. 3 der Satzung. Die Frist endet am 3. Mai. Wir kommen!",
     ["Das gilt z. B. für Anträge nach § 5 Nr. 3 der Satzung.", "Die Frist endet am 3. Mai.", "Wir kommen!"]),
    ("it", "La società Rossi S.r.l. ha sede a Roma. Il contratto è firmato.",
     ["La società Rossi S.r.l. ha sede a Roma.", "Il contratto è firmato."]),
    ("es", "El Sr. García llegó ayer. ¿Vienes? Sí.", ["El Sr. García llegó ayer.", "¿Vienes?", "Sí."]),
    ("pt", "O Sr. Silva chegou. Tudo bem?", ["O Sr. Silva chegou.", "Tudo bem?"]),
    ("nl", "De heer Jansen kwam o.a. met de trein. Hij bleef thuis.",
     ["De heer Jansen kwam o.a. met de trein.", "Hij bleef thuis."]),
    ("ru", "Он приехал в г. Москва. Т. е. всё хорошо.", ["Он приехал в г. Москва.", "Т. е. всё хорошо."]),
    ("ar", "ذهب الولد إلى المدرسة. ثم عاد إلى البيت؟", ["ذهب الولد إلى المدرسة.", "ثم عاد إلى البيت؟"]),
    ("zh", "我们今天开会。他说好的！然后走了。", ["我们今天开会。", "他说好的！", "然后走了。"]),
])
def test_abbreviations_and_sentence_ends(lang, text, sentences):
    assert segment_text(text, lang) == sentences


def test_project_rules_stay_first_for_french_and_english():
    assert rules_id("fr").startswith("fr.srx#") and rules_id("en-GB").startswith("en.srx#")
    assert rules_id("de").startswith("languagetool_segment.srx#") and rules_id("pt-BR") == rules_id("pt")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_sentences_are_found(lang):
    """The hand-checked Tatoeba sentences of the benchmark: at least 9 boundaries in 10 found, few invented."""
    from bench.ingest.sentence_f1 import align_splitter, score

    tp, fp, fn = score(lang, align_splitter)
    assert tp >= 0.9 * (tp + fn) and fp <= 0.1 * (tp + fp)
    assert len(paragraphs(lang)) >= 7


def test_presegmented_pair_in_any_language(tmp_path):
    """`--presegmented` never needs segmentation rules (German against French here)."""
    de, fr = tmp_path / "a.de", tmp_path / "b.fr"
    de.write_text("Der Sicherheitsrat tritt morgen zusammen.\nDie Sitzung ist öffentlich.\n"
                  "Der Generalsekretär ruft zur Zurückhaltung auf.\n", encoding="utf-8")
    fr.write_text("Le Conseil de sécurité se réunit demain.\nLa séance est publique.\n"
                  "Le Secrétaire général appelle à la retenue.\n", encoding="utf-8")
    assert load_document(de, "de", presegmented=True).segment_texts()[1] == "Die Sitzung ist öffentlich."
    out = tmp_path / "a.beads"
    result = CliRunner().invoke(cli, ["pair", str(de), str(fr), "--src-lang", "de", "--tgt-lang", "fr",
                                      "--presegmented", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().split() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_unknown_language_code_is_refused(tmp_path):
    text = tmp_path / "x.txt"
    text.write_text("Bonjour. Au revoir.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(text), "--lang", "qq-zz1"])
    assert result.exit_code == 2 and "not a language code" in result.output


def test_german_story_aligns_with_the_french_one(tmp_path):
    """German sentences (LanguageTool's rules: `14. Februar` is no sentence end) pair one to one with French."""
    from conftest import CORPUS

    repo = CORPUS.parent
    out = tmp_path / "de-fr.beads"
    result = CliRunner().invoke(cli, ["pair", str(repo / "examples" / "pulwama.de.txt"),
                                      str(CORPUS / "fr" / "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"),
                                      "--src-lang", "de", "--tgt-lang", "fr", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().split() == [f"[{i}]:[{i}]" for i in range(7)]
