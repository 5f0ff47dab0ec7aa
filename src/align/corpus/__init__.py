"""The corpus job: folders of documents in two languages -> one translation memory and a build report.

    build_corpus(src_dir, tgt_dir, out_dir, BuildOptions(...)) -> BuildResult   (`align build`)
    mine_files(src_files, tgt_files, out)                                       (`align mine`)

One module per concern: `naming.py` (pairing by file name), `margin.py` (ratio margin with FAISS),
`mining.py` (sentence pairs across unpaired documents), `guards.py` (cheap vetoes for mined pairs),
`pairing.py` (pairing documents by content), `build.py` (stages, processes, part files),
`report.py` (JSON and HTML report), `mine_files.py` (mining alone). Heavy imports stay inside functions.
"""
