"""Models pickled (the validator's cache, the second process's records) come back the
same: the same values and set fields, still frozen."""

from __future__ import annotations

import pickle
from pathlib import Path

import pydantic
import pytest

from shora.load.dataset import load_dataset
from shora.models.common import Model

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def models() -> list[Model]:
    dataset, _, _ = load_dataset(DEMO)
    return [entry.model for entry in dataset.entries()]


def test_every_model_comes_back_the_same() -> None:
    originals = models()
    assert len(originals) > 40
    copies = pickle.loads(pickle.dumps(originals, protocol=pickle.HIGHEST_PROTOCOL))
    for original, copy in zip(originals, copies, strict=True):
        assert type(copy) is type(original)
        assert copy == original
        assert copy.model_dump() == original.model_dump()
        assert copy.model_fields_set == original.model_fields_set
        assert copy.__pydantic_extra__ is None and copy.__pydantic_private__ is None
        with pytest.raises(pydantic.ValidationError):
            copy.id = "other"  # type: ignore[attr-defined,misc]


def test_a_model_with_private_values_is_pickled_as_pydantic_does() -> None:
    original = models()[0]
    object.__setattr__(original, "__pydantic_private__", {"_kept": 1})
    copy = pickle.loads(pickle.dumps(original, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy.__pydantic_private__ == {"_kept": 1}
    assert copy == original
