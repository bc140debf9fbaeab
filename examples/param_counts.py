"""Parameter counts of AlexNet, VGG, NiN and GoogLeNet in one table
=================================================================

Each row of ``ROWS`` names a network, its builder (returning an uninitialized Gluon block), the
input shape, and where they exist the published count with its source and a formula (layer-by-layer
counts from the configuration tables). ``table()`` counts every built network by symbolic shape
inference, which allocates nothing and takes well under a second even for VGG-19:

>>> rows = table()
>>> max(row["seconds"] for row in rows) < 1
True

The count of the built network equals the formula's for every row that has one:

>>> [row["name"] for row in rows if row["formula"] is not None and row["formula"] != row["built"]]
[]

These networks have no batch normalization, so the "parameters" are all weights and biases; a
network with batch norm also has running means and variances, which the table counts apart
(``count_parameters`` returns them second) because gradient descent does not learn them:

>>> [row["aux"] for row in rows]
[0, 0, 0, 0, 0, 0, 0]

Symbolic counting agrees with counting an initialized network's arrays. Gluon's
``collect_params()`` lists batch norm's running statistics too, so there the two kinds add up:

>>> initialized_check()
{'LeNet': (19754, 0, 19754), 'NiN, 10 classes': (2015398, 0, 2015398),
 'convolution + batch norm': (240, 16, 256)}

Against the papers: VGG's Table 2 gives millions, and the built networks round to them.

>>> counts = {row["name"]: row["built"] for row in rows}
>>> [round(counts[f"VGG-{d}"] / 1e6) for d in (11, 16, 19)]
[133, 138, 144]

The AlexNet paper says "60 million". Its network splits the 2nd, 4th and 5th convolutions into two
groups, one per GPU, and takes 227×227 images: the paper writes 224×224, but its first
convolution's 55×55 output needs 227. It has 61.0 million parameters; the book's single-GPU AlexNet
on 224×224 images has 50.8 million:

>>> from _classic_nets import output_shapes
>>> [output_shapes(alexnet(groups=2), (1, 3, size, size))[0][1] for size in (224, 227)]
[(1, 96, 54, 54), (1, 96, 55, 55)]
>>> counts["AlexNet (paper, 2 GPUs)"], counts["AlexNet (book)"]
(60965224, 50844008)

NiN and GoogLeNet are 7 to 21 times smaller than the others:

>>> small = [counts["NiN (book)"], counts["GoogLeNet (book)"]]
>>> big = [n for name, n in counts.items() if name.startswith(("AlexNet", "VGG"))]
>>> round(min(big) / max(small)), round(max(big) / min(small))
(7, 21)

Most of AlexNet's and VGG's parameters sit in their dense layers; NiN has none and GoogLeNet one,
1024 × 1000:

>>> {row["name"]: round(row["dense share"], 3) for row in rows}
{'AlexNet (book)': 0.926, 'AlexNet (paper, 2 GPUs)': 0.962, 'VGG-11': 0.931, 'VGG-16': 0.894,
 'VGG-19': 0.861, 'NiN (book)': 0.0, 'GoogLeNet (book)': 0.146}

GoogLeNet's other saving is the 1×1 convolutions in front of its 3×3 and 5×5 ones, which cut the
channels first. In block 3a, the 5×5 path reads 192 channels and writes 32; through 16 channels
it needs a tenth of the parameters. Without these bottlenecks, GoogLeNet would be 3.6 times larger:

>>> five_by_five_path()
{'direct 5×5': 153632, '1×1 to 16, then 5×5': 15920}
>>> bottleneck = bottleneck_effect()
>>> bottleneck, round(bottleneck["without"] / bottleneck["with"], 1)
({'with': 6998552, 'without': 25305944}, 3.6)
"""

import functools
import math
import time
from collections import namedtuple

from mxnet import nd
from mxnet.gluon import nn

import _train
from _classic_nets import (alexnet, alexnet_layers, conv_params, count_parameters, googlenet,
                           googlenet_layers, lenet, nin, nin_layers, parameter_shapes, vgg,
                           vgg_layers)
from _glue import glue

# One row per network. ``published`` is the number the source prints (None if there is none),
# ``formula`` a function returning [(layer, count)] (None to skip that column).
Row = namedtuple("Row", "name build input_shape published source formula",
                 defaults=(None, "", None))
IMAGENET = (1, 3, 224, 224)
ROWS = [
    Row("AlexNet (book)", alexnet, IMAGENET, formula=alexnet_layers),
    Row("AlexNet (paper, 2 GPUs)", functools.partial(alexnet, groups=2), (1, 3, 227, 227),
        60e6, "paper: '60 million'", functools.partial(alexnet_layers, 227, groups=2)),
    Row("VGG-11", functools.partial(vgg, 11), IMAGENET, 133e6, "paper, Table 2",
        functools.partial(vgg_layers, 11)),
    Row("VGG-16", functools.partial(vgg, 16), IMAGENET, 138e6, "paper, Table 2",
        functools.partial(vgg_layers, 16)),
    Row("VGG-19", functools.partial(vgg, 19), IMAGENET, 144e6, "paper, Table 2",
        functools.partial(vgg_layers, 19)),
    Row("NiN (book)", nin, IMAGENET, formula=nin_layers),
    Row("GoogLeNet (book)", googlenet, IMAGENET, formula=googlenet_layers),
]


@functools.lru_cache(maxsize=None)
def table():
    results = []
    for row in ROWS:
        start = time.perf_counter()
        learned, aux = parameter_shapes(row.build(), row.input_shape)
        seconds = time.perf_counter() - start
        sizes = {name: math.prod(shape) for name, shape in learned.items()}
        built = sum(sizes.values())
        # Gluon names a Dense layer's parameters denseN_weight and denseN_bias.
        dense = sum(n for name, n in sizes.items() if name.startswith("dense"))
        results.append({
            "name": row.name, "input": "×".join(map(str, row.input_shape[1:])),
            "built": built, "aux": sum(math.prod(shape) for shape in aux.values()),
            "formula": sum(n for _, n in row.formula()) if row.formula else None,
            "published": row.published, "source": row.source,
            "dense share": dense / built, "seconds": seconds})
    return results


def initialized_check():
    """(symbolic count, auxiliary, values in an initialized network's collect_params())."""
    batch_norm_net = nn.HybridSequential()
    batch_norm_net.add(nn.Conv2D(8, kernel_size=3), nn.BatchNorm())
    cases = {"LeNet": (lenet(), (1, 1, 8, 8)), "NiN, 10 classes": (nin(10), (1, 3, 96, 96)),
             "convolution + batch norm": (batch_norm_net, (1, 3, 8, 8))}
    check = {}
    _train.seed(0)
    for name, (net, shape) in cases.items():
        learned, aux = count_parameters(net, shape)
        net.initialize()
        net(nd.zeros(shape))  # the first forward pass allocates the parameters
        allocated = sum(p.data().size for p in net.collect_params().values())
        check[name] = (learned, aux, allocated)
    return check


def five_by_five_path(c_in=192, reduce_to=16, c_out=32):
    return {"direct 5×5": conv_params(c_in, c_out, 5),
            f"1×1 to {reduce_to}, then 5×5": conv_params(c_in, reduce_to, 1)
            + conv_params(reduce_to, c_out, 5)}


def bottleneck_effect():
    return {"with": sum(n for _, n in googlenet_layers()),
            "without": sum(n for _, n in googlenet_layers(bottleneck=False))}


if __name__ == "__main__":
    header = (f"{'network':24s} {'input':>9s} {'parameters':>13s} {'formula':>13s} "
              f"{'published':>10s} {'dense':>6s} {'BN stats':>8s}  source")
    print(header)
    print("-" * len(header))
    for row in table():
        formula = "—" if row["formula"] is None else f"{row['formula']:,}"
        published = "—" if row["published"] is None else f"{row['published'] / 1e6:.0f} M"
        print(f"{row['name']:24s} {row['input']:>9s} {row['built']:>13,} {formula:>13s} "
              f"{published:>10s} {row['dense share']:>6.0%} {row['aux']:>8,}  {row['source']}")
    print("\n'dense' = share of the parameters in dense layers; 'BN stats' = batch norm's running "
          "means and variances, not included in 'parameters'")
    print("slowest count:", f"{max(row['seconds'] for row in table()):.2f} s")
    print("GoogLeNet with and without its 1×1 bottlenecks:", bottleneck_effect())

    counts = {row["name"]: row for row in table()}
    for key, name in (("alexnet_book", "AlexNet (book)"),
                      ("alexnet_paper", "AlexNet (paper, 2 GPUs)"), ("vgg16", "VGG-16"),
                      ("nin", "NiN (book)"), ("googlenet", "GoogLeNet (book)")):
        glue(key, counts[name]["built"])
        glue(f"{key}_dense_share", counts[name]["dense share"])
    glue("googlenet_no_bottleneck", bottleneck_effect()["without"])
    glue("bottleneck_ratio", bottleneck_effect()["without"] / bottleneck_effect()["with"])
    glue("path_direct", five_by_five_path()["direct 5×5"])
    glue("path_bottleneck", five_by_five_path()["1×1 to 16, then 5×5"])
    glue("alexnet_over_googlenet", counts["AlexNet (paper, 2 GPUs)"]["built"]
         / counts["GoogLeNet (book)"]["built"])
