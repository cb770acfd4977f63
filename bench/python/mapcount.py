# mapcount: str-keyed dict updates, see ../mapcount.gol.


def main():
    distinct = 1000
    updates = 2000000
    keys = ["key" + str(i * 7) for i in range(distinct)]
    counts = {}
    j = 0
    for i in range(updates):
        j = (j * 13 + i % 17) % distinct
        k = keys[j]
        counts[k] = counts.get(k, 0) + 1
    max_key, max_count, weighted = "", 0, 0
    for i in range(distinct):
        c = counts.get(keys[i], 0)
        weighted += c * (i + 1)
        if c > max_count:
            max_count = c
            max_key = keys[i]
    print(len(counts), max_key, max_count, weighted)


main()
