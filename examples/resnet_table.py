"""ResNet-18 to ResNet-152 from the paper's Table 1, counted without allocating them
==================================================================================

He et al. (2015), Table 1: a 7×7 convolution and a 3×3 max pool, four stages conv2_x ... conv5_x
of residual blocks with 64, 128, 256, 512 channels, halving height and width from the second stage
on, then global average pooling and a 1,000-way dense layer. ResNet-18/34 use the *basic* block
(two 3×3 convolutions); ResNet-50/101/152 the *bottleneck* block (1×1 down to the stage's width,
3×3, 1×1 up to 4 × the width). The builders are in ``_modern_nets.py``.

The name counts the layers with weights on the main path: the first convolution, every
convolution inside the blocks, and the dense layer (the 1×1 projection shortcuts are not counted):

>>> {depth: weighted_layers(resnet(depth)) for depth in RESNET_TABLE}
{18: 18, 34: 34, 50: 50, 101: 101, 152: 152}

Shapes after each stage, for one 3×224×224 image (conv1 includes the max pool):

>>> stage_shapes(resnet(18), (1, 3, 224, 224))
[(1, 64, 56, 56), (1, 64, 56, 56), (1, 128, 28, 28), (1, 256, 14, 14), (1, 512, 7, 7), (1, 1000)]
>>> stage_shapes(resnet(50), (1, 3, 224, 224))
[(1, 64, 56, 56), (1, 256, 56, 56), (1, 512, 28, 28), (1, 1024, 14, 14), (1, 2048, 7, 7), (1, 1000)]

Learned parameters (weights, biases, batch normalization's γ and β), found by symbolic shape
inference, match the published counts exactly:

>>> counts = count_all()
>>> {depth: counts[depth]["params"] == PUBLISHED[depth] for depth in RESNET_TABLE}
{18: True, 34: True, 50: True, 101: True, 152: True}

Counting did not allocate a single parameter: ResNet-152's 60 million are still uninitialized
after ``count_parameters(net, (1, 3, 224, 224))``:

>>> net = counts[152]["net"]
>>> len(net.collect_params().keys()), allocated(net)
(777, 0)

The running means and variances of batch normalization are not in those counts; MXNet calls them
auxiliary states:

>>> counts[50]["running_statistics"]
53120

The book's ResNet-18 (section 5.11) is another network: one input channel, 10 classes, and
convolutions with a bias. Same blocks, about half a million fewer parameters, nearly all of them
in the 512 × 1,000 dense layer it does not have:

>>> count_parameters(book_resnet18(), (1, 1, 224, 224))
11178378
"""

import functools
import time

from _glue import glue
from _modern_nets import (RESNET_TABLE, STAGE_NAMES, book_resnet18, count_parameters,
                          infer_shapes, num_elements, resnet, stage_shapes, weighted_layers)

# torchvision's counts for its ResNets, which follow Table 1 and count γ and β but not the
# running statistics.
PUBLISHED = {18: 11_689_512, 34: 21_797_672, 50: 25_557_032, 101: 44_549_160, 152: 60_192_808}
INPUT = (1, 3, 224, 224)


def allocated(net):
    """How many of the net's parameters hold data."""
    count = 0
    for param in net.collect_params().values():
        try:
            param.data()
            count += 1
        except RuntimeError:  # "Parameter ... has not been initialized"
            pass
    return count


@functools.lru_cache(maxsize=None)
def count_all():
    """Build each ResNet and count its parameters; time both steps together."""
    counts = {}
    for depth in RESNET_TABLE:
        start = time.perf_counter()
        net = resnet(depth)
        params = count_parameters(net, INPUT)
        seconds = time.perf_counter() - start
        _, _, running = infer_shapes(net, INPUT)
        counts[depth] = {"params": params, "seconds": seconds, "net": net,
                         "running_statistics": sum(num_elements(s) for s in running.values())}
    return counts


if __name__ == "__main__":
    counts = count_all()
    print(f"{'':10s} {'block':10s} {'blocks per stage':16s} {'parameters':>12s} "
          f"{'published':>12s} {'running stats':>13s} {'build + count':>13s}")
    for depth, (kind, blocks) in RESNET_TABLE.items():
        c = counts[depth]
        print(f"ResNet-{depth:<3d} {kind:10s} {str(blocks):16s} {c['params']:12,d} "
              f"{PUBLISHED[depth]:12,d} {c['running_statistics']:13,d} {c['seconds']:12.2f}s")
        glue(f"params_{depth}", c["params"])
        glue(f"published_{depth}", PUBLISHED[depth])
    glue("seconds_all", sum(c["seconds"] for c in counts.values()))
    glue("running_50", counts[50]["running_statistics"])
    net = counts[152]["net"]
    arrays = glue("arrays_152", len(net.collect_params().keys()))
    print(f"after counting, {allocated(net)} of ResNet-152's {arrays} parameter arrays hold data")
    book = glue("book_resnet18", count_parameters(book_resnet18(), (1, 1, 224, 224)))
    print(f"the book's ResNet-18 (1×224×224 input, 10 classes): {book:,d} parameters")
    for depth in (18, 50):
        print(f"\nResNet-{depth}, output shape after each stage:")
        for name, shape in zip(STAGE_NAMES, stage_shapes(resnet(depth), INPUT)):
            print(f"  {name:8s} {shape}")
