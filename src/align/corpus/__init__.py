"""The corpus job: folders of documents in two languages -> one translation memory and a build report.

    build_corpus(src_dir, tgt_dir, out_dir, BuildOptions(...)) -> BuildResult   (`align build`)
    mine_files(src_files, tgt_files, out)                                       (`align mine`)

One module per concern: `folders.py` (checks before writing, staging of the outputs), `naming.py` (pairing
by file name), `tasks.py` (the per-document and per-pair work, run in worker processes), `runners.py`
(where tasks run: inline, a process pool, a Dask cluster), `parts.py` (part files keyed by content: resumable
and incremental builds), `margin.py` (ratio margin with FAISS), `grouping.py` (near-duplicate sentences),
`mining.py` (sentence pairs across unpaired documents), `guards.py` (cheap vetoes for mined pairs),
`pairing.py` (pairing documents by content), `build.py` (plan, align, write), `report.py` (JSON and HTML
report), `progress.py` (bars or plain lines), `mine_files.py` (mining alone), `local_cluster.py` (a Dask
cluster on this machine, for tests and benchmarks). Heavy imports stay inside functions.
"""
