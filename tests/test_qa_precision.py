"""The cases issue 16 lists: what a QA lead saw misfire or slip through on real translations, as checks."""

from __future__ import annotations

import pytest

from align.model import TranslationUnit
from align.qa import run_qa
from align.qa.checks import CHECKS
from align.qa.config import parse_config
from align.qa.markup import mask, tokens, url_key


def only(check_id: str, **options):
    checks = {c: {"enabled": False} for c in CHECKS if c != check_id}
    if options:
        checks[check_id] = options
    return parse_config({"checks": checks})


def findings(check_id: str, source: str, target: str, src: str = "en", tgt: str = "fr", **props):
    unit = TranslationUnit(source, target, src, tgt, props=props)
    return run_qa([unit], config=only(check_id)).findings


@pytest.mark.parametrize("source, target", [
    ("Un code à 6 chiffres", "A 6-digit code"), ("La version v3.5", "Version 3.5"), ("en 150 ms", "in 150ms"),
    ("après 2000", "post-2000"), ("à midi", "at 12 p.m."), ("l'article 81(1)", "Article 81.1"),
    ("1 000,5 millions d'euros", "EUR 1,000.5 million"), ("Vingt-et-un États", "Twenty-one States"),
    ("le 1er mars 2023", "on 1 March 2023"), ("3,5 %", "3.5%"), ("la 21e session", "the twenty-first session"),
    ("2\u202f500\u202f000", "2,500,000"), ("10h30", "10:30 a.m."), ("du 3 au 5 mai", "from 3 to 5 May"),
    ("(COM(1999) 158)", "[COM(1999) 158]"), ("Il a %d ans", "He is %d"),
])
def test_numbers_in_french_and_english_syntax_match_both_ways(source, target):
    assert not findings("number-mismatch", source, target, "fr", "en")
    assert not findings("number-mismatch", target, source, "en", "fr")


def test_number_errors_only_when_both_sides_write_digits():
    strong = findings("number-mismatch", "4 years, 11 months ago", "il y a 10 ans et 11 mois")
    assert [f.severity for f in strong] == ["error"]
    worded = findings("number-mismatch", "fustigé trente-six fois", "flogged forty times", "fr", "en")
    assert [f.severity for f in worded] == ["info"]
    date = findings("number-mismatch", "le 2 juillet", "on June 2", "fr", "en")
    assert [f.severity for f in date] == ["error"]
    assert not findings("number-mismatch", "en décembre 1594", "in the month of December in the year 1594", "fr", "en")


def test_printf_brace_and_icu_placeholders():
    assert findings("placeholders", "Delete %s?", "Supprimer ?")[0].severity == "error"
    assert "'%d' became '%s'" in findings("placeholders", "%d files", "%s fichiers")[0].message
    assert findings("placeholders", "Hello {name}", "Bonjour {nom}")
    assert findings("placeholders", "%s: %s", "%s")
    assert "'{0}' became '{1}'" in findings("placeholders", "Page {0}", "Page {1}")[0].message
    assert not findings("placeholders", 'option "%s" value "%s" is not valid for %s',
                        'la valeur "%2$s" de l\'option "%1$s" est invalide pour %3$s')
    assert findings("placeholders", "%s of %d", "%d de %s")  # unnamed ones swapped
    assert not findings("placeholders", "%(count)d of %(total)d", "%(total)d dont %(count)d")
    assert not findings("placeholders", "{n, plural, one {# file} other {# files}}",
                        "{n, plural, one {# fichier} other {# fichiers}}")
    assert not findings("placeholders", "%d file", "un fichier", plural="0")  # French singular
    assert not findings("placeholders", "50% of %s", "50 % de %s")  # `% d` is not a placeholder
    joined = findings("placeholders", "options '%s' and '%s:%s'", "les options '%s' et '%s.%s'")
    assert [f.message for f in joined] == ["placeholders joined differently: '%s:%s' became '%s.%s'"]
    assert not findings("placeholders", "%s: %s", "%s : %s")  # French spacing, not a joined token


def test_tags_code_paths_urls_and_emails():
    assert findings("xmltags", "Click <b>Save</b>", "Cliquez sur Enregistrer")[0].severity == "error"
    assert findings("xmltags", "{}th", "{}<sup>e</sup>")[0].severity == "info"
    assert not findings("xmltags", "git add <file>", "git add <fichier>")  # a metavariable
    assert findings("code", "See /administration/organizations/",
                    "Voir /administration/organisations/")
    assert findings("code", "call ``os.path.join``", "appelez os.path.joindre")
    assert not findings("code", "see :ref:`label`", "voir :ref:`Titre <label>`")
    assert not findings("code", "see :guilabel:`Save`", "voir :guilabel:`Enregistrer`")
    assert not findings("code", "the related `%(app)s` object", "l'objet « %(app)s » en relation")
    assert not findings("urls", "see https://en.wikipedia.org/wiki/Fibonacci_number",
                        "voir https://fr.wikipedia.org/wiki/Suite_de_Fibonacci")
    assert not findings("urls", "https://docs.python.org/3/library/", "https://docs.python.org/fr/3/library/")
    assert findings("urls", "https://example.org/a", "https://example.org/b")
    assert not findings("emails", "you@example.com", "vous@exemple.com")
    assert findings("emails", "write to info@oic-oci.org", "écrire à info@oic.org")
    assert url_key("https://en.wikipedia.org/wiki/X") == url_key("http://fr.wikipedia.org/wiki/Y")


def test_accelerators_and_newlines_for_ui_strings():
    assert findings("accelerators", "_Hand Tool", "Main")
    assert findings("accelerators", "&File", "Fichier")
    assert not findings("accelerators", "Si_ze:", "_Taille :")
    assert not findings("accelerators", "KP_Begin", "Début (pavé num.)")  # a key name
    assert not findings("accelerators", "R&D and &amp; foo_bar", "R&D et &amp; foo_bar")
    assert findings("newlines", "Line one\nLine two\n", "Ligne un Ligne deux")
    assert not findings("newlines", "One\nTwo\n", "Un\nDeux\n")


def test_whitespace_and_brackets_ignore_markup():
    assert not findings("whitespace", "see :ref:`x`", "voir :ref:`x`")
    assert findings("whitespace", "cannot read", "impossible  de lire")
    assert not findings("whitespace", "a  b", "a  b")  # aligned columns in a usage message
    assert not findings("brackets", "call ``f(x``", "appelez ``f(x``")
    lost = findings("brackets", "(COM(1999) 158) (IT)", "[COM(1999) 158]", "fr", "en")
    assert lost and {f.severity for f in lost} == {"info"}


@pytest.mark.parametrize("target, variety, expected", [
    ("Les valeurs sont: 1, 2", "", ["no space before ':' in French (fr-FR)"]),
    ("Les valeurs sont : 1", "", []),
    ("Pourquoi?", "fr-CA", []),
    ("Pourquoi?", "fr-FR", ["no space before '?' in French (fr-FR)"]),
    ("Une hausse de 10%", "", ["no space before '%' in French"]),
    ("Une hausse de 3.5 %", "", ["decimal point in French: '3.5' (write '3,5')"]),
    ("Il a dit «bonjour»", "", ["no space inside « » in French", "no space inside « » in French"]),
    ("voir :ref:`x` et https://a.org", "", []),
])
def test_french_typography_by_variety(target, variety, expected):
    options = {"french_spacing": variety} if variety else {}
    unit = TranslationUnit("x", target, "en", "fr")
    found = run_qa([unit], config=only("typography", **options)).findings
    assert [f.message for f in found] == expected and all(f.severity == "warning" for f in found)


def test_french_variety_follows_the_target_language_code():
    units = [TranslationUnit("Why?", "Pourquoi?", "en", "fr-CA"), TranslationUnit("Why?", "Pourquoi?", "en", "fr-FR")]
    assert [f.unit for f in run_qa(units, config=only("typography")).findings] == ["2"]


def test_english_typography_apostrophe_spacing():
    assert findings("typography", "la Commission", "the Commission' s view", "fr", "en")


def test_untranslated_finds_sentences_not_code_or_names():
    assert findings("untranslated", "Create an Organization", "Create an Organization")
    assert not findings("untranslated", "/usr/share/locale/fr", "/usr/share/locale/fr")
    assert not findings("untranslated", "git apply [<options>] [<patch>...]", "git apply [<options>] [<patch>...]")
    assert not findings("untranslated", "Django Software Foundation", "Django Software Foundation")
    assert not findings("untranslated", "Description", "Description")
    assert findings("untranslated", "Le peuple du Cachemire a le droit", "Le peuple du Cachemire a le droit", "fr", "en")


def test_acronym_spelled_out_in_either_word_order():
    units = [TranslationUnit("The GUI is new.", "L'interface graphique utilisateur est nouvelle.", "en", "fr"),
             TranslationUnit("A GUI tool.", "Un outil à interface graphique.", "en", "fr"),
             TranslationUnit("The GUI.", "La GUI.", "en", "fr"), TranslationUnit("GUI help", "GUI aide", "en", "fr")]
    assert not run_qa(units, config=only("acronym-missing")).findings
    units.append(TranslationUnit("The GUI is slow.", "Le programme est lent.", "en", "fr"))
    assert [f.unit for f in run_qa(units, config=only("acronym-missing")).findings] == ["5"]


def test_markup_tokens_and_mask_keep_offsets():
    text = "Voir :ref:`x <y>`, %(n)s et <b>gras</b> sur https://a.org/b."
    assert [t.kind for t in tokens(text)] == ["code", "placeholder", "tag", "tag", "url"]
    assert len(mask(text)) == len(text) and "ref" not in mask(text)
