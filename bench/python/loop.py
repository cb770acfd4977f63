# loop: tight integer loop, see ../loop.gol. A while loop, not range(), so that
# the interpreter does the compare and increment itself, as gol must.


def main():
    n = 50000000
    x = 0
    total = 0
    i = 0
    while i < n:
        x = (x * 31 + i) % 1000003
        total += x
        i += 1
    print(x, total)


main()
