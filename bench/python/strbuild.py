# strbuild: string concatenation and a buffer, see ../strbuild.gol. The
# strings.Builder counterpart is a list of pieces joined once.


def main():
    pieces = 1000000
    buf = []
    line = ""
    last = ""
    for i in range(pieces):
        line += str(i % 97) + ","
        if i % 10 == 9:
            buf.append(line)
            buf.append("\n")
            last = line
            line = ""
    s = "".join(buf)
    print(len(s))
    print(last)


main()
