"""NiN: 1×1 convolutions as a per-pixel MLP, and global average pooling as the classifier
======================================================================================

A NiN block is a k×k convolution followed by two 1×1 convolutions, each with ReLU. A 1×1
convolution mixes the channels of one pixel and nothing else, so the two of them are a two-layer
MLP applied to every pixel's vector of channels with the same weights. Two ``Dense`` layers given
those weights (``flatten=False``: they act on the last axis) reproduce the block exactly:

>>> block_out, mlp_out = block_versus_mlp()
>>> block_out.shape, bool(abs(block_out - mlp_out).max() < 1e-5)
((1, 8, 6, 6), True)

NiN has no dense layers. Its last block has one output channel per class, and global average
pooling turns each channel's map into one number, the class's logit, with no parameters at all.
Against the three dense layers of the book's AlexNet, on 3×224×224 images and 1000 classes:

>>> heads = classifier_heads()
>>> heads["AlexNet: 3 dense layers"], heads["NiN: global average pooling"]
(47096808, 0)

The price is paid elsewhere: with 1000 classes, the last NiN block works on 1000 channels, and its
two 1×1 convolutions (1000·1000 weights each) make it the largest part of the network:

>>> share = last_block_share()
>>> last, whole = share["last block"], share["whole network"]
>>> last, whole, round(last / whole, 2)
(5459000, 7439608, 0.73)

Without dense layers, nothing ties the parameters to the image size: NiN has the same parameters on
224×224 and 256×256 images, while AlexNet's first dense layer reads 256·5·5 = 6400 values in the
first case and 256·6·6 = 9216 in the second, so its weights no longer fit:

>>> for size, compared in sizes_compared().items():
...     print(size, compared)
224 {'NiN': 7439608, 'AlexNet': 50844008, 'AlexNet dense input': (1, 256, 5, 5)}
256 {'NiN': 7439608, 'AlexNet': 62378344, 'AlexNet dense input': (1, 256, 6, 6)}
"""

from mxnet import nd
from mxnet.gluon import nn

import _train
from _classic_nets import (alexnet, alexnet_layers, count_parameters, nin, nin_block, nin_layers,
                           output_shapes)
from _glue import glue


def block_versus_mlp():
    _train.seed(0)
    X = nd.random.normal(shape=(1, 3, 6, 6))
    block = nin_block(8, kernel_size=3, strides=1, padding=1)
    block.initialize()
    conv, one_a, one_b = block[0], block[1], block[2]
    H = conv(X)  # the k×k convolution: 8 channels per pixel
    block_out = block(X)

    mlp = nn.Sequential()
    mlp.add(nn.Dense(8, activation="relu", flatten=False),
            nn.Dense(8, activation="relu", flatten=False))
    mlp.initialize()
    pixels = H.transpose((0, 2, 3, 1))  # (batch, height, width, channels): one vector per pixel
    mlp(pixels)  # first call fixes the shapes; then copy the 1×1 kernels in
    for dense, conv1x1 in zip(mlp, (one_a, one_b)):
        kernel = conv1x1.weight.data().asnumpy()  # (8 out, 8 in, 1, 1)
        dense.weight.set_data(nd.array(kernel.reshape(8, 8)))
        dense.bias.set_data(conv1x1.bias.data())
    mlp_out = mlp(pixels).transpose((0, 3, 1, 2))
    return block_out.asnumpy(), mlp_out.asnumpy()


def classifier_heads():
    dense = sum(n for name, n in alexnet_layers() if name.startswith("dense"))
    global_average_pooling = count_parameters(nn.GlobalAvgPool2D(), (1, 1000, 5, 5))[0]
    return {"AlexNet: 3 dense layers": dense, "NiN: global average pooling": global_average_pooling}


def last_block_share():
    layers = nin_layers()
    return {"last block": sum(n for name, n in layers if name.startswith("block4")),
            "whole network": count_parameters(nin(), (1, 3, 224, 224))[0]}


def sizes_compared():
    compared = {}
    for size in (224, 256):
        shape = (1, 3, size, size)
        compared[size] = {"NiN": count_parameters(nin(), shape)[0],
                          "AlexNet": count_parameters(alexnet(), shape)[0],
                          "AlexNet dense input": output_shapes(alexnet(), shape)[7][1]}
    return compared


if __name__ == "__main__":
    block_out, mlp_out = block_versus_mlp()
    print("NiN block versus a per-pixel MLP with the same weights: largest difference",
          f"{abs(block_out - mlp_out).max():.1e}")
    print("\nNiN, layer by layer (3×224×224 images, 1000 classes)")
    for name, n in nin_layers():
        print(f"  {name:16s} {n:>10,}")
    heads = classifier_heads()
    for name, n in heads.items():
        print(f"{name}: {n:,} parameters")
    share = last_block_share()
    print(f"NiN: {share['whole network']:,} parameters, "
          f"{share['last block']:,} of them in the last block")
    for size, c in sizes_compared().items():
        print(f"{size}×{size} images: NiN {c['NiN']:,} parameters; AlexNet {c['AlexNet']:,}, its "
              f"first dense layer reads {c['AlexNet dense input'][1:]}")
    glue("alexnet_dense", heads["AlexNet: 3 dense layers"])
    glue("nin_total", share["whole network"])
    glue("nin_last_block", share["last block"])
    glue("nin_last_share", share["last block"] / share["whole network"])
