"""VGG-16 and VGG-19 from the paper's table: shapes and parameter counts
=====================================================================

Simonyan & Zisserman's Table 1 lists the networks as five stages of 3×3 convolutions (stride 1,
padding 1), each followed by 2×2 max pooling with stride 2, then FC-4096, FC-4096 and FC-1000.
Configuration D (VGG-16) has 2, 2, 3, 3, 3 convolutions in its stages, E (VGG-19) 2, 2, 4, 4, 4:

>>> VGG_CONFIGS[16], VGG_CONFIGS[19]
(((2, 64), (2, 128), (3, 256), (3, 512), (3, 512)),
 ((2, 64), (2, 128), (4, 256), (4, 512), (4, 512)))

On a 3×224×224 image the convolutions keep the size and each pooling halves it, so the five blocks
end at 512×7×7 = 25,088 values, which the first dense layer reads. The shapes come from symbolic
shape inference; no parameter is allocated:

>>> for name, shape in output_shapes(vgg(16), (1, 3, 224, 224)):
...     print(name, shape)
HybridSequential (1, 64, 112, 112)
HybridSequential (1, 128, 56, 56)
HybridSequential (1, 256, 28, 28)
HybridSequential (1, 512, 14, 14)
HybridSequential (1, 512, 7, 7)
Dense (1, 4096)
Dropout (1, 4096)
Dense (1, 4096)
Dropout (1, 4096)
Dense (1, 1000)

Counting the weights and biases layer by layer with the formulas (3·3·c_i·c_o + c_o for a
convolution, n_in·n_out + n_out for a dense layer) gives the same totals as the built networks,
and both round to the paper's Table 2, 138 and 144 million:

>>> counts = count_both()
>>> counts[16]
{'built': 138357544, 'formula': 138357544, 'convolutions': 14714688, 'dense': 123642856}
>>> counts[19]
{'built': 143667240, 'formula': 143667240, 'convolutions': 20024384, 'dense': 123642856}
>>> round(counts[16]["built"] / 1e6), round(counts[19]["built"] / 1e6)
(138, 144)

Nine tenths of VGG-16 are its three dense layers, three quarters the first one alone:

>>> layers = dict(vgg_layers(16))
>>> total = counts[16]["built"]
>>> round(counts[16]["dense"] / total, 3), round(layers["fc6"] / total, 3)
(0.894, 0.743)

VGG-19's three extra convolutions are one with 256 channels and two with 512:

>>> extra = counts[19]["built"] - counts[16]["built"]
>>> extra == layers["conv3_2"] + 2 * layers["conv4_2"], extra
(True, 5309696)
"""

import time

from _classic_nets import VGG_CONFIGS, count_parameters, output_shapes, vgg, vgg_layers
from _glue import glue

INPUT_SHAPE = (1, 3, 224, 224)


def count_both():
    counts = {}
    for depth in (16, 19):
        layers = vgg_layers(depth)
        learned, aux = count_parameters(vgg(depth), INPUT_SHAPE)
        assert aux == 0  # no batch normalization: nothing but weights and biases
        counts[depth] = {
            "built": learned,
            "formula": sum(n for _, n in layers),
            "convolutions": sum(n for name, n in layers if name.startswith("conv")),
            "dense": sum(n for name, n in layers if name.startswith("fc")),
        }
    return counts


if __name__ == "__main__":
    start = time.perf_counter()
    counts = count_both()
    print(f"both networks counted by shape inference in {time.perf_counter() - start:.2f} s\n")
    shapes16, shapes19 = (output_shapes(vgg(depth), INPUT_SHAPE) for depth in (16, 19))
    print("output shape after each block of VGG-16; VGG-19's are the same:", shapes16 == shapes19)
    for (name, shape), (num_convs, _) in zip(shapes16, VGG_CONFIGS[16]):
        print(f"  {num_convs} convolutions + pooling -> {shape}")
    print("\nVGG-16 layer by layer (formula)")
    for name, n in vgg_layers(16):
        print(f"  {name:8s} {n:>12,}")
    for depth, c in counts.items():
        print(f"VGG-{depth}: formula {c['formula']:,}, built network {c['built']:,} "
              f"(convolutions {c['convolutions']:,}, dense layers {c['dense']:,})")
        glue(f"vgg{depth}", c["built"])
        glue(f"vgg{depth}_conv", c["convolutions"])
    glue("vgg_dense", counts[16]["dense"])
    glue("vgg19_extra", counts[19]["built"] - counts[16]["built"])
    glue("vgg16_dense_share", counts[16]["dense"] / counts[16]["built"])
    glue("vgg16_fc6", dict(vgg_layers(16))["fc6"])
    glue("vgg16_fc6_share", dict(vgg_layers(16))["fc6"] / counts[16]["built"])
