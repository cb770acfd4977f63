# sieve: sieve of Eratosthenes to ten million, see ../sieve.gol. Plain loops,
# no slice assignment, so that the interpreter does every store.


def main():
    limit = 10000000
    composite = [False] * (limit + 1)
    p = 2
    while p * p <= limit:
        if not composite[p]:
            for m in range(p * p, limit + 1, p):
                composite[m] = True
        p += 1
    count = 0
    for i in range(2, limit + 1):
        if not composite[i]:
            count += 1
    print(count)


main()
