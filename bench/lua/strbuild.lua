-- strbuild: string concatenation and a buffer, see ../strbuild.gol. The
-- strings.Builder counterpart is a table of pieces joined by table.concat.
local pieces = 1000000
local buf = {}
local nbuf = 0
local line = ""
local last = ""
for i = 0, pieces - 1 do
  line = line .. (tostring(i % 97) .. ",")
  if i % 10 == 9 then
    buf[nbuf + 1] = line
    buf[nbuf + 2] = "\n"
    nbuf = nbuf + 2
    last = line
    line = ""
  end
end
local s = table.concat(buf)
print(string.format("%d", #s))
print(last)
