# bintrees: allocate and walk binary trees, see ../bintrees.gol.


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left=None, right=None):
        self.left = left
        self.right = right

    def count(self):
        if self.left is None:
            return 1
        return 1 + self.left.count() + self.right.count()


def build(depth):
    if depth == 0:
        return Node()
    return Node(build(depth - 1), build(depth - 1))


def main():
    max_depth = 16
    print("stretch tree of depth %d\t check: %d" % (max_depth + 1, build(max_depth + 1).count()))
    long_lived = build(max_depth)
    for d in range(4, max_depth + 1, 2):
        iterations = 1 << (max_depth - d + 1)
        total = 0
        for _ in range(iterations):
            total += build(d).count()
        print("%d\t trees of depth %d\t check: %d" % (iterations, d, total))
    print("long lived tree of depth %d\t check: %d" % (max_depth, long_lived.count()))


main()
