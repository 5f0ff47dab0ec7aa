"""Run the real OmegaT CAT tool headless on a one-document project with a TMX in `tm/auto/`.

Used by the integration tests (ours and anyone's): a TMX that OmegaT loads and applies is a TMX CAT tools
really import. OmegaT exits 0 even when a TMX fails to load, so callers read the log for
`TF_TM_LOAD_ERROR` / `TMXR_WARNING` (see `tmx_load_problems`).

Project layout created under `workdir/project`: `omegat.project`, `source/<file>`, `tm/auto/<tmx>`, and
after the run `target/<file>` (the translation), `omegat/project_save.tmx` and the TMX exports
`project-omegat.tmx`, `project-level1.tmx`, `project-level2.tmx` (TMX 1.1, `lang=`) in the project root.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

LOAD_ERRORS = ("TF_TM_LOAD_ERROR", "TMXR_WARNING", "TMXR_ERROR")

# OmegaT tokenizers per language (its own class names); others fall back to the default tokenizer.
_TOKENIZERS = {
    "fr": "org.omegat.tokenizer.LuceneFrenchTokenizer",
    "en": "org.omegat.tokenizer.LuceneEnglishTokenizer",
    "de": "org.omegat.tokenizer.LuceneGermanTokenizer",
    "es": "org.omegat.tokenizer.LuceneSpanishTokenizer",
}
_DEFAULT_TOKENIZER = "org.omegat.tokenizer.LuceneStandardTokenizer"

_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes>
      <mask>**/.svn/**</mask>
      <mask>**/.git/**</mask>
    </source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>{src_tok}</source_tok>
    <target_tok>{tgt_tok}</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


# Our plain-text documents have one paragraph per line; OmegaT's text filter would otherwise join lines
# up to an empty line into one paragraph (its default, `EMPTYLINES`).
_FILTERS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
  <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
    <files sourceFilenameMask="*.txt" targetFilenamePattern="${filename}" sourceEncoding="UTF-8"
           targetEncoding="UTF-8"/>
    <option name="segmentOn" value="BREAKS"/>
  </filter>
</filters>
"""


def omegat_available() -> bool:
    return shutil.which("omegat") is not None


def tmx_load_problems(log_text: str) -> list[str]:
    """Lines of OmegaT's output saying a TMX failed to load (empty when all loaded)."""
    return [line for line in log_text.splitlines() if any(code in line for code in LOAD_ERRORS)]


def create_project(source_file: Path, tmx: Path | None, src_lang: str, tgt_lang: str, workdir: Path) -> Path:
    """An OmegaT project folder with `source_file` to translate and `tmx` (if any) in tm/auto/."""
    project = Path(workdir) / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (project / sub).mkdir(parents=True, exist_ok=True)
    src_primary, tgt_primary = src_lang.split("-")[0].lower(), tgt_lang.split("-")[0].lower()
    (project / "omegat.project").write_text(_PROJECT.format(
        src=src_lang, tgt=tgt_lang,
        src_tok=_TOKENIZERS.get(src_primary, _DEFAULT_TOKENIZER),
        tgt_tok=_TOKENIZERS.get(tgt_primary, _DEFAULT_TOKENIZER)), encoding="utf-8")
    shutil.copy(source_file, project / "source" / Path(source_file).name)
    if tmx is not None:
        shutil.copy(tmx, project / "tm" / "auto" / Path(tmx).name)
    return project


def run_omegat_project(source_file: Path, tmx: Path | None, src_lang: str, tgt_lang: str, workdir: Path,
                       timeout: float = 180) -> tuple[str, str]:
    """Translate `source_file` with OmegaT in console mode, exact TM matches from `tmx` applied.

    Returns (OmegaT's stdout+stderr, the text of the translated target document). The configuration
    directory is private to `workdir`, so nothing of the user's OmegaT setup is read or changed.
    Give the project the language codes the TMX uses (`fr-FR`/`en-GB` for our default region style,
    `fr`/`en` for bare): a `fr-FR` TMX in a `fr` project loads with TMXR_WARNING_INCORRECT_SOURCE_LANG
    in OmegaT 3.6, and OmegaT 5 skips it.
    """
    project = create_project(Path(source_file), Path(tmx) if tmx else None, src_lang, tgt_lang, workdir)
    config = Path(workdir) / "omegat-config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "filters.xml").write_text(_FILTERS, encoding="utf-8")
    result = subprocess.run(
        ["omegat", str(project), "--mode=console-translate", f"--config-dir={config}", "--no-team",
         "--disable-project-locking"],
        capture_output=True, text=True, timeout=timeout, cwd=workdir,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(workdir), "LANG": "C.UTF-8",
             "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"},
    )
    log_text = result.stdout + result.stderr
    target = project / "target" / Path(source_file).name
    target_text = target.read_text(encoding="utf-8") if target.is_file() else ""
    return log_text, target_text


def exported_tmx_files(workdir: Path) -> list[Path]:
    """The TMX files OmegaT wrote after a run: project_save.tmx and the project-root exports."""
    project = Path(workdir) / "project"
    files = sorted(project.glob("*.tmx"))
    save = project / "omegat" / "project_save.tmx"
    return files + ([save] if save.is_file() else [])
