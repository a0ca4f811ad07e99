"""Build tiny, offline Hugging Face fixtures: a random causal LM, a classifier, datasets and LoRA adapters.

Usable as a script (``python tests/tinyhf.py OUTDIR`` prints a JSON summary of the paths) or as
functions (``build_all(outdir)``).  Only the standard library is imported at module level; torch,
transformers, tokenizers, datasets and peft are imported inside the functions, so importing this
module costs nothing in an environment without them.  Everything is seeded and built on CPU in a few
seconds, with no network access (the HF offline variables are set before transformers is imported).

Layout of OUTDIR after ``build_all``::

    model/                  tiny Llama causal LM + tokenizer (AutoModelForCausalLM, AutoTokenizer, pipeline)
    model-sharded/          the same weights, sharded (model.safetensors.index.json + model-0000x-of-0000y)
    model-cls/              LlamaForSequenceClassification, num_labels=2, same tokenizer
    adapter-a/, adapter-b/  LoRA adapters on model/ (q_proj, v_proj), seeds 1 and 2, non-zero init
    data/train.jsonl        16 rows {"text": ..., "label": 0|1}
    data/jsonl/             a folder holding only that file (what `load_dataset(folder)` reads)
    data/dataset/           datasets.Dataset.save_to_disk of those rows
    data/dataset_dict/      DatasetDict(train=12 rows, validation=4 rows)
    data/tokenized/         DatasetDict(train, validation) with input_ids, attention_mask, labels (fixed length)
    tinyhf.json             the summary printed by the script
"""

from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from pathlib import Path

SEED = 0
SEQ_LEN = 32  # fixed length of data/tokenized rows
VOCAB_SIZE = 320  # 256 byte-level symbols + specials + a few merges
SPECIAL_TOKENS = {"pad_token": "<pad>", "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"}
CHAT_TOKENS = ["<|system|>", "<|user|>", "<|assistant|>"]
# Zephyr-style template; works with add_generation_prompt and with a system message.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>\n' + message['content'] + eos_token + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}"
)
# ~70k parameters.  Every quantizable Linear has in_features a multiple of 64 (bitsandbytes' 4-bit
# blocksize) and out_features a multiple of 32 (its CPU packing block): a hidden size of 16 or 32 loads
# in 4-bit but fails at generate() on CPU ("N must be divisible by block_n", "shape '[32, 0]' is invalid").
MODEL_CONFIG = {
    "hidden_size": 64,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,  # grouped-query attention, as in Llama 3: k_proj/v_proj are 64 -> 32
    "max_position_embeddings": 128,
    "tie_word_embeddings": True,  # lm_head shares embed_tokens, as in most small chat models
}
LORA_TARGETS = ["q_proj", "v_proj"]

_POSITIVE = [
    "the movie was great and the actors were wonderful",
    "i loved this book and would read it again",
    "a delightful meal with friendly staff",
    "the new phone works perfectly and the battery lasts",
    "what a beautiful sunny day in the park",
    "the concert was amazing and the crowd was happy",
    "this library is fast and easy to use",
    "our team won the match after a great effort",
]
_NEGATIVE = [
    "the movie was boring and far too long",
    "i hated this book and could not finish it",
    "the food was cold and the staff were rude",
    "the phone broke after one day and support ignored me",
    "a gloomy rainy day ruined the picnic",
    "the concert was loud and the sound was terrible",
    "this library is slow and the docs are confusing",
    "our team lost badly and played without spirit",
]


def _offline() -> None:
    """Make every HF library offline and quiet (process-wide: env variables, log levels, progress bars)."""
    for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("DATASETS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # bitsandbytes (imported by peft when installed) warns on CPUs with avx512bf16 that it cannot fetch a Hub kernel
    logging.getLogger("bitsandbytes").setLevel(logging.ERROR)
    import datasets
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()  # the env variable is too late if transformers was imported first
    datasets.logging.set_verbosity_error()
    datasets.disable_progress_bars()


def rows() -> list[dict]:
    """The 16 labelled rows (label 1 = positive), interleaved so any prefix is balanced."""
    out = []
    for pos, neg in zip(_POSITIVE, _NEGATIVE, strict=True):
        out.append({"text": pos, "label": 1})
        out.append({"text": neg, "label": 0})
    return out


def _corpus() -> list[str]:
    chat = ["<|user|>\nhello there</s>\n<|assistant|>\nhi, how can i help?</s>\n"]
    return [r["text"] for r in rows()] + chat


def build_tokenizer(path: str | os.PathLike | None = None):
    """Train a byte-level BPE tokenizer on the tiny corpus; save it to path if given; return it."""
    _offline()
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = list(SPECIAL_TOKENS.values()) + CHAT_TOKENS
    tok = Tokenizer(models.BPE(unk_token=SPECIAL_TOKENS["unk_token"]))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB_SIZE,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_corpus(), trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        additional_special_tokens=CHAT_TOKENS,
        model_max_length=MODEL_CONFIG["max_position_embeddings"],
        padding_side="right",
        **SPECIAL_TOKENS,
    )
    fast.chat_template = CHAT_TEMPLATE
    if path is not None:
        fast.save_pretrained(str(path))
    return fast


def _config(tokenizer, **extra):
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=len(tokenizer),
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        **MODEL_CONFIG,
        **extra,
    )


def build_model(path: str | os.PathLike, tokenizer=None, *, sharded_path=None, seed: int = SEED):
    """Save a random tiny LlamaForCausalLM (+ tokenizer) to path, and sharded to sharded_path if given."""
    _offline()
    import torch
    from transformers import GenerationConfig, LlamaForCausalLM

    tokenizer = tokenizer or build_tokenizer()
    torch.manual_seed(seed)
    model = LlamaForCausalLM(_config(tokenizer)).eval()
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        do_sample=False,
        max_new_tokens=8,
    )
    for target, kwargs in ((path, {}), (sharded_path, {"max_shard_size": "64KB"})):
        if target is not None:
            model.save_pretrained(str(target), **kwargs)
            tokenizer.save_pretrained(str(target))
    return model


def build_classifier(path: str | os.PathLike, tokenizer=None, *, seed: int = SEED):
    """Save a random tiny LlamaForSequenceClassification (num_labels=2) + tokenizer to path."""
    _offline()
    import torch
    from transformers import LlamaForSequenceClassification

    tokenizer = tokenizer or build_tokenizer()
    torch.manual_seed(seed)
    config = _config(
        tokenizer, num_labels=2, id2label={0: "NEGATIVE", 1: "POSITIVE"}, label2id={"NEGATIVE": 0, "POSITIVE": 1}
    )
    model = LlamaForSequenceClassification(config).eval()
    model.save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return model


def build_data(path: str | os.PathLike, tokenizer=None, *, seq_len: int = SEQ_LEN) -> dict[str, str]:
    """Write train.jsonl, dataset/, dataset_dict/ and tokenized/ under path; return their paths."""
    _offline()
    from datasets import Dataset, DatasetDict

    tokenizer = tokenizer or build_tokenizer()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    data = rows()
    jsonl = path / "train.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")
    (path / "jsonl").mkdir(exist_ok=True)  # a folder of data files only, as `load_dataset(folder)` reads
    (path / "jsonl" / "train.jsonl").write_text(jsonl.read_text(encoding="utf-8"), encoding="utf-8")
    ds = Dataset.from_list(data)
    ds.save_to_disk(str(path / "dataset"))
    dd = DatasetDict(train=Dataset.from_list(data[:12]), validation=Dataset.from_list(data[12:]))
    dd.save_to_disk(str(path / "dataset_dict"))

    def tokenize(batch):
        texts = [t + tokenizer.eos_token for t in batch["text"]]
        enc = tokenizer(texts, padding="max_length", truncation=True, max_length=seq_len)
        enc["labels"] = [
            [tid if m else -100 for tid, m in zip(ids, mask, strict=True)]
            for ids, mask in zip(enc["input_ids"], enc["attention_mask"], strict=True)
        ]
        return enc

    tokenized = dd.map(tokenize, batched=True, remove_columns=["text", "label"])
    tokenized.save_to_disk(str(path / "tokenized"))
    return {
        "jsonl": str(jsonl),
        "jsonl_dir": str(path / "jsonl"),
        "dataset": str(path / "dataset"),
        "dataset_dict": str(path / "dataset_dict"),
        "tokenized": str(path / "tokenized"),
    }


def build_adapter(path: str | os.PathLike, model_dir: str | os.PathLike, *, seed: int, r: int = 4):
    """Save a LoRA adapter on model_dir's q_proj/v_proj, randomly initialised (B non-zero) with seed."""
    _offline()
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(str(model_dir))
    config = LoraConfig(
        r=r,
        lora_alpha=2 * r,
        lora_dropout=0.0,
        target_modules=list(LORA_TARGETS),
        task_type="CAUSAL_LM",
        init_lora_weights=False,  # random A and B, so the adapter changes the output
    )
    torch.manual_seed(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # peft calls deprecated transformers helpers
        peft_model = get_peft_model(base, config)
    peft_model.save_pretrained(str(path))
    return peft_model


def build_all(outdir: str | os.PathLike, *, force: bool = False) -> dict:
    """Build every fixture under outdir (reused if tinyhf.json is already there) and return the summary."""
    outdir = Path(outdir)
    summary_file = outdir / "tinyhf.json"
    if summary_file.is_file() and not force:
        return json.loads(summary_file.read_text(encoding="utf-8"))
    outdir.mkdir(parents=True, exist_ok=True)
    tokenizer = build_tokenizer()
    model_dir, sharded_dir, cls_dir = outdir / "model", outdir / "model-sharded", outdir / "model-cls"
    build_model(model_dir, tokenizer, sharded_path=sharded_dir)
    build_classifier(cls_dir, tokenizer)
    data = build_data(outdir / "data", tokenizer)
    build_adapter(outdir / "adapter-a", model_dir, seed=1)
    build_adapter(outdir / "adapter-b", model_dir, seed=2)
    summary = {
        "root": str(outdir),
        "model": str(model_dir),
        "model_sharded": str(sharded_dir),
        "model_sharded_index": str(sharded_dir / "model.safetensors.index.json"),
        "model_cls": str(cls_dir),
        "adapter_a": str(outdir / "adapter-a"),
        "adapter_b": str(outdir / "adapter-b"),
        "lora_target_modules": list(LORA_TARGETS),
        "seq_len": SEQ_LEN,
        "data": data,
    }
    summary_file.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python tests/tinyhf.py OUTDIR", file=sys.stderr)
        return 2
    print(json.dumps(build_all(argv[0], force=True), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
