"""Dense blocks and transition layers: the channel arithmetic
==========================================================

A dense block's layer l (l = 1, ..., L) reads the concatenation of the block's input (c0 channels)
and the outputs of layers 1, ..., l - 1, and outputs k new channels (the growth rate). The block's
output is the concatenation of all of them: c0 + L·k channels, same height and width. The book's
example, 2 layers with k = 10 on a 3-channel input, gives 3 + 2 × 10 = 23 channels; its
transition layer (BN, ReLU, 1×1 convolution to 10 channels, 2×2 average pooling with stride 2)
brings that back to 10 channels and halves height and width:

>>> shapes = book_block_shapes()
>>> shapes
{'input': (4, 3, 8, 8), 'dense block (2 layers, k = 10)': (4, 23, 8, 8), 'transition (10 channels)': (4, 10, 4, 4)}

Layer l sees c0 + (l - 1)·k channels: 3, then 13. Concatenation copies, it does not transform:
the block's input comes out unchanged as its first c0 channels, followed by each layer's output
in order:

>>> concatenation_checks()
{'layer inputs': [3, 13], 'input passes through unchanged': True, 'then layer 1, then layer 2': True}

Its parameters: each layer has a batch normalization over its input (2 per channel) and a 3×3
convolution with bias, 2 × 3 + (9 × 3 × 10 + 10) + 2 × 13 + (9 × 13 × 10 + 10):

>>> count_parameters(DenseBlock(2, 10, use_bias=True), (1, 3, 8, 8))
1492

The book's DenseNet (input 1×96×96): 64 channels after the stem, four dense blocks of 4 layers
with k = 32 (each adds 4 × 32 = 128 channels), transitions halving the channels and the size:
64 -> 192 -> 96 -> 224 -> 112 -> 240 -> 120 -> 248:

>>> [shape[1:] for shape in book_densenet_shapes()]
[(64, 24, 24), (192, 24, 24), (96, 12, 12), (224, 12, 12), (112, 6, 6), (240, 6, 6), (120, 3, 3), (248, 3, 3), (10,)]

DenseNet-121 follows the same arithmetic with blocks of 6, 12, 24 and 16 layers (k = 32) and a
3×224×224 input: 64 + 6 × 32 = 256, halved to 128; 128 + 12 × 32 = 512 -> 256; 256 + 24 × 32 = 1024
-> 512; 512 + 16 × 32 = 1024:

>>> [shape[1:] for shape in densenet121_shapes()]
[(64, 56, 56), (256, 56, 56), (128, 28, 28), (512, 28, 28), (256, 14, 14), (1024, 14, 14), (512, 7, 7), (1024, 7, 7), (1000,)]
"""

import functools

import mxnet as mx
from mxnet import nd

from _glue import glue
from _modern_nets import (DenseBlock, book_densenet, count_parameters, densenet121,
                          stage_shapes, transition)


@functools.lru_cache(maxsize=None)
def book_block_shapes():
    mx.random.seed(0)
    X = nd.random.uniform(shape=(4, 3, 8, 8))
    block, trans = DenseBlock(2, 10, use_bias=True), transition(10, use_bias=True)
    block.initialize()
    trans.initialize()
    Y = block(X)
    return {"input": X.shape, "dense block (2 layers, k = 10)": Y.shape,
            "transition (10 channels)": trans(Y).shape}


@functools.lru_cache(maxsize=None)
def concatenation_checks():
    mx.random.seed(0)
    X = nd.random.uniform(shape=(4, 3, 8, 8))
    block = DenseBlock(2, 10, use_bias=True)
    block.initialize()
    Y = block(X)
    layer1, layer2 = block.layers[0], block.layers[1]
    out1 = layer1(X)
    out2 = layer2(nd.concat(X, out1, dim=1))
    expected = nd.concat(X, out1, out2, dim=1)
    return {
        "layer inputs": [layer[0].gamma.shape[0] for layer in (layer1, layer2)],  # BN's width
        "input passes through unchanged": bool((Y[:, :3] == X).min().asscalar()),
        "then layer 1, then layer 2": bool(abs(Y - expected).max().asscalar() < 1e-6),
    }


@functools.lru_cache(maxsize=None)
def book_densenet_shapes():
    """After the stem (conv, BN, ReLU, max pool), each dense block and transition, and the end."""
    shapes = stage_shapes(book_densenet(), (1, 1, 96, 96))
    return [shapes[3]] + shapes[4:11] + [shapes[-1]]


@functools.lru_cache(maxsize=None)
def densenet121_shapes():
    shapes = stage_shapes(densenet121(), (1, 3, 224, 224))
    return [shapes[3]] + shapes[4:11] + [shapes[-1]]


if __name__ == "__main__":
    for name, shape in book_block_shapes().items():
        print(f"{name:32s} {shape}")
    print(concatenation_checks())
    block_params = glue("block_params", count_parameters(DenseBlock(2, 10, use_bias=True), (1, 3, 8, 8)))
    print(f"parameters of the dense block (2 layers, k = 10, 3 input channels): {block_params:,d}")
    names = ["stem"] + [f"{kind} {i}" for i in range(1, 5) for kind in ("dense block", "transition")
                        ][:7] + ["output"]
    for title, shapes in (("book's DenseNet, input (1, 1, 96, 96)", book_densenet_shapes()),
                          ("DenseNet-121, input (1, 3, 224, 224)", densenet121_shapes())):
        print(f"\n{title}:")
        for name, shape in zip(names, shapes):
            print(f"  {name:14s} {shape}")
