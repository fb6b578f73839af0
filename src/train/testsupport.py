"""What the Python tests share: the reason a test is skipped where Debian's PyTorch is missing, and
a tiny model configuration. Named so that pytest does not collect it as a test module."""
import importlib
import os
import sys

import datagen

# Widths small enough for a model built in milliseconds, odd enough to catch a swapped dimension.
TINY = dict(emb=8, enc_hidden=12, pos_dim=6, attn=10, dec_hidden=14, out_hidden=9)


def missing(*modules, debian="python3-torch"):
    """None when every module imports; else why not, naming the Debian package that provides it
    (reported by pytest -rs and run_tests.sh, so a skip is never silent)."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as e:
            return f"{name} is not installed for {sys.executable} ({e}); install Debian's {debian}"
    return None


def missing_words():
    """None when the generator's word list exists; else why not."""
    if os.path.exists(datagen.WORD_LIST):
        return None
    return f"{datagen.WORD_LIST} is missing; install Debian's wamerican"
