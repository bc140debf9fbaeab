"""Why DenseNet-121 has a third of ResNet-50's parameters
=======================================================

Both built as in their papers for 3×224×224 images and 1,000 classes (``_modern_nets.py``), both
counted by shape inference. DenseNet-121 is the deeper network and the much smaller one:

>>> totals = totals()
>>> totals["DenseNet-121"], totals["ResNet-50"]
(7978856, 25557032)
>>> totals["DenseNet-121"] == PUBLISHED_DENSENET_121
True
>>> round(totals["ResNet-50"] / totals["DenseNet-121"], 1)
3.2
>>> weighted_layers(densenet121()), weighted_layers(resnet(50))
(121, 50)

Where ResNet-50's parameters are: its blocks read and write the full width of the residual stream
(256 to 2,048 channels), and the last stage alone holds more than half of them:

>>> stages = stage_parameters()
>>> bool(stages["ResNet-50"]["conv5_x"] > totals["ResNet-50"] / 2)
True

Layer for layer, at the same 14×14 resolution: a ResNet-50 bottleneck block in conv4_x maps 1,024
channels to 256, 256 and back to 1,024; a DenseNet-121 layer in dense block 3 maps its input
(256 to 992 channels) to 4k = 128 and then to only k = 32 new channels. The block costs about 9
times the average layer:

>>> per_layer = per_layer_cost()
>>> per_layer["ResNet-50 conv4_x block"]
1117184
>>> round(per_layer["DenseNet-121 block-3 layer (mean)"])
118240

What keeps DenseNet small, switched off one at a time in DenseNet-121's layout: without the 1×1
bottleneck layers (B), without the transitions' halving of the channels (C), without both, and
with a growth rate of 64 instead of 32. Even without B and C it stays below ResNet-50; doubling
the growth rate takes it above:

>>> variants = variant_counts()
>>> variants
{'DenseNet-BC (k = 32), i.e. DenseNet-121': 7978856, 'no bottleneck': 10869096, 'no compression': 13908584, 'neither': 20812904, 'DenseNet-BC, k = 64': 29234680}
>>> variants["neither"] < totals["ResNet-50"] < variants["DenseNet-BC, k = 64"]
True
"""

import functools

from _glue import glue
from _modern_nets import (count_parameters, densenet, densenet121, infer_shapes, num_elements,
                          resnet, weighted_layers)

INPUT = (1, 3, 224, 224)
PUBLISHED_DENSENET_121 = 7_978_856  # torchvision's count: learned parameters, γ and β included
DENSENET_121_LAYERS = (6, 12, 24, 16)


@functools.lru_cache(maxsize=None)
def totals():
    return {"DenseNet-121": count_parameters(densenet121(), INPUT),
            "ResNet-50": count_parameters(resnet(50), INPUT)}


def per_child(net):
    """Learned parameters of each child of a Sequential net, from one shape inference."""
    args, _, _ = infer_shapes(net, INPUT)
    return [sum(num_elements(args[name]) for name in child.collect_params().keys() if name in args)
            for child in net._children.values()]


@functools.lru_cache(maxsize=None)
def stage_parameters():
    res = per_child(resnet(50))
    dense = per_child(densenet121())  # stem: 4 children; then block, transition, ...; then 4
    return {
        "ResNet-50": dict(zip(("conv1", "conv2_x", "conv3_x", "conv4_x", "conv5_x", "head"), res)),
        "DenseNet-121": {"stem": sum(dense[:4]),
                         **{(f"block {i // 2 + 1}" if i % 2 == 0 else f"transition {i // 2 + 1}"):
                            dense[4 + i] for i in range(7)},
                         "head": sum(dense[11:])},
    }


@functools.lru_cache(maxsize=None)
def per_layer_cost():
    conv4 = resnet(50)[3]  # conv4_x: 6 bottleneck blocks, the first with a projection
    block = conv4[1]
    args, _, _ = infer_shapes(block, (1, 1024, 14, 14))
    dense_block_3 = stage_parameters()["DenseNet-121"]["block 3"]
    return {"ResNet-50 conv4_x block": sum(num_elements(s) for s in args.values()),
            "DenseNet-121 block-3 layer (mean)": dense_block_3 / DENSENET_121_LAYERS[2]}


@functools.lru_cache(maxsize=None)
def variant_counts():
    builders = {
        "DenseNet-BC (k = 32), i.e. DenseNet-121": lambda: densenet121(),
        "no bottleneck": lambda: densenet(DENSENET_121_LAYERS, bottleneck=None),
        "no compression": lambda: densenet(DENSENET_121_LAYERS, compression=1.0),
        "neither": lambda: densenet(DENSENET_121_LAYERS, bottleneck=None, compression=1.0),
        "DenseNet-BC, k = 64": lambda: densenet(DENSENET_121_LAYERS, growth_rate=64),
    }
    return {name: count_parameters(build(), INPUT) for name, build in builders.items()}


if __name__ == "__main__":
    totals_ = totals()
    for name, count in totals_.items():
        print(f"{name:13s} {count:12,d} parameters")
    glue("densenet121", totals_["DenseNet-121"])
    glue("resnet50", totals_["ResNet-50"])
    glue("ratio", totals_["ResNet-50"] / totals_["DenseNet-121"])
    glue("conv5_share", stage_parameters()["ResNet-50"]["conv5_x"] / totals_["ResNet-50"])
    for name, stages in stage_parameters().items():
        print(f"\n{name}, parameters per stage:")
        for stage, count in stages.items():
            print(f"  {stage:13s} {count:12,d}  {count / totals_[name]:6.1%}")
    print()
    costs = per_layer_cost()
    for name, cost in costs.items():
        print(f"{name:34s} {cost:12,.0f}")
    glue("resnet_block_cost", costs["ResNet-50 conv4_x block"])
    glue("dense_layer_cost", costs["DenseNet-121 block-3 layer (mean)"])
    print("\nDenseNet-121's layout, one design choice changed at a time:")
    variants = variant_counts()
    for name, count in variants.items():
        print(f"  {name:40s} {count:12,d}")
    for key, name in (("no_bottleneck", "no bottleneck"), ("no_compression", "no compression"),
                      ("neither", "neither"), ("k64", "DenseNet-BC, k = 64")):
        glue(f"variant_{key}", variants[name])
    glue("k64_ratio", variants["DenseNet-BC, k = 64"] / totals_["DenseNet-121"])
